// Unknown URLs: the server answers with the SPA (deep links), the SPA shows the 404 page.
const { test, expect } = require('../support/fixtures');

test.describe('404 page', () => {
  for (const path of ['/bestaat-niet', '/zaken/123/onbekend']) {
    test(`deep link ${path} shows the 404 page with a working link home`, async ({ loket, page }) => {
      const t = loket.text('nl');
      const response = await loket.goto(path);
      // The server serves the SPA for any unknown non-API path; "not found" is the SPA's call.
      expect(response.status()).toBe(200);
      await expect(loket.h1).toHaveText(t.notFoundHeading);
      await expect(page).toHaveTitle(t.notFoundTitle);

      await loket.main.getByRole('link', { name: t.homeLink }).click();
      await expect(page).toHaveURL('/');
      await expect(loket.h1).toHaveText(t.startHeading);
    });
  }

  test('the staff app has the same 404 page, and its link home loads the resident app', async ({ loket, page }) => {
    const t = loket.text('nl');
    const wasmLoaded = (app) => page.waitForResponse(
      (r) => new RegExp(`/assets/loket-app-${app}-[0-9a-f]+_bg\\.wasm$`).test(new URL(r.url()).pathname),
    );
    const staffWasm = wasmLoaded('staff');
    await loket.goto('/medewerker/bestaat-niet');
    await staffWasm;
    await expect(loket.h1).toHaveText(t.notFoundHeading);

    // The start page belongs to the other app: following the link loads it from the server.
    const residentWasm = wasmLoaded('resident');
    await loket.main.getByRole('link', { name: t.homeLink }).click();
    await residentWasm;
    await expect(page).toHaveURL('/');
    await expect(loket.h1).toHaveText(t.startHeading);

    // One history entry per page: Back returns to the staff app's page.
    await page.goBack();
    await expect(page).toHaveURL('/medewerker/bestaat-niet');
    await expect(loket.h1).toHaveText(t.notFoundHeading);
  });

  test('is translated', async ({ loket }) => {
    await loket.goto('/bestaat-niet');
    await loket.switchLanguage('en');
    await expect(loket.h1).toHaveText(loket.text('en').notFoundHeading);
    await expect(loket.main.getByRole('link', { name: loket.text('en').homeLink })).toBeVisible();
  });
});
