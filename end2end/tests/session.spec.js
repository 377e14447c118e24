// Logging in and out, the return path after login, and the idle-timeout warning.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');

test.describe('session', () => {
  test('login returns to the page that asked for it; logout confirms and protects pages again', async ({ resident, page }) => {
    await page.goto('/mijn-aanvragen');
    await expect(page).toHaveURL(/\/inloggen\?next=%2Fmijn-aanvragen$/);
    await resident.main.getByRole('radio', { name: PERSONS.suzanne.name }).check();
    await resident.submitLogin();
    await expect(page).toHaveURL('/mijn-aanvragen');
    await resident.expectHeading('Mijn aanvragen in behandeling');

    await resident.nav.getByRole('button', { name: 'Uitloggen' }).click();
    await expect(page).toHaveURL('/');
    await expect(resident.main.getByRole('status').filter({ hasText: 'U bent uitgelogd.' })).toBeVisible();
    await expect(resident.nav.getByRole('link', { name: 'Inloggen' })).toBeVisible();
    await expect(resident.nav.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);

    await page.goto('/mijn-zaken');
    await expect(page).toHaveURL(/\/inloggen\?next=%2Fmijn-zaken$/);
  });

  test('choosing nobody is an error; a return path off this site is ignored', async ({ resident, page }) => {
    await resident.openLogin('//evil.example/phish');
    await resident.submitLogin();
    await resident.expectErrorSummary('Kies een testpersoon of vul een burgerservicenummer in.');
    await resident.errorSummary.getByRole('link').click();
    await expect(resident.main.getByRole('radio').first()).toBeFocused();
    await resident.main.getByRole('radio', { name: PERSONS.anna.name }).check();
    await resident.submitLogin();
    await expect(page).toHaveURL('/mijn-zaken');
  });

  test('a product page sends a visitor to log in first, and back', async ({ resident, page }) => {
    await resident.startApplication('Kapvergunning', 'bomen');
    await expect(page).toHaveURL(/\/inloggen\?next=%2Fproducten%2F/);
    await resident.main.getByRole('radio', { name: PERSONS.pieter.name }).check();
    await resident.submitLogin();
    await resident.expectHeading('Kapvergunning');
  });

  test('warns two minutes before the idle timeout and can extend', async ({ resident, page }) => {
    await page.clock.install();
    await resident.loginAs(PERSONS.mohamed);
    await page.clock.fastForward('13:05');
    const dialog = page.getByRole('alertdialog', { name: 'U wordt over 2 minuten automatisch uitgelogd' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Ingelogd blijven' })).toBeFocused();
    await resident.expectAccessible();

    const extend = page.waitForResponse((r) => r.url().endsWith('/api/session/extend') && r.status() === 200);
    await dialog.getByRole('button', { name: 'Ingelogd blijven' }).click();
    await extend;
    await expect(dialog).toHaveCount(0);

    // Ignored again: at the end the resident is logged out and told why.
    await page.clock.fastForward('15:05');
    await expect(page).toHaveURL(/\/inloggen\?next=%2Fmijn-zaken$/);
    await expect(resident.main.getByRole('status').filter({ hasText: 'U bent uitgelogd' })).toBeVisible();
    await expect(resident.nav.getByRole('link', { name: 'Inloggen' })).toBeVisible();
  });

  test('"Nu uitloggen" in the warning logs out', async ({ resident, page }) => {
    await page.clock.install();
    await resident.loginAs(PERSONS.anna);
    await page.clock.fastForward('13:05');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Nu uitloggen' }).click();
    await expect(page).toHaveURL('/');
    await expect(resident.main.getByRole('status').filter({ hasText: 'U bent uitgelogd.' })).toBeVisible();
  });
});
