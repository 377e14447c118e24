// Searching by the applicant's name or postcode (the server's case index) and the browser's
// checks of each kind of search term.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');
const { Staff, newContextLike } = require('../pages/staff');
const { residentCase } = require('../support/staff-cases');

test('search by name finds the case; bad terms are caught in the browser', async ({ page, browser }, testInfo) => {
  const person = testInfo.project.name === 'phone' ? PERSONS.suzanne : PERSONS.pieter;
  const context = await newContextLike(browser, testInfo);
  const { identificatie } = await residentCase(context, person.bsn);
  await context.close();

  const staff = new Staff(page);
  const { main } = staff;
  await staff.login('kcc');

  // A postcode that is not one, and a one-letter name: the error summary, nothing sent.
  await staff.main.getByRole('radio', { name: 'Postcode van de aanvrager' }).check();
  await main.getByRole('textbox', { name: /^Postcode/ }).fill('12345');
  await main.getByRole('button', { name: 'Zoeken' }).click();
  await staff.expectErrorSummary('Vul een postcode in zoals 1234 AB.');
  await staff.expectAccessible();
  await staff.main.getByRole('radio', { name: 'Naam van de aanvrager' }).check();
  const name = main.getByRole('textbox', { name: /^Naam of het begin van de woorden/ });
  await name.fill('d');
  await main.getByRole('button', { name: 'Zoeken' }).click();
  await staff.expectErrorSummary('Dit is verplicht. Vul een antwoord in.');

  // The start of the last name finds the new case (the index follows the case API's
  // notifications, so search again until it is there).
  const lastName = person.name.split(' ').pop();
  await name.fill(lastName.slice(0, 4).toLowerCase());
  await expect(async () => {
    await main.getByRole('button', { name: 'Zoeken' }).click();
    await expect(main.getByRole('link', { name: new RegExp(identificatie) })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(staff.errorSummary).toHaveCount(0);
  await staff.expectAccessible();
});

test('a name or postcode search that reaches the limit says to narrow it; a BSN search does not', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  // Pieter Bakker (9711 LM) on desktop, Anna Jansen (1012 AB) on the phone: 50 requests
  // each, through the portal API, so the search reaches its limit of the 50 newest.
  const person = testInfo.project.name === 'phone'
    ? { ...PERSONS.anna, postcode: '1012 AB' } : { ...PERSONS.pieter, postcode: '9711 LM' };
  const context = await newContextLike(browser, testInfo);
  for (let i = 0; i < 50; i += 1) await residentCase(context, person.bsn);
  await context.close();

  const staff = new Staff(page);
  const { main } = staff;
  await staff.login('kcc');
  await main.getByRole('radio', { name: 'Postcode van de aanvrager' }).check();
  await main.getByRole('textbox', { name: /^Postcode/ }).fill(person.postcode);
  const status = main.getByRole('status');
  // The index follows the case API's notifications: search again until all are in.
  await expect(async () => {
    await main.getByRole('button', { name: 'Zoeken' }).click();
    await expect(status).toContainText('50 zaken gevonden', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(status).toContainText('Dit zijn de 50 nieuwste. Er kunnen meer zaken zijn');
  await expect(main.getByRole('link', { name: /ZAAK-/ })).toHaveCount(50);
  await staff.expectAccessible();

  // By BSN the Zaken API answers with all of them: no limit, no such note.
  await main.getByRole('radio', { name: 'Burgerservicenummer (BSN)' }).check();
  await main.getByRole('textbox', { name: 'BSN van de inwoner' }).fill(person.bsn);
  const byBsn = page.waitForResponse((r) => r.url().endsWith('/api/staff/search')
    && r.request().postDataJSON().bsn === person.bsn && r.status() === 200);
  await main.getByRole('button', { name: 'Zoeken' }).click();
  const hits = await (await byBsn).json();
  expect(hits.length).toBeGreaterThanOrEqual(50);
  await expect(status).toContainText(`${hits.length} zaken gevonden`);
  await expect(status).not.toContainText('nieuwste');
});
