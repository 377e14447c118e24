// Automated WCAG 2.2 AA checks (axe-core) on every page, in both languages, with colour
// contrast ON. Axe finds a part of the problems only; the keyboard and focus specs cover more.
const AxeBuilder = require('@axe-core/playwright').default;
const { test, expect } = require('../support/fixtures');

const PAGES = ['/', '/bestaat-niet'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(summary).toEqual([]);
}

test.describe('accessibility (axe)', () => {
  for (const path of PAGES) {
    for (const lang of ['nl', 'en']) {
      test(`${path} in ${lang} has no violations`, async ({ loket, page }) => {
        await loket.goto(path);
        if (lang === 'en') await loket.switchLanguage('en');
        await expectNoViolations(page);
      });
    }
  }

  test('the focused skip link has no violations', async ({ loket, page }) => {
    await loket.goto('/');
    await page.keyboard.press('Tab');
    await expect(loket.skipLink()).toBeFocused();
    await expectNoViolations(page);
  });
});
