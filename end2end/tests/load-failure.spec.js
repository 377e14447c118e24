// If the app can't start (old browser, blocked or broken download), the boot script swaps the
// loading message for the static explanation of how to reach the municipality.
const { test, expect } = require('../support/fixtures');

test('a failed wasm download shows how to reach the municipality', async ({ page, loket, browserErrors }) => {
  await page.route(/_bg\.wasm$/, (route) => route.abort('failed'));
  await page.goto('/');

  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('heading', { level: 1 })).toHaveText('Het Loket kan niet worden geladen');
  await expect(alert).toContainText(`Bel ${loket.municipality} op 14 + netnummer`);
  await expect(loket.loadingMessage).toBeHidden();

  // The failure is expected here: accept exactly the errors it causes, nothing else.
  await expect.poll(() => browserErrors.some((e) => e.includes('Loket could not start'))).toBe(true);
  const unexpected = browserErrors.filter((e) => !/Loket could not start|Failed to load resource|net::ERR_FAILED/.test(e));
  expect(unexpected).toEqual([]);
  browserErrors.length = 0;
});
