// The KCC desk end to end: a resident has a case; a KCC employee logs in, finds it by the
// caller's BSN (a mistyped BSN fails the 11-proef first), opens it, registers a contact
// note, and submits a new request on behalf of the caller by phone; the resident then finds
// that case in Mijn zaken, and the auditor finds all of it in the access log. axe-core on
// every staff page on the way.
const { test, expect } = require('../support/fixtures');
const { PERSONS, Resident } = require('../pages/resident');
const { Staff, newContextLike } = require('../pages/staff');
const { residentCase } = require('../support/staff-cases');

test('a KCC employee helps a caller: search, case, note, request on behalf', async ({ page, browser }, testInfo) => {
  // Two devices, eight pages and a dozen axe runs: more than the default 30 s on 2 busy cores.
  test.setTimeout(90_000);
  const person = testInfo.project.name === 'phone' ? PERSONS.anna : PERSONS.mohamed;
  const staff = new Staff(page);
  const { main } = staff;

  // The resident's own device: a case to ask about.
  const residentContext = await newContextLike(browser, testInfo);
  const resident = new Resident(await residentContext.newPage());
  const { identificatie: caseNumber } = await residentCase(residentContext, person.bsn);
  expect(caseNumber).toMatch(/^ZAAK-\d{4}-\d+$/);

  // Staff pages need a staff login.
  await page.goto('/medewerker/zoeken');
  await expect(page).toHaveURL('/medewerker/inloggen');
  await staff.expectHeading('Inloggen voor medewerkers');
  await expect(main.getByRole('status').filter({ hasText: 'Log in als medewerker om deze pagina te bekijken.' })).toBeVisible();
  await staff.expectAccessible();
  await staff.fillLogin('kcc', 'kcc-demo-wachtwoord');
  await staff.expectHeading('Zaken zoeken');
  await expect(staff.staffNav.getByText('Ingelogd als Karin (KCC)')).toBeVisible();
  // Role-appropriate menu: the desk, no access log.
  await expect(staff.staffNav.getByRole('link', { name: 'Aanvraag namens inwoner' })).toBeVisible();
  await expect(staff.staffNav.getByRole('link', { name: 'Toegangslog' })).toHaveCount(0);
  await staff.expectAccessible();

  // A mistyped BSN is caught in the browser (11-proef), with the error summary.
  await staff.search('bsn', '123456789');
  await staff.expectErrorSummary('Vul een geldig burgerservicenummer in: 9 cijfers.');
  const bsnField = main.getByRole('textbox', { name: 'BSN van de inwoner' });
  await expect(bsnField).toHaveAttribute('aria-invalid', 'true');
  await staff.expectAccessible();
  await staff.errorSummary.getByRole('link').click();
  await expect(bsnField).toBeFocused();

  await staff.search('bsn', person.bsn);
  await expect(main.getByRole('status').filter({ hasText: /^(\d+ zaken|1 zaak) gevonden$/ })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Gevonden zaken' })).toBeVisible();
  await expect(staff.errorSummary).toHaveCount(0);
  await staff.expectAccessible();
  await staff.expectNoHorizontalScroll();
  await staff.openHit(caseNumber);

  // The case as the resident sees it, plus the internal part.
  await staff.expectHeading('Aanvraag parkeervergunning bewoners');
  await expect(staff.h1).toBeFocused();
  await expect(staff.summaryValue('Zaaknummer').first()).toHaveText(caseNumber);
  await expect(main.getByRole('heading', { name: 'Uw antwoorden' })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Betrokkenen' })).toBeVisible();
  await expect(main.getByText(person.bsn).first()).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Audittrail' })).toBeVisible();
  await expect(main.getByText('Er zijn nog geen contactmomenten vastgelegd.')).toBeVisible();
  // The resident's own links (their receipt, back to their Mijn zaken) are not offered to staff.
  await expect(main.getByRole('link', { name: 'Ontvangstbevestiging downloaden (PDF)' })).toHaveCount(0);
  await expect(main.getByRole('link', { name: 'Terug naar Mijn zaken' })).toHaveCount(0);
  // A KCC employee does not handle cases.
  await expect(main.getByRole('heading', { name: 'Behandelen' })).toHaveCount(0);
  await staff.expectAccessible();
  await staff.expectNoHorizontalScroll();
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  await staff.expectNoHorizontalScroll();
  await page.setViewportSize(viewport);

  // A contact note: empty first (error summary), then filled in.
  const notes = main.getByRole('region', { name: 'Contactmomenten' });
  await notes.getByRole('button', { name: 'Contactmoment opslaan' }).click();
  await expect(staff.errorSummary).toBeFocused();
  await expect(staff.errorSummary.getByRole('link', { name: 'Dit is verplicht. Vul een antwoord in.' })).toHaveCount(2);
  await staff.expectAccessible();
  const subject = `Vraag over de status (${testInfo.project.name})`;
  await notes.getByRole('combobox', { name: 'Kanaal' }).selectOption({ label: 'Telefoon' });
  await notes.getByRole('textbox', { name: 'Onderwerp' }).fill(subject);
  await notes.getByRole('textbox', { name: 'Wat is er besproken?' }).fill('Inwoner belde; uitgelegd dat de aanvraag is ontvangen.');
  await notes.getByRole('button', { name: 'Contactmoment opslaan' }).click();
  await expect(notes.getByRole('status').filter({ hasText: 'Het contactmoment is opgeslagen.' })).toBeVisible();
  await expect(notes.getByRole('listitem').filter({ hasText: subject })).toContainText('telefoon');
  await expect(staff.errorSummary).toHaveCount(0);
  await expect(notes.getByRole('textbox', { name: 'Onderwerp' })).toHaveValue('');
  await staff.expectAccessible();

  // A new request on behalf of the caller (the BSN of the search is filled in already).
  await staff.staffNav.getByRole('link', { name: 'Aanvraag namens inwoner' }).click();
  await staff.expectHeading('Aanvraag namens inwoner');
  await expect(staff.h1).toBeFocused();
  await expect(main.getByRole('textbox', { name: 'Burgerservicenummer (BSN)' })).toHaveValue(person.bsn);
  await staff.expectAccessible();
  await main.getByRole('button', { name: 'Aanvraag starten' }).click();
  await staff.expectErrorSummary('Kies een product.');
  await main.getByRole('combobox', { name: 'Product' }).selectOption({ label: 'Aanvraag parkeervergunning bewoners' });
  await expect(main.getByRole('radio', { name: 'Telefoon' })).toBeChecked();
  await main.getByRole('button', { name: 'Aanvraag starten' }).click();

  await expect(page).toHaveURL(/\/medewerker\/namens\/[^/]+$/);
  await staff.expectHeading('Aanvraag invullen namens inwoner');
  await expect(main.getByText('Aanvraag: Aanvraag parkeervergunning bewoners')).toBeVisible();
  // The contact details the resident gave last time are filled in.
  await expect(main.getByRole('textbox', { name: 'E-mailadres' })).toHaveValue('staff-spec@voorbeeld.example.nl');
  await staff.expectAccessible();
  // The shared form validation runs before anything is sent.
  await main.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await expect(staff.errorSummary).toBeFocused();
  await expect(staff.errorSummary.getByRole('link', { name: 'Dit is verplicht. Vul een antwoord in.' })).toHaveCount(3);
  const kenteken = main.getByRole('textbox', { name: 'Kenteken van de auto' });
  await expect(kenteken).toHaveAttribute('aria-invalid', 'true');
  await staff.expectAccessible();
  await kenteken.fill('CD-456-E');
  await main.getByLabel(/Vanaf wanneer/).fill('2026-12-01');
  await main.getByRole('textbox', { name: "Aantal auto's op uw adres" }).fill('1');
  await main.getByRole('textbox', { name: 'E-mailadres' }).fill('telefoon@voorbeeld.example.nl');
  await main.getByRole('button', { name: 'Aanvraag versturen' }).click();

  await expect(main.getByRole('heading', { name: 'Aanvraag verstuurd' })).toBeVisible();
  const newNumber = (await main.locator('.loket-panel__number').textContent()).trim();
  expect(newNumber).toMatch(/^ZAAK-\d{4}-\d+$/);
  expect(newNumber).not.toBe(caseNumber);
  await staff.expectAccessible();
  await main.getByRole('link', { name: 'Zaak bekijken' }).click();
  await staff.expectHeading('Aanvraag parkeervergunning bewoners');
  await expect(staff.summaryValue('Zaaknummer').first()).toHaveText(newNumber);

  // The resident sees the new case in Mijn zaken.
  await resident.page.goto('/mijn-zaken');
  await resident.expectHeading('Mijn zaken');
  await expect(resident.main.getByText(newNumber)).toBeVisible();
  await residentContext.close();

  // The auditor finds these actions in the access log.
  await staff.logout();
  await staff.login('auditor');
  await main.getByRole('textbox', { name: 'Zaaknummer' }).fill(caseNumber);
  await main.getByRole('button', { name: 'Zoeken in log' }).click();
  const log = main.getByRole('table', { name: 'Toegangslog' });
  await expect(log.getByRole('row').filter({ hasText: 'add_note' }).filter({ hasText: 'kcc' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'view_case' }).filter({ hasText: 'kcc' }).first()).toBeVisible();
  await staff.expectAccessible();
  await main.getByRole('textbox', { name: 'Zaaknummer' }).fill('');
  await main.getByRole('textbox', { name: 'Burgerservicenummer (BSN)' }).fill(person.bsn);
  await main.getByRole('textbox', { name: 'Gebruikersnaam medewerker' }).fill('kcc');
  await main.getByRole('button', { name: 'Zoeken in log' }).click();
  await expect(log.getByRole('row').filter({ hasText: 'submit_on_behalf' }).filter({ hasText: newNumber })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'search' }).filter({ hasText: 'Vraag van inwoner (telefoon)' }).first()).toBeVisible();
});
