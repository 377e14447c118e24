// The resident journey end to end, against the real server and its embedded case API:
// login (a wrong BSN first) → catalogue search → product → application with a validation
// error fixed → contact → check answers with a change → submit → confirmation → Mijn zaken
// → case detail. axe-core runs on every page on the way.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');

test('apply for a kapvergunning and follow the case', async ({ resident, page }, testInfo) => {
  // axe on ~15 pages: 15 s on an idle machine, more when the CPU is shared.
  test.setTimeout(60_000);
  const person = testInfo.project.name === 'phone' ? PERSONS.suzanne : PERSONS.pieter;
  const { main } = resident;

  // A page that needs login sends the resident to the login page, and back afterwards.
  await page.goto('/mijn-zaken');
  await expect(page).toHaveURL(/\/inloggen\?next=%2Fmijn-zaken$/);
  await resident.expectHeading('Inloggen');
  await expect(main.getByRole('status').filter({ hasText: 'Log in om deze pagina te bekijken.' })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Demo-omgeving: dit is geen echte DigiD' })).toBeVisible();
  await resident.expectAccessible();

  // A mistyped BSN fails the 11-proef in the browser: error summary, focused, linking to the field.
  await resident.typeBsn('123456789');
  await resident.submitLogin();
  await resident.expectErrorSummary('Vul een geldig burgerservicenummer in: 9 cijfers.');
  const bsnField = main.getByRole('textbox', { name: 'Burgerservicenummer (BSN)' });
  await expect(bsnField).toHaveAttribute('aria-invalid', 'true');
  await expect(bsnField).toHaveAccessibleDescription(/Fout: Vul een geldig burgerservicenummer in/);
  await resident.expectAccessible();
  await resident.errorSummary.getByRole('link').click();
  await expect(bsnField).toBeFocused();

  await bsnField.fill(person.bsn);
  await resident.submitLogin();
  await expect(page).toHaveURL('/mijn-zaken');
  await resident.expectHeading('Mijn zaken');
  await expect(resident.nav.getByText(`Ingelogd als ${person.name}`)).toBeVisible();
  await resident.expectAccessible();

  // Catalogue: the search filters as you type and says how many products it found.
  await resident.nav.getByRole('link', { name: 'Producten' }).click();
  await resident.expectHeading('Producten');
  await expect(main.getByRole('listitem')).toHaveCount(5);
  await main.getByRole('searchbox', { name: 'Zoek een product' }).fill('bomen kappen');
  await expect(main.getByRole('status').filter({ hasText: '1 product gevonden' })).toBeVisible();
  await expect(main.getByRole('listitem')).toHaveCount(1);
  await resident.expectAccessible();
  await main.getByRole('link', { name: 'Kapvergunning' }).click();

  // Product page.
  await resident.expectHeading('Kapvergunning');
  await expect(resident.h1).toBeFocused();
  await expect(main).toContainText('Behandeltijd: maximaal 56 dagen');
  await expect(main.getByRole('heading', { name: 'Wat heeft u nodig?' })).toBeVisible();
  await expect(main.getByRole('listitem').filter({ hasText: 'Foto' })).toBeVisible();
  await resident.expectAccessible();
  await main.getByRole('button', { name: 'Aanvragen' }).click();

  // Question 1: a number; a wrong answer is caught with the same rules the server uses.
  await expect(page).toHaveURL(/\/aanvragen\/[^/]+\/vraag\/1$/);
  const draftUrl = page.url().replace(/\/vraag\/1$/, '');
  await resident.expectHeading('Hoeveel bomen wilt u kappen?');
  await expect(page).toHaveTitle(/Vraag 1 van 3 – Kapvergunning/);
  const count = main.getByRole('textbox', { name: 'Hoeveel bomen wilt u kappen?' });
  await expect(count).toHaveAttribute('inputmode', 'decimal');
  await count.fill('veel');
  await resident.next();
  await resident.expectErrorSummary('Vul een getal in, bijvoorbeeld 12.');
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await resident.expectAccessible();
  await count.fill('2');
  await resident.next();

  // Question 2: text.
  await expect(page).toHaveURL(`${draftUrl}/vraag/2`);
  await resident.expectHeading('Welke boomsoort(en)?');
  await main.getByRole('textbox', { name: 'Welke boomsoort(en)?' }).fill('Eik');
  await resident.next();

  // Question 3: a choice, as radios in a fieldset whose legend is the question.
  await expect(page).toHaveURL(`${draftUrl}/vraag/3`);
  await resident.expectHeading('Waarom wilt u de boom kappen?');
  const reasons = main.getByRole('group', { name: 'Waarom wilt u de boom kappen?' });
  await expect(reasons.getByRole('radio')).toHaveCount(5);
  await resident.next();
  await resident.expectErrorSummary('Dit is verplicht. Vul een antwoord in.');
  await resident.expectAccessible();
  await reasons.getByRole('radio', { name: 'Ziek of dood' }).check();
  await resident.next();

  // Documents: optional, one upload per document type the product takes (uploads.spec.js
  // sends files); going on without any is fine.
  await expect(page).toHaveURL(`${draftUrl}/documenten`);
  await resident.expectHeading('Documenten meesturen');
  await expect(main.getByLabel('Foto', { exact: true })).toHaveAttribute('type', 'file');
  await expect(main.getByLabel('Situatietekening', { exact: true })).toHaveAttribute('type', 'file');
  await resident.expectAccessible();
  await resident.next();

  // Contact details: e-mail required and checked.
  await expect(page).toHaveURL(`${draftUrl}/contact`);
  await resident.expectHeading('Hoe kunnen we u bereiken?');
  const email = main.getByRole('textbox', { name: 'E-mailadres' });
  await email.fill('geen-mailadres');
  await resident.next();
  await resident.expectErrorSummary('Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.');
  await resident.expectAccessible();
  await email.fill('inwoner@example.nl');
  await main.getByRole('textbox', { name: 'Telefoonnummer (niet verplicht)' }).fill('');
  await resident.next();

  // Check answers, then change one: back to the question, and straight back here.
  await expect(page).toHaveURL(`${draftUrl}/controleren`);
  await resident.expectHeading('Controleer uw antwoorden');
  await expect(resident.summaryValue('Hoeveel bomen wilt u kappen?')).toHaveText('2');
  await expect(resident.summaryValue('Welke boomsoort(en)?')).toHaveText('Eik');
  await expect(resident.summaryValue('Waarom wilt u de boom kappen?')).toHaveText('Ziek of dood');
  await expect(resident.summaryValue('E-mailadres')).toHaveText('inwoner@example.nl');
  await expect(resident.summaryValue('Foto')).toHaveText('Geen documenten meegestuurd');
  await resident.expectAccessible();
  await main.getByRole('link', { name: 'Wijzigen Welke boomsoort(en)?' }).click();
  await expect(page).toHaveURL(`${draftUrl}/vraag/2?terug=controleren`);
  await main.getByRole('textbox', { name: 'Welke boomsoort(en)?' }).fill('Eik en beuk');
  await resident.next();
  await expect(page).toHaveURL(`${draftUrl}/controleren`);
  await expect(resident.summaryValue('Welke boomsoort(en)?')).toHaveText('Eik en beuk');

  // Send: a double click must not send twice.
  const submits = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/submit')) submits.push(r); });
  await main.getByRole('button', { name: 'Versturen' }).dblclick();

  // Confirmation with the case number.
  await expect(page).toHaveURL(/\/zaken\/[^/]+\/bevestiging$/);
  await resident.expectHeading('Aanvraag verstuurd');
  const number = main.locator('.loket-panel__number');
  await expect(number).toHaveText(/^ZAAK-\d{4}-\d+$/);
  const identificatie = await number.textContent();
  expect(submits).toHaveLength(1);
  await expect(main).toContainText('De gemeente behandelt uw aanvraag binnen 56 dagen.');
  await expect(main).toContainText('We sturen een bevestiging naar inwoner@example.nl.');
  const receipt = main.getByRole('link', { name: 'Ontvangstbevestiging downloaden (PDF)' });
  await expect(receipt).toHaveAttribute('href', /\/api\/cases\/[^/]+\/receipt\.pdf$/);
  await resident.expectAccessible();
  const caseUrl = page.url().replace(/\/bevestiging$/, '');

  // The receipt is a real PDF.
  const download = await page.request.get(await receipt.getAttribute('href'));
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toContain('application/pdf');

  // A reload still shows the confirmation (read from the case).
  await page.reload();
  await resident.expectHeading('Aanvraag verstuurd');
  await expect(number).toHaveText(identificatie);

  // Mijn zaken lists it among the open cases.
  await main.getByRole('link', { name: 'Mijn zaken' }).click();
  await resident.expectHeading('Mijn zaken');
  await expect(main.getByRole('heading', { name: 'Lopende zaken' })).toBeVisible();
  const card = main.getByRole('listitem').filter({ hasText: identificatie });
  await expect(card).toContainText('Kapvergunning');
  await expect(card).toContainText('Ontvangen');
  await resident.expectAccessible();

  // Case detail: the timeline says in words which step is current.
  await card.getByRole('link', { name: 'Kapvergunning' }).click();
  await expect(page).toHaveURL(caseUrl);
  await resident.expectHeading('Kapvergunning');
  const timeline = main.getByRole('list').filter({ has: page.getByRole('heading', { name: 'Ontvangen' }) });
  const steps = timeline.getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('Ontvangen');
  await expect(steps.nth(0)).toContainText('Huidige stap');
  await expect(steps.nth(0)).toHaveAttribute('aria-current', 'step');
  await expect(steps.nth(1)).toContainText('Nog niet');
  await expect(resident.summaryValue('Zaaknummer')).toHaveText(identificatie);
  await expect(resident.summaryValue('Welke boomsoort(en)?')).toHaveText('Eik en beuk');
  await resident.expectAccessible();
});
