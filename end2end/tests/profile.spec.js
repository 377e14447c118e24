// "Mijn gegevens" (issue 7): the resident switches the status and document-request e-mails
// off (the e-mails say "Zet ze uit bij Mijn gegevens"), and the choice is stored server-side.
const { test, expect } = require('../support/fixtures');

const LEGEND = 'E-mail bij een nieuwe status van mijn zaak of een verzoek om een document';

/** A random BSN that passes the 11-proef: a resident no other spec (or earlier run on the same
 *  data dir) has touched, so the default "Ja" is what they see first. */
function freshBsn() {
  for (;;) {
    const digits = [1 + Math.floor(Math.random() * 9)];
    while (digits.length < 8) digits.push(Math.floor(Math.random() * 10));
    const check = digits.reduce((sum, d, i) => sum + d * (9 - i), 0) % 11;
    if (check < 10) return `${digits.join('')}${check}`;
  }
}

async function loginWithFreshBsn(resident) {
  await resident.typeBsn(freshBsn());
  await resident.submitLogin();
  await expect(resident.nav.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
}

test('a resident switches the e-mails off in Mijn gegevens, and it stays off', async ({ resident, loket, page }) => {
  const { main, nav } = resident;
  await resident.openLogin('/');
  await loginWithFreshBsn(resident);
  await resident.expectHeading('Welkom bij het Loket');

  await nav.getByRole('link', { name: 'Mijn gegevens' }).click();
  await expect(page).toHaveURL('/mijn-gegevens');
  await resident.expectHeading('Mijn gegevens');
  await expect(resident.h1).toBeFocused();
  await expect(page).toHaveTitle(`Mijn gegevens – ${loket.municipality} Loket`);

  const group = main.getByRole('group', { name: LEGEND });
  const yes = group.getByRole('radio', { name: 'Ja' });
  const no = group.getByRole('radio', { name: 'Nee' });
  const save = main.getByRole('button', { name: 'Opslaan' });
  await expect(yes).toBeChecked();
  await expect(no).not.toBeChecked();
  await resident.expectAccessible();
  await resident.expectNoHorizontalScroll();

  // By keyboard: arrow to "Nee", Tab to the button, Enter.
  await yes.focus();
  await page.keyboard.press('ArrowDown');
  await expect(no).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(save).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(main.getByRole('status').filter({ hasText: 'Uw keuze is opgeslagen.' })).toBeVisible();
  await resident.expectAccessible();

  await page.reload();
  await resident.expectHeading('Mijn gegevens');
  await expect(no).toBeChecked();
  await expect(yes).not.toBeChecked();
  const response = await page.request.get('/api/profile');
  expect(response.ok()).toBe(true);
  expect(await response.json()).toEqual({ email_notifications: false });

  await loket.switchLanguage('en');
  await resident.expectHeading('My details');
  await expect(main.getByRole('radio', { name: 'No' })).toBeChecked();
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My details' })).toBeVisible();
  await resident.expectAccessible();

  // WCAG 1.4.10 Reflow: nothing scrolls sideways at 320 CSS px, the longer menu included.
  await page.setViewportSize({ width: 320, height: 640 });
  await resident.expectNoHorizontalScroll();
});

test('Mijn gegevens sends a visitor to log in first, and back', async ({ resident, page }) => {
  await page.goto('/mijn-gegevens');
  await expect(page).toHaveURL(/\/inloggen\?next=%2Fmijn-gegevens$/);
  await loginWithFreshBsn(resident);
  await expect(page).toHaveURL('/mijn-gegevens');
  await expect(resident.main.getByRole('group', { name: LEGEND }).getByRole('radio', { name: 'Ja' })).toBeChecked();
});
