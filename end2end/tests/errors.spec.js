// What the resident sees when the server says no: case system down (503) on submit and on a
// page load, a server-side field error (422) on the check page, an unknown case (404).
// The API answers are forced with page.route; the browser logs those failed requests, which
// is expected here and filtered from the console-error check.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');

/** Accept only "Failed to load resource" console errors (the forced API failures). */
function allowFailedRequests(browserErrors) {
  const unexpected = browserErrors.filter((e) => !/Failed to load resource/.test(e));
  expect(unexpected).toEqual([]);
  browserErrors.length = 0;
}

/** Logs in and fills in a kapvergunning up to the check page. */
async function reachCheckPage(resident, page) {
  await resident.loginAs(PERSONS.pieter, '/producten');
  await resident.startApplication('Kapvergunning', 'bomen');
  await page.getByRole('textbox', { name: 'Hoeveel bomen wilt u kappen?' }).fill('1');
  await resident.next();
  await page.getByRole('textbox', { name: 'Welke boomsoort(en)?' }).fill('Linde');
  await resident.next();
  await page.getByRole('radio', { name: 'Overlast' }).check();
  await resident.next();
  await resident.expectHeading('Documenten meesturen');
  await resident.next();
  await page.getByRole('textbox', { name: 'E-mailadres' }).fill('pieter@example.nl');
  await resident.next();
  await resident.expectHeading('Controleer uw antwoorden');
}

test.describe('errors', () => {
  test('case system down on submit: the draft is kept, a retry reuses the idempotency key', async ({ resident, page, browserErrors }) => {
    await reachCheckPage(resident, page);
    const keys = [];
    let failNext = true;
    await page.route('**/api/drafts/*/submit', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (failNext) {
        failNext = false;
        await route.fulfill({ status: 503, json: { code: 'case_api_unavailable', errors: [] } });
      } else {
        await route.continue();
      }
    });
    await resident.main.getByRole('button', { name: 'Versturen' }).click();
    const alert = resident.main.getByRole('alert');
    await expect(alert).toContainText('Het zaaksysteem is even niet bereikbaar. Uw aanvraag is bewaard; probeer het later opnieuw.');
    await resident.expectAccessible();

    await alert.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await resident.expectHeading('Aanvraag verstuurd');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    allowFailedRequests(browserErrors);
  });

  test('a field error from the server links back to the question', async ({ resident, page, browserErrors }) => {
    await reachCheckPage(resident, page);
    await page.route('**/api/drafts/*/submit', (route) => route.fulfill({
      status: 422, json: { code: 'invalid', errors: [{ field: 'boomsoort', code: 'too_long' }] },
    }));
    await resident.main.getByRole('button', { name: 'Versturen' }).click();
    await resident.expectErrorSummary('Welke boomsoort(en)?: Het antwoord is te lang.');
    await resident.errorSummary.getByRole('link').click();
    await expect(page).toHaveURL(/\/vraag\/2\?terug=controleren$/);
    await resident.expectHeading('Welke boomsoort(en)?');
    allowFailedRequests(browserErrors);
  });

  test('a page whose data cannot be loaded offers a retry', async ({ resident, page, browserErrors }) => {
    await resident.loginAs(PERSONS.anna, '/producten');
    let fail = true;
    await page.route('**/api/cases', (route) => (fail
      ? route.fulfill({ status: 503, json: { code: 'case_api_unavailable', errors: [] } })
      : route.continue()));
    await resident.nav.getByRole('link', { name: 'Mijn zaken' }).click();
    const alert = resident.main.getByRole('alert');
    await expect(alert).toContainText('Het zaaksysteem is even niet bereikbaar.');
    await resident.expectAccessible();
    fail = false;
    await alert.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await expect(alert).toHaveCount(0);
    await expect(resident.main.getByText(/^(Lopende zaken|U heeft nog geen zaken bij de gemeente\.)$/)).toBeVisible();
    allowFailedRequests(browserErrors);
  });

  test('an unknown case shows the not-found page', async ({ resident, page, browserErrors }) => {
    await resident.loginAs(PERSONS.anna);
    await page.goto('/zaken/00000000-0000-4000-8000-000000000000');
    await resident.expectHeading('Deze pagina bestaat niet');
    allowFailedRequests(browserErrors);
  });

  test('a stale CSRF token (logged in again elsewhere) is renewed and the save goes through', async ({ resident, page, browserErrors }) => {
    await resident.loginAs(PERSONS.mohamed, '/producten');
    await resident.startApplication('Kapvergunning', 'bomen');
    await resident.expectHeading('Hoeveel bomen wilt u kappen?');
    // Log in again behind the app's back (same cookie jar): its CSRF token is now stale.
    const session = await (await page.request.get('/api/session')).json();
    const relogin = await page.request.post('/api/session/demo', {
      headers: { 'x-csrf-token': session.csrf_token },
      data: { bsn: PERSONS.mohamed.bsn },
    });
    expect(relogin.status()).toBe(200);
    await page.getByRole('textbox', { name: 'Hoeveel bomen wilt u kappen?' }).fill('3');
    await resident.next();
    await resident.expectHeading('Welke boomsoort(en)?');
    allowFailedRequests(browserErrors);
  });
});
