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

  test('has no links to pages that do not exist yet', async ({ loket }) => {
    await loket.goto('/');
    // The only link in <main> would be a feature link; there must be none for now.
    await expect(loket.main.getByRole('link')).toHaveCount(0);
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
