// DigiD through the OpenID Connect broker: here a real provider (support/oidc-provider.mjs,
// started by playwright.config.js) whose development login form takes the BSN as the login.
// axe runs on Loket's pages only, not on the provider's.
const { test, expect } = require('../support/fixtures');

const OIDC_ORIGIN = `http://127.0.0.1:${process.env.E2E_OIDC_PORT}`;

/** From a page that needs login, through the provider's login and consent pages. */
async function loginWithDigid(resident, page, bsn) {
  // The provider's development pages load a web font from the internet (no network here)
  // and have no favicon; answer those with nothing so the console stays clean.
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.fulfill({ status: 200, body: '' }));
  await page.route(`${OIDC_ORIGIN}/favicon.ico`, (route) => route.fulfill({ status: 204, body: '' }));
  await page.goto('/mijn-zaken');
  await expect(page).toHaveURL(/\/inloggen\?next=%2Fmijn-zaken$/);
  await resident.expectHeading('Inloggen');
  await resident.expectAccessible();
  await resident.main.getByRole('link', { name: 'Inloggen met DigiD' }).click();

  // The provider's own pages.
  await page.locator('input[name="login"]').fill(bsn);
  await page.locator('input[name="password"]').fill('een-wachtwoord');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test.describe('DigiD login', () => {
  test('a resident logs in with DigiD and returns to the page that asked for it', async ({ resident, page }) => {
    await loginWithDigid(resident, page, '999993653');
    await expect(page).toHaveURL('/mijn-zaken');
    await resident.expectHeading('Mijn zaken');
    await expect(resident.nav.getByText(/^Ingelogd/)).toBeVisible();
    await expect(resident.nav.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
    await resident.expectAccessible();
  });

  test('a BSN that fails the 11-proef ends on the login page with a notice', async ({ resident, page }) => {
    await loginWithDigid(resident, page, '123456789');
    await expect(page).toHaveURL(/\/inloggen\?.*fout=digid(&|$)/);
    const notice = resident.main.getByRole('alert');
    await expect(notice).toHaveText('Inloggen met DigiD is niet gelukt. Probeer het opnieuw.');
    await expect(resident.main.locator('.loket-alert--error')).toBeFocused();
    await expect(resident.nav.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);
    await resident.expectAccessible();
  });

  test('a cancelled DigiD login says so on the login page', async ({ resident, page }) => {
    await page.goto('/inloggen?fout=digid-geannuleerd');
    await expect(resident.main.getByRole('alert')).toHaveText('U heeft het inloggen met DigiD geannuleerd.');
    await expect(resident.main.locator('.loket-alert--error')).toBeFocused();
    await resident.expectAccessible();
  });
});
