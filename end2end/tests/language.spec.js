// Dutch by default, English on request; the choice persists and drives <html lang>.
const { test, expect } = require('../support/fixtures');

test.describe('language switch', () => {
  test('switches to English, persists across reload, and back to Dutch', async ({ loket, page }) => {
    const en = loket.text('en');
    const nl = loket.text('nl');
    await loket.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

    await loket.switchLanguage('en');
    await expect(loket.h1).toHaveText(en.startHeading);
    await expect(page).toHaveTitle(en.startTitle);
    await expect(loket.skipLink('en')).toBeAttached();
    await expect(loket.languageButton('English')).toHaveAttribute('aria-pressed', 'true');
    for (const heading of en.footerHeadings) {
      await expect(loket.footer.getByRole('heading', { name: heading })).toBeVisible();
    }

    await page.reload();
    await loket.waitForApp();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(loket.h1).toHaveText(en.startHeading);
    expect(await page.evaluate(() => localStorage.getItem('loket.lang'))).toBe('en');

    await loket.switchLanguage('nl');
    await expect(loket.h1).toHaveText(nl.startHeading);
    await page.reload();
    await loket.waitForApp();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  });

  test('marks each language name with its own lang attribute', async ({ loket }) => {
    await loket.goto('/');
    await expect(loket.languageButton('English')).toHaveAttribute('lang', 'en');
    await expect(loket.languageButton('Nederlands')).toHaveAttribute('lang', 'nl');
    await expect(loket.footer.getByRole('group', { name: 'Taal' })).toBeVisible();
  });
});
