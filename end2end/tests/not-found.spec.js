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

  test('is translated', async ({ loket }) => {
    await loket.goto('/bestaat-niet');
    await loket.switchLanguage('en');
    await expect(loket.h1).toHaveText(loket.text('en').notFoundHeading);
    await expect(loket.main.getByRole('link', { name: loket.text('en').homeLink })).toBeVisible();
  });
});
