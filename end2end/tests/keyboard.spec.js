// Keyboard-only use: skip link first, skip link to <main>, every control reachable by Tab.
const { test, expect } = require('../support/fixtures');

/** Marks every visible link and button so the tab walk can tell which ones it reached. */
async function tagControls(page) {
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll('a[href], button, [tabindex]:not([tabindex="-1"])')]
      .filter((el) => !el.disabled);
    controls.forEach((el, i) => { el.dataset.e2eControl = String(i); });
    return controls.length;
  });
}

/** Presses Tab until focus wraps around; returns the tagged controls in the order reached. */
async function tabThrough(page, maxPresses = 60) {
  const reached = [];
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.dataset?.e2eControl ?? null);
    if (id === null) {
      if (reached.length > 0) break; // left the document: the walk is complete
      continue;
    }
    if (reached.includes(id)) break;
    reached.push(id);
  }
  return reached;
}

test.describe('keyboard', () => {
  test('Tab from the top reaches the skip link first; it moves focus to main', async ({ loket, page }) => {
    await loket.goto('/');
    await page.keyboard.press('Tab');
    const skip = loket.skipLink();
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport(); // visible when focused

    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
    // The next Tab continues inside or after main, not back at the header.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement.closest('header') === null);
    expect(next).toBe(true);
  });

  for (const path of ['/', '/bestaat-niet']) {
    test(`every link and button on ${path} is reachable with Tab`, async ({ loket, page }) => {
      await loket.goto(path);
      const total = await tagControls(page);
      expect(total).toBeGreaterThan(2);
      const reached = await tabThrough(page);
      expect(reached[0]).toBe(await loket.skipLink().getAttribute('data-e2e-control'));
      expect(new Set(reached).size).toBe(total);
    });
  }

  test('the language switch works with the keyboard', async ({ loket, page }) => {
    await loket.goto('/');
    await loket.languageButton('English').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await loket.languageButton('Nederlands').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  });
});
