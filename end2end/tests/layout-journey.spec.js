// The resident journey's pages at 320 px: no horizontal scrolling (WCAG 1.4.10 Reflow),
// the header navigation wraps instead.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');

test.use({ viewport: { width: 320, height: 640 } });

test('journey pages reflow at 320 px', async ({ resident, page }) => {
  const { main } = resident;
  await resident.openLogin();
  await resident.expectNoHorizontalScroll();
  await resident.typeBsn('1');
  await resident.submitLogin();
  await resident.expectErrorSummary('Vul een geldig burgerservicenummer in: 9 cijfers.');
  await resident.expectNoHorizontalScroll();
  await main.getByRole('textbox', { name: 'Burgerservicenummer (BSN)' }).fill(PERSONS.pieter.bsn);
  await resident.submitLogin();
  await resident.expectHeading('Mijn zaken');
  await resident.expectNoHorizontalScroll();

  await resident.startApplication('Aanvraag parkeervergunning bewoners', 'parkeer');
  await resident.expectHeading('Kenteken van de auto');
  await resident.expectNoHorizontalScroll();
  await main.getByRole('textbox').fill('AB-123-C');
  await resident.next();
  await resident.expectHeading(/Vanaf wanneer/);
  await resident.next();
  await resident.expectErrorSummary('Dit is verplicht. Vul een antwoord in.');
  await resident.expectNoHorizontalScroll();
  const date = main.getByRole('group');
  await date.getByRole('textbox', { name: 'Dag' }).fill('1');
  await date.getByRole('textbox', { name: 'Maand' }).fill('12');
  await date.getByRole('textbox', { name: 'Jaar' }).fill('2026');
  await resident.next();
  await resident.expectHeading("Aantal auto's op uw adres");
  await main.getByRole('textbox').fill('1');
  await resident.next();
  await resident.expectHeading('Documenten meesturen');
  await resident.expectNoHorizontalScroll();
  await resident.next();
  await resident.expectHeading('Hoe kunnen we u bereiken?');
  await resident.expectNoHorizontalScroll();
  await main.getByRole('textbox', { name: 'E-mailadres' }).fill('pieter.bakker.met.een.lang.adres@voorbeeldgemeente.example.nl');
  await resident.next();
  await resident.expectHeading('Controleer uw antwoorden');
  await expect(resident.summaryValue('Vanaf wanneer')).toHaveText('1 december 2026');
  await resident.expectNoHorizontalScroll();
  await main.getByRole('button', { name: 'Versturen' }).click();
  await resident.expectHeading('Aanvraag verstuurd');
  await resident.expectNoHorizontalScroll();
  await main.getByRole('link', { name: 'Bekijk uw zaak' }).click();
  await resident.expectHeading('Aanvraag parkeervergunning bewoners');
  await resident.expectNoHorizontalScroll();

  const loaded = {
    '/producten': main.getByRole('listitem').nth(4),
    '/mijn-zaken': main.getByRole('heading', { name: 'Lopende zaken' }),
    '/mijn-aanvragen': main.getByText('Aanvragen die u nog niet heeft verstuurd.'),
  };
  for (const [path, ready] of Object.entries(loaded)) {
    await page.goto(path);
    await expect(ready).toBeVisible();
    await expect(main.getByText('Laden…')).toHaveCount(0);
    await resident.expectNoHorizontalScroll();
  }
  // A product page (the longest title).
  await page.goto('/producten');
  await main.getByRole('link', { name: 'Aanvraag parkeervergunning bewoners' }).click();
  await expect(main.getByRole('button', { name: 'Aanvragen' })).toBeVisible();
  await resident.expectNoHorizontalScroll();
});
