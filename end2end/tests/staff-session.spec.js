// The staff session's idle timeout (15 minutes, like residents'; WCAG 2.2.1): a warning two
// minutes before the end that can extend the session, every staff answer restarting the
// clock, "Nu uitloggen" in the warning, and the login page explaining an ended session.
// The browser clock is fast-forwarded; the server's clock runs normally.
const { test, expect } = require('../support/fixtures');
const { Staff } = require('../pages/staff');

const WARNING = 'U wordt over 2 minuten automatisch uitgelogd';

test('warns two minutes before the idle timeout, can extend, and ends the session after', async ({ page }) => {
  await page.clock.install();
  const staff = new Staff(page);
  await staff.login('kcc');

  await page.clock.fastForward('13:05');
  const dialog = page.getByRole('alertdialog', { name: WARNING });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Dit beschermt de gegevens van inwoners.');
  await expect(dialog.getByRole('button', { name: 'Ingelogd blijven' })).toBeFocused();
  await staff.expectAccessible();

  const extend = page.waitForResponse((r) => r.url().endsWith('/api/staff/session/extend') && r.status() === 200);
  await dialog.getByRole('button', { name: 'Ingelogd blijven' }).click();
  await extend;
  await expect(dialog).toHaveCount(0);
  await expect(staff.staffNav).toBeVisible();

  // Ignored this time: at the end the member is sent to the login page and told why.
  await page.clock.fastForward('15:05');
  await expect(page).toHaveURL('/medewerker/inloggen');
  await expect(staff.main.getByRole('status').filter({ hasText: 'Uw sessie is afgelopen. Log opnieuw in.' })).toBeVisible();
  await expect(staff.staffNav).toHaveCount(0);
  await expect(dialog).toHaveCount(0);
});

test('each answer restarts the idle clock; "Nu uitloggen" in the warning logs out', async ({ page }) => {
  await page.clock.install();
  const staff = new Staff(page);
  await staff.login('behandelaar');

  // Ten minutes in, opening the work overview (a staff call) restarts the clock...
  await page.clock.fastForward('10:00');
  const overview = page.waitForResponse((r) => r.url().endsWith('/api/staff/overview') && r.status() === 200);
  await staff.staffNav.getByRole('link', { name: 'Werkvoorraad' }).click();
  await overview;
  await staff.expectHeading('Werkvoorraad');
  // ...so twelve minutes later (22 since login) there is no warning yet,
  await page.clock.fastForward('12:00');
  await expect(staff.h1).toHaveText('Werkvoorraad');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  // and two minutes after that there is.
  await page.clock.fastForward('01:30');
  const dialog = page.getByRole('alertdialog', { name: WARNING });
  await expect(dialog).toBeVisible();

  await dialog.getByRole('button', { name: 'Nu uitloggen' }).click();
  await expect(page).toHaveURL('/medewerker/inloggen');
  await expect(staff.main.getByRole('status').filter({ hasText: 'U bent uitgelogd.' })).toBeVisible();
  const session = await (await page.request.get('/api/staff/session')).json();
  expect(session.staff).toBeNull();
});
