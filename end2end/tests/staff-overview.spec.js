// The work overview: counts per product, the list of open cases with a product filter,
// "overdue only" and sorting; readable on a phone and a tablet (tables scroll in their own
// focusable region, the page reflows). axe on the page.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');
const { Staff, newContextLike } = require('../pages/staff');
const { residentCase } = require('../support/staff-cases');

test('the work overview counts, filters and sorts open cases', async ({ page, browser }, testInfo) => {
  const person = testInfo.project.name === 'phone' ? PERSONS.suzanne : PERSONS.pieter;
  const residentContext = await newContextLike(browser, testInfo);
  const first = await residentCase(residentContext, person.bsn, 'Aanvraag parkeervergunning bewoners');
  const second = await residentCase(residentContext, person.bsn, 'Aanvraag parkeervergunning bewoners');
  await residentContext.close();

  const staff = new Staff(page);
  const { main } = staff;
  await staff.login('behandelaar');
  await staff.staffNav.getByRole('link', { name: 'Werkvoorraad' }).click();
  await staff.expectHeading('Werkvoorraad');
  await expect(staff.h1).toBeFocused();

  const counts = main.getByRole('table', { name: /Zaken per product/ });
  const parking = counts.getByRole('row', { name: /Aanvraag parkeervergunning bewoners/ });
  await expect(parking).toBeVisible();
  const open = Number(await parking.getByRole('cell').first().textContent());
  expect(open).toBeGreaterThanOrEqual(2);

  // Open cases per product and current status (from the server's case index, which follows
  // the case API's notifications: reload until the two new cases are counted).
  const perStatus = main.getByRole('table', { name: 'Openstaande zaken per status' });
  await expect(async () => {
    await page.reload();
    const rows = perStatus.getByRole('row', { name: /Aanvraag parkeervergunning bewoners/ });
    await expect(rows.first()).toBeVisible({ timeout: 2000 });
    const counts = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[2].textContent)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(open);
  }).toPass({ timeout: 15_000 });

  const list = main.getByRole('table', { name: 'Openstaande zaken', exact: true });
  await expect(list).toBeVisible();
  await main.getByRole('combobox', { name: 'Product' }).selectOption({ label: 'Aanvraag parkeervergunning bewoners' });
  await expect(main.getByRole('status').filter({ hasText: `${open} openstaande zaken` })).toBeVisible();
  await expect(list.getByRole('row').nth(1)).toContainText('Aanvraag parkeervergunning bewoners');

  // Highest case number first: the two cases made above are the newest of all.
  await main.getByRole('combobox', { name: 'Sorteren op' }).selectOption({ label: 'Zaaknummer aflopend' });
  await expect(list.getByRole('row').nth(1)).toContainText(second.identificatie);
  await expect(list.getByRole('row').nth(2)).toContainText(first.identificatie);
  await staff.expectAccessible();
  await staff.expectNoHorizontalScroll();
  // 320 CSS px (WCAG 1.4.10): the tables scroll inside their own region, the page does not.
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(list).toBeVisible();
  await staff.expectNoHorizontalScroll();
  await staff.expectAccessible();

  // Nothing of today's cases is overdue.
  await main.getByRole('checkbox', { name: 'Alleen zaken die te laat zijn' }).check();
  await expect(main.getByRole('status').filter({ hasText: /^(\d+ openstaande zaken|1 openstaande zaak)$/ })).toBeVisible();
  await expect(main.getByText(second.identificatie)).toHaveCount(0);
  await staff.expectAccessible();

  // A case in the list opens the case view.
  await main.getByRole('checkbox', { name: 'Alleen zaken die te laat zijn' }).uncheck();
  await list.getByRole('link', { name: second.identificatie }).click();
  await staff.expectHeading('Aanvraag parkeervergunning bewoners');
  await expect(staff.summaryValue('Zaaknummer').first()).toHaveText(second.identificatie);
});
