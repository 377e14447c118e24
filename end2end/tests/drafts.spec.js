// A request is saved on every step: leave it, come back through "Mijn aanvragen" and
// continue at the saved step; delete it with a confirmation.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');

test('resume a saved request at its step, then delete it', async ({ resident, page }, testInfo) => {
  const person = testInfo.project.name === 'phone' ? PERSONS.mohamed : PERSONS.anna;
  const { main } = resident;
  await resident.loginAs(person);

  await resident.startApplication('Bezwaarschrift', 'bezwaar');
  await expect(page).toHaveURL(/\/aanvragen\/[^/]+\/vraag\/1$/);
  const draftUrl = page.url().replace(/\/vraag\/1$/, '');
  await main.getByRole('textbox', { name: 'Kenmerk van het besluit waartegen u bezwaar maakt' }).fill('BS-2026-17');
  await resident.next();
  await expect(page).toHaveURL(`${draftUrl}/vraag/2`);

  // Leave the wizard; the request waits in "Mijn aanvragen".
  await resident.nav.getByRole('link', { name: 'Mijn aanvragen' }).click();
  await resident.expectHeading('Mijn aanvragen in behandeling');
  const item = main.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Bezwaarschrift' }) });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(/Laatst opgeslagen: \d{1,2} [a-z]+ \d{4}/);
  await resident.expectAccessible();

  // Continue: back at question 2 (the date), answers kept.
  await item.getByRole('link', { name: /^Verder gaan\W+Bezwaarschrift$/ }).click();
  await expect(page).toHaveURL(`${draftUrl}/vraag/2`);
  await resident.expectHeading('Datum van dat besluit');
  const date = main.getByRole('group', { name: 'Datum van dat besluit' });
  await date.getByRole('textbox', { name: 'Dag' }).fill('31');
  await date.getByRole('textbox', { name: 'Maand' }).fill('2');
  await date.getByRole('textbox', { name: 'Jaar' }).fill('2026');
  await resident.next();
  await resident.expectErrorSummary('Vul een datum in die bestaat, bijvoorbeeld 28 11 2026.');
  await resident.expectAccessible();
  await resident.errorSummary.getByRole('link').click();
  await expect(date.getByRole('textbox', { name: 'Dag' })).toBeFocused();
  await date.getByRole('textbox', { name: 'Dag' }).fill('28');
  await resident.next();

  // Question 3: a long text with a remaining-characters hint.
  await expect(page).toHaveURL(`${draftUrl}/vraag/3`);
  const reasons = main.getByRole('textbox', { name: 'Waarom bent u het niet eens met het besluit?' });
  await expect(main.getByText('U kunt nog 4000 tekens gebruiken.')).toBeVisible();
  await reasons.fill('Het besluit klopt niet.');
  await expect(main.getByText('U kunt nog 3977 tekens gebruiken.')).toBeVisible();
  await resident.expectAccessible();

  // "Vorige" goes back, with the saved date filled in.
  await main.getByRole('link', { name: 'Vorige' }).click();
  await expect(page).toHaveURL(`${draftUrl}/vraag/2`);
  await expect(date.getByRole('textbox', { name: 'Dag' })).toHaveValue('28');
  await expect(date.getByRole('textbox', { name: 'Maand' })).toHaveValue('2');

  // Delete, with a confirmation step that can be cancelled.
  await resident.nav.getByRole('link', { name: 'Mijn aanvragen' }).click();
  await expect(item).toHaveCount(1);
  await item.getByRole('button', { name: /^Verwijderen\W+Bezwaarschrift$/ }).click();
  const question = item.getByText('Weet u zeker dat u deze aanvraag wilt verwijderen?');
  await expect(question).toBeFocused();
  await resident.expectAccessible();
  await item.getByRole('button', { name: 'Nee, bewaren' }).click();
  await expect(question).toHaveCount(0);
  await item.getByRole('button', { name: /^Verwijderen\W+Bezwaarschrift$/ }).click();
  await item.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(main.getByRole('status').filter({ hasText: 'De aanvraag is verwijderd.' })).toBeVisible();
  await expect(item).toHaveCount(0);
  await expect(main.getByText('U heeft geen aanvragen die nog niet verstuurd zijn.')).toBeVisible();
  await expect(main.getByRole('link', { name: 'Bekijk wat u kunt aanvragen' })).toHaveAttribute('href', '/producten');
});
