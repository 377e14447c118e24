// Who may use the staff pages: a resident's session is not a staff session (sent to the
// staff login; the staff API answers 403), a wrong password is refused with the error
// summary, and each role only gets its own pages. axe on the login page in both languages.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');
const { Staff } = require('../pages/staff');

test('a resident session cannot use the staff pages', async ({ page }, testInfo) => {
  const person = testInfo.project.name === 'phone' ? PERSONS.mohamed : PERSONS.anna;
  const staff = new Staff(page);
  await staff.loginAs(person);

  for (const path of ['/medewerker/zoeken', '/medewerker/werkvoorraad', '/medewerker/toegangslog']) {
    await page.goto(path);
    await expect(page).toHaveURL('/medewerker/inloggen');
    await staff.expectHeading('Inloggen voor medewerkers');
    await expect(staff.main.getByRole('status').filter({ hasText: 'Log in als medewerker om deze pagina te bekijken.' })).toBeVisible();
    await expect(staff.staffNav).toHaveCount(0);
  }
  // The server refuses the resident on every staff endpoint, too.
  const answer = await page.request.get('/api/staff/overview');
  expect(answer.status()).toBe(403);
  const search = await page.request.post('/api/staff/search', { data: { bsn: person.bsn, purpose: 'test' } });
  expect([403, 401]).toContain(search.status());
});

test('a wrong password shows the error, the right one logs in', async ({ page, browserErrors }) => {
  const staff = new Staff(page);
  const { main } = staff;
  await staff.openStaffLogin();
  await staff.expectAccessible();
  // Nothing filled in: both fields are named in the summary.
  await main.getByRole('button', { name: 'Inloggen' }).click();
  await expect(staff.errorSummary).toBeFocused();
  await expect(staff.errorSummary.getByRole('link')).toHaveCount(2);

  await staff.fillLogin('kcc', 'niet-het-wachtwoord');
  await staff.expectErrorSummary('De gebruikersnaam of het wachtwoord klopt niet.');
  const username = main.getByRole('textbox', { name: 'Gebruikersnaam' });
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAccessibleDescription(/Fout: De gebruikersnaam of het wachtwoord klopt niet/);
  await staff.expectAccessible();
  await expect(page).toHaveURL('/medewerker/inloggen');

  // The browser logs the refused login's 401; nothing else may show up.
  expect(browserErrors).toEqual([expect.stringMatching(/status of 401 \(Unauthorized\)/)]);
  browserErrors.length = 0;

  await staff.fillLogin('kcc', 'kcc-demo-wachtwoord');
  await staff.expectHeading('Zaken zoeken');
  await expect(staff.errorSummary).toHaveCount(0);
});

test('each role gets its own pages only', async ({ page }) => {
  const staff = new Staff(page);
  const { main } = staff;
  await staff.login('auditor');
  await expect(staff.staffNav.getByRole('link')).toHaveText(['Toegangslog']);
  await staff.expectAccessible();
  await page.goto('/medewerker/zoeken');
  await staff.expectHeading('Zaken zoeken');
  await expect(main.getByText('U heeft geen toegang tot deze pagina met uw rol.')).toBeVisible();
  await expect(main.getByRole('button', { name: 'Zoeken' })).toHaveCount(0);
  await staff.logout();

  await staff.login('kcc');
  await page.goto('/medewerker/toegangslog');
  await staff.expectHeading('Toegangslog');
  await expect(main.getByText('U heeft geen toegang tot deze pagina met uw rol.')).toBeVisible();
  await page.goto('/medewerker');
  await expect(page).toHaveURL('/medewerker/zoeken');
});

test('the staff pages in English have no accessibility violations', async ({ page, loket }) => {
  const staff = new Staff(page);
  await staff.openStaffLogin();
  await loket.switchLanguage('en');
  await expect(staff.h1).toHaveText('Staff login');
  await expect(staff.main.getByRole('textbox', { name: 'User name' })).toBeVisible();
  await staff.expectAccessible();
  // The staff pages follow the language: log in and search in English.
  await staff.main.getByRole('textbox', { name: 'User name' }).fill('behandelaar');
  await staff.main.getByLabel('Password', { exact: true }).fill('behandelaar-demo-wachtwoord');
  await staff.main.getByRole('button', { name: 'Log in' }).click();
  await expect(staff.h1).toHaveText('Search cases');
  await expect(page.getByRole('navigation', { name: 'Staff menu' }).getByRole('link', { name: 'Work overview' })).toBeVisible();
  await staff.main.getByRole('button', { name: 'Search' }).click();
  await expect(staff.errorSummary.getByRole('link', { name: 'This is required. Please give an answer.' })).toBeVisible();
  await staff.expectAccessible();
  await page.getByRole('navigation', { name: 'Staff menu' }).getByRole('link', { name: 'Work overview' }).click();
  await expect(staff.h1).toHaveText('Work overview');
  await expect(staff.main.getByRole('table', { name: /^Cases per product/ })).toBeVisible();
  await expect(staff.main.getByRole('status').filter({ hasText: /^(\d+ open cases|1 open case)$/ })).toBeVisible();
  await staff.expectAccessible();
});

test('a failed organisation login says why on the login page', async ({ page }) => {
  const staff = new Staff(page);
  await page.goto('/medewerker/inloggen?fout=geen-rol');
  await staff.expectHeading('Inloggen voor medewerkers');
  await expect(staff.main.getByRole('alert')).toHaveText('Uw account heeft geen rol in het Loket. Vraag uw beheerder om toegang.');
  await staff.expectAccessible();
  await page.goto('/medewerker/inloggen?fout=oidc');
  await expect(staff.main.getByRole('alert')).toHaveText('Inloggen met uw organisatie-account is niet gelukt. Probeer het opnieuw.');
  // The e2e server has the organisation's provider configured: its login is offered next to
  // the password form (staff-oidc.spec.js goes through it).
  const organisation = staff.main.getByRole('link', { name: 'Inloggen met uw organisatie-account' });
  await expect(organisation).toBeVisible();
  await expect(staff.main.getByRole('textbox', { name: 'Gebruikersnaam' })).toBeVisible();
  // Without it (the server says so in the staff session), only the password form is offered.
  await page.route('**/api/staff/session', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), oidc_login: false } });
  });
  await page.reload();
  await expect(staff.main.getByRole('textbox', { name: 'Gebruikersnaam' })).toBeVisible();
  await expect(organisation).toHaveCount(0);
});
