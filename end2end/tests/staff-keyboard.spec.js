// Keyboard only on the staff side: log in, search by case number, open the hit and record a
// contact note without a mouse — Tab, arrow keys, typing, Enter.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');
const { Staff, newContextLike } = require('../pages/staff');
const { residentCase } = require('../support/staff-cases');

/** Presses Tab until `locator` has focus (fails after `max` presses). */
async function tabTo(page, locator, max = 40) {
  for (let i = 0; i < max; i += 1) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(locator).toBeFocused();
}

test('a KCC employee works with the keyboard only', async ({ page, browser }, testInfo) => {
  const person = testInfo.project.name === 'phone' ? PERSONS.mohamed : PERSONS.anna;
  const context = await newContextLike(browser, testInfo);
  const { identificatie } = await residentCase(context, person.bsn);
  await context.close();

  const staff = new Staff(page);
  const { main } = staff;
  await staff.openStaffLogin();
  await tabTo(page, main.getByRole('textbox', { name: 'Gebruikersnaam' }));
  await page.keyboard.type('kcc');
  await page.keyboard.press('Tab');
  await expect(main.getByLabel('Wachtwoord', { exact: true })).toBeFocused();
  await page.keyboard.type('kcc-demo-wachtwoord');
  await page.keyboard.press('Enter');
  await staff.expectHeading('Zaken zoeken');
  await expect(staff.h1).toBeFocused();

  // Radio group: arrow keys choose "Zaaknummer".
  await tabTo(page, main.getByRole('radio', { name: 'Burgerservicenummer (BSN)' }));
  await page.keyboard.press('ArrowDown');
  await expect(main.getByRole('radio', { name: 'Zaaknummer' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(main.getByRole('textbox', { name: 'Zaaknummer' })).toBeFocused();
  await page.keyboard.type(identificatie);
  await page.keyboard.press('Enter');
  await expect(main.getByRole('status').filter({ hasText: '1 zaak gevonden' })).toBeVisible();

  const hit = main.getByRole('link', { name: new RegExp(identificatie) });
  await tabTo(page, hit);
  await page.keyboard.press('Enter');
  await staff.expectHeading('Aanvraag parkeervergunning bewoners');
  await expect(staff.h1).toBeFocused();

  const notes = main.getByRole('region', { name: 'Contactmomenten' });
  await tabTo(page, notes.getByRole('textbox', { name: 'Onderwerp' }), 80);
  await page.keyboard.type('Terugbelverzoek');
  await page.keyboard.press('Tab');
  await expect(notes.getByRole('textbox', { name: 'Wat is er besproken?' })).toBeFocused();
  await page.keyboard.type('Inwoner wil teruggebeld worden.');
  await page.keyboard.press('Tab');
  await expect(notes.getByRole('button', { name: 'Contactmoment opslaan' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(notes.getByRole('status').filter({ hasText: 'Het contactmoment is opgeslagen.' })).toBeVisible();
  await expect(notes.getByRole('listitem').filter({ hasText: 'Terugbelverzoek' })).toBeVisible();
});
