// Usable on the narrowest phones: nothing may force horizontal scrolling at 320 px
// (WCAG 1.4.10 Reflow).
const { test, expect } = require('../support/fixtures');

test.describe('layout at 320 px', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const path of ['/', '/bestaat-niet']) {
    for (const lang of ['nl', 'en']) {
      test(`${path} in ${lang} has no horizontal scroll`, async ({ loket, page }) => {
        await loket.goto(path);
        if (lang === 'en') await loket.switchLanguage('en');
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      });
    }
  }
});
