// Without JavaScript the static shell must still tell residents how to reach the municipality.
const { test, expect } = require('../support/fixtures');

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('shows the header, the skip link and how to get help', async ({ page, loket }) => {
    await page.goto('/');
    await expect(loket.banner).toContainText(loket.municipality);
    await expect(page.getByRole('heading', { level: 1, name: 'JavaScript staat uit' })).toBeVisible();
    await expect(loket.main).toContainText('14 + netnummer');
    await expect(loket.skipLink()).toBeAttached();
  });
});
