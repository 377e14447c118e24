// The start page and the layout around it.
const { test, expect } = require('../support/fixtures');

test.describe('start page', () => {
  test('renders heading, header with the municipality, main and footer', async ({ loket, page }) => {
    const t = loket.text('nl');
    await loket.goto('/');

    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(loket.h1).toHaveText(t.startHeading);
    await expect(page).toHaveTitle(t.startTitle);
    await expect(loket.banner).toContainText(loket.municipality);
    await expect(loket.homeLinkInHeader()).toHaveAttribute('href', '/');
    await expect(loket.main.getByRole('heading', { level: 2 })).toHaveCount(2);
    await expect(loket.main.getByRole('listitem')).toHaveCount(3);
    for (const heading of t.footerHeadings) {
      await expect(loket.footer.getByRole('heading', { name: heading })).toBeVisible();
    }
    await expect(loket.footer).toContainText('14 + netnummer');
    await expect(loket.languageButton('Nederlands')).toHaveAttribute('aria-pressed', 'true');
    await expect(loket.languageButton('English')).toHaveAttribute('aria-pressed', 'false');
  });

  test('links only to pages that exist', async ({ loket }) => {
    await loket.goto('/');
    // Applying and following cases have pages; uploading documents has none yet.
    const links = loket.main.getByRole('link');
    await expect(links).toHaveCount(2);
    await expect(links.nth(0)).toHaveAttribute('href', '/producten');
    await expect(links.nth(1)).toHaveAttribute('href', '/mijn-zaken');
  });

  test('keeps focus at the top on the first load', async ({ loket }) => {
    await loket.goto('/');
    expect((await loket.focused()).tag).toBe('body');
  });

  test('uses the municipality logo from the server', async ({ loket }) => {
    await loket.goto('/');
    const logo = loket.banner.locator('img.loket-header__logo');
    await expect(logo).toHaveAttribute('alt', '');
    // naturalWidth > 0: the image actually loaded (not a broken placeholder URL).
    await expect.poll(() => logo.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  });
});
