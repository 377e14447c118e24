// A behandelaar handles a case: finds it by case number, sets the next status with an
// explanation; the resident, on their own device with the case page open, sees the new
// status without reloading. Then a document request shows as the
// resident's task, and the auditor finds the status change in the access log.
const { test, expect } = require('../support/fixtures');
const { PERSONS, Resident } = require('../pages/resident');
const { Staff, newContextLike } = require('../pages/staff');
const { residentCase } = require('../support/staff-cases');

test('a behandelaar sets the next status and the resident sees it', async ({ page, browser }, testInfo) => {
  // Two devices, eight pages and a dozen axe runs: more than the default 30 s on 2 busy cores.
  test.setTimeout(90_000);
  const person = testInfo.project.name === 'phone' ? PERSONS.pieter : PERSONS.suzanne;
  const staff = new Staff(page);
  const { main } = staff;

  const residentContext = await newContextLike(browser, testInfo);
  const resident = new Resident(await residentContext.newPage());
  const { caseId, identificatie } = await residentCase(residentContext, person.bsn, 'Aanvraag parkeervergunning bewoners', 'behandelaar@voorbeeld.example.nl');
  await resident.page.goto(`/zaken/${encodeURIComponent(caseId)}`);
  await resident.expectHeading('Aanvraag parkeervergunning bewoners');
  const steps = resident.main.locator('.loket-timeline__step');
  await expect(steps.first()).toHaveAttribute('aria-current', 'step');

  await staff.login('behandelaar');
  // A handler's menu: search and work overview, no on-behalf requests, no access log.
  await expect(staff.staffNav.getByRole('link', { name: 'Werkvoorraad' })).toBeVisible();
  await expect(staff.staffNav.getByRole('link', { name: 'Aanvraag namens inwoner' })).toHaveCount(0);
  await staff.search('zaaknummer', identificatie);
  await expect(main.getByRole('status').filter({ hasText: '1 zaak gevonden' })).toBeVisible();
  await staff.openHit(identificatie);
  await staff.expectHeading('Aanvraag parkeervergunning bewoners');

  const handle = main.getByRole('region', { name: 'Behandelen' });
  await expect(handle).toBeVisible();
  await staff.expectAccessible();
  await staff.expectNoHorizontalScroll();

  // The next step is suggested; set it with an explanation.
  const status = handle.getByRole('combobox', { name: 'Nieuwe status' });
  const suggested = await status.evaluate((el) => el.selectedOptions[0].textContent);
  const explanation = `We beoordelen uw aanvraag nu (${testInfo.project.name}).`;
  await handle.getByRole('textbox', { name: 'Toelichting' }).first().fill(explanation);
  await handle.getByRole('button', { name: 'Status zetten' }).click();
  await expect(handle.getByRole('status').filter({ hasText: 'De status is gezet.' })).toBeVisible();
  const history = main.getByRole('heading', { name: 'Statusgeschiedenis' }).locator('xpath=following-sibling::ol[1]');
  await expect(history.getByRole('listitem').filter({ hasText: explanation })).toContainText('Bas (behandelaar)');
  await expect(main.locator('.loket-timeline__step[aria-current="step"]')).toContainText(suggested);
  await staff.expectAccessible();

  // The resident's open case page follows (live update).
  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
  await expect(steps.nth(1)).toContainText(suggested);
  await expect(steps.first()).not.toHaveAttribute('aria-current', 'step');

  // Ask the resident for a document: an empty request is refused in the browser first.
  await handle.getByRole('button', { name: 'Document opvragen' }).click();
  await staff.expectErrorSummary('Dit is verplicht. Vul een antwoord in.');
  await staff.expectAccessible();
  const ask = `Stuur een kopie van het kentekenbewijs (${testInfo.project.name}).`;
  await handle.getByRole('textbox', { name: 'Wat vraagt u?' }).fill(ask);
  await handle.getByRole('button', { name: 'Document opvragen' }).click();
  await expect(handle.getByRole('status').filter({ hasText: 'Het verzoek staat nu bij de inwoner op de zaakpagina.' })).toBeVisible();
  await expect(staff.errorSummary).toHaveCount(0);
  await resident.page.reload();
  await expect(resident.main.getByRole('region', { name: 'Wat wij van u nodig hebben' })).toContainText(ask);
  await residentContext.close();

  // The auditor sees the status change.
  await staff.logout();
  await staff.login('auditor');
  await main.getByRole('textbox', { name: 'Zaaknummer' }).fill(identificatie);
  await main.getByRole('button', { name: 'Zoeken in log' }).click();
  const log = main.getByRole('table', { name: 'Toegangslog' });
  await expect(log.getByRole('row').filter({ hasText: 'set_status' }).filter({ hasText: 'behandelaar' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'search' }).filter({ hasText: 'behandelaar' })).toHaveCount(1);
  await staff.expectAccessible();
  await staff.expectNoHorizontalScroll();
});
