// The journey with the keyboard only, and in English.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');

/** Presses Tab until `locator` has focus (fails after `max` presses). */
async function tabTo(page, locator, max = 25) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await locator.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${locator}`);
}

test('log in and answer questions with the keyboard only', async ({ resident, page }) => {
  const { main } = resident;
  await resident.openLogin('/producten');
  // Radios: Tab into the group, arrows to choose, Enter submits the form.
  await tabTo(page, main.getByRole('radio', { name: PERSONS.suzanne.name }));
  await page.keyboard.press('ArrowDown');
  await expect(main.getByRole('radio', { name: PERSONS.mohamed.name })).toBeChecked();
  await page.keyboard.press('Enter');
  await resident.expectHeading('Producten');
  await expect(resident.nav.getByText(`Ingelogd als ${PERSONS.mohamed.name}`)).toBeVisible();

  const search = main.getByRole('searchbox', { name: 'Zoek een product' });
  await tabTo(page, search);
  await page.keyboard.type('wmo');
  const product = main.getByRole('link', { name: 'Aanvraag Wmo-voorziening' });
  await tabTo(page, product);
  await page.keyboard.press('Enter');
  await resident.expectHeading('Aanvraag Wmo-voorziening');
  await expect(resident.h1).toBeFocused();
  await tabTo(page, main.getByRole('button', { name: 'Aanvragen' }));
  await page.keyboard.press('Enter');

  // Question 1 (radios): focus starts on the question; Tab reaches the options.
  await resident.expectHeading('Welke ondersteuning vraagt u aan?');
  await expect(resident.h1).toBeFocused();
  await tabTo(page, main.getByRole('button', { name: 'Volgende' }));
  await page.keyboard.press('Enter'); // nothing chosen yet: the error summary takes focus
  await resident.expectErrorSummary('Dit is verplicht. Vul een antwoord in.');
  await tabTo(page, main.getByRole('radio', { name: 'Huishoudelijke hulp' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');

  // Question 2 (long text): typing counts down the characters left.
  await resident.expectHeading('Beschrijf uw situatie');
  const situation = main.getByRole('textbox', { name: 'Beschrijf uw situatie' });
  await tabTo(page, situation);
  await page.keyboard.type('Ik kan niet meer zelf schoonmaken.');
  await expect(main.getByText('U kunt nog 966 tekens gebruiken.')).toBeVisible();
  await tabTo(page, main.getByRole('button', { name: 'Volgende' }));
  await page.keyboard.press('Enter');

  // Documents (optional): the file input is reachable with Tab; go on without files.
  await resident.expectHeading('Documenten meesturen');
  await tabTo(page, main.getByLabel('Medische verklaring', { exact: true }));
  await tabTo(page, main.getByRole('button', { name: 'Volgende' }));
  await page.keyboard.press('Enter');
  await resident.expectHeading('Hoe kunnen we u bereiken?');
});

test('the journey pages speak English when chosen', async ({ resident, loket, page }) => {
  await resident.openLogin();
  await loket.switchLanguage('en');
  await resident.expectHeading('Log in');
  await expect(resident.main.getByRole('heading', { name: 'Demo environment: this is not the real DigiD' })).toBeVisible();
  await resident.main.getByRole('button', { name: 'Log in' }).click();
  await expect(resident.errorSummary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(resident.errorSummary.getByRole('link', { name: 'Choose a test person or enter a citizen service number.' })).toBeVisible();
  await resident.expectAccessible();
  await resident.main.getByRole('radio', { name: PERSONS.anna.name }).check();
  await resident.main.getByRole('button', { name: 'Log in' }).click();
  await resident.expectHeading('My cases');
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Log out' })).toBeVisible();
  await page.goto('/producten');
  await resident.expectHeading('Products');
  await expect(resident.main.getByText('Handling time: at most 56 days').first()).toBeVisible();
  await resident.expectAccessible();
});
