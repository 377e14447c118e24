// Staff log in with their organisation's account through OpenID Connect. Here the
// organisation's identity provider is a real provider (support/oidc-provider.mjs, started by
// playwright.config.js, which configures loket's LOKET_STAFF_OIDC_*): its development login
// takes `name:role1,role2` as the account, and the roles come back in the `roles` claim.
// axe runs on Loket's pages only, not on the provider's.
const { test, expect } = require('../support/fixtures');
const { Staff, newContextLike } = require('../pages/staff');
const { residentCase } = require('../support/staff-cases');

const OIDC_ORIGIN = `http://127.0.0.1:${process.env.E2E_OIDC_PORT}`;

/** This spec's own residents (11-proef), one per project: their cases never mix with others'. */
const BSNS = { phone: '200000020', desktop: '200000032' };

/** From the staff login page, through the provider's login and consent pages. */
async function loginWithOrganisation(staff, page, account) {
  // The provider's development pages load a web font from the internet (no network here)
  // and have no favicon; answer those with nothing so the console stays clean.
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.fulfill({ status: 200, body: '' }));
  await page.route(`${OIDC_ORIGIN}/favicon.ico`, (route) => route.fulfill({ status: 204, body: '' }));
  await staff.openStaffLogin();
  const button = staff.main.getByRole('link', { name: 'Inloggen met uw organisatie-account' });
  await expect(button).toBeVisible();
  // The password form stays, under its own heading (the demo accounts, local accounts).
  await expect(staff.main.getByRole('heading', { name: 'Of met gebruikersnaam en wachtwoord' })).toBeVisible();
  await staff.expectAccessible();
  await button.click();

  // The provider's own pages.
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('een-wachtwoord');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test.describe('staff login with the organisation account', () => {
  test('a KCC employee logs in and works with the role from the claim', async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    const context = await newContextLike(browser, testInfo);
    const { identificatie } = await residentCase(context, BSNS[testInfo.project.name]);
    await context.close();

    const staff = new Staff(page);
    const { main } = staff;
    // `onbekend` is no Loket role: ignored.
    await loginWithOrganisation(staff, page, 'j.jansen:kcc,onbekend');
    await expect(page).toHaveURL('/medewerker/zoeken');
    await staff.expectHeading('Zaken zoeken');
    await expect(staff.staffNav.getByText('Ingelogd als j.jansen')).toBeVisible();
    // The KCC menu: the desk, no access log.
    await expect(staff.staffNav.getByRole('link', { name: 'Aanvraag namens inwoner' })).toBeVisible();
    await expect(staff.staffNav.getByRole('link', { name: 'Toegangslog' })).toHaveCount(0);
    await staff.expectAccessible();

    // The role works: find the caller's case and open it, without a handler's actions.
    await staff.search('bsn', BSNS[testInfo.project.name]);
    await expect(main.getByRole('status').filter({ hasText: '1 zaak gevonden' })).toBeVisible();
    await staff.openHit(identificatie);
    await staff.expectHeading('Aanvraag parkeervergunning bewoners');
    await expect(staff.summaryValue('Zaaknummer').first()).toHaveText(identificatie);
    await expect(main.getByRole('heading', { name: 'Behandelen' })).toHaveCount(0);

    // The access log is for auditors only.
    await page.goto('/medewerker/toegangslog');
    await expect(main.getByText('U heeft geen toegang tot deze pagina met uw rol.')).toBeVisible();

    await staff.logout();
  });

  test('an account without a Loket role is refused with a clear message', async ({ page }) => {
    const staff = new Staff(page);
    await loginWithOrganisation(staff, page, 'p.pietersen:medewerker');
    await expect(page).toHaveURL('/medewerker/inloggen?fout=geen-rol');
    await staff.expectHeading('Inloggen voor medewerkers');
    await expect(staff.main.getByRole('alert'))
      .toHaveText('Uw account heeft geen rol in het Loket. Vraag uw beheerder om toegang.');
    await expect(staff.staffNav).toHaveCount(0);
    await staff.expectAccessible();
    // Not logged in: staff pages still ask for a login.
    await page.goto('/medewerker/zoeken');
    await expect(page).toHaveURL('/medewerker/inloggen');
  });
});
