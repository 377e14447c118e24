// Live updates: the resident has the case page open; a behandelaar sets the next status
// through the staff API; the page shows the new current step without a reload (SSE
// /api/events) and says so politely.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');
const { staffSession, submitParkingRequest } = require('../support/staff');

test('the case page follows a status change without reload', async ({ resident, page, playwright, baseURL }, testInfo) => {
  const person = testInfo.project.name === 'phone' ? PERSONS.pieter : PERSONS.suzanne;
  await resident.loginAs(person);
  const caseId = await submitParkingRequest(resident, 'live@voorbeeld.example.nl');

  await page.goto(`/zaken/${encodeURIComponent(caseId)}`);
  await resident.expectHeading('Aanvraag parkeervergunning bewoners');
  const steps = resident.main.locator('.loket-timeline__step');
  await expect(steps.first()).toHaveAttribute('aria-current', 'step');
  await expect(steps.nth(1)).not.toHaveAttribute('aria-current', 'step');

  const staff = await staffSession(playwright, baseURL);
  const path = `/api/staff/cases/${encodeURIComponent(caseId)}`;
  const view = await staff.get(path);
  expect(view.statustypen.length).toBeGreaterThan(1);
  await staff.post(`${path}/status`, { statustype_id: view.statustypen[1].id, explanation: '' });
  await staff.request.dispose();

  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
  await expect(page).toHaveURL(`/zaken/${encodeURIComponent(caseId)}`);
  await expect(resident.main.getByRole('status').filter({ hasText: 'De status van uw zaak is bijgewerkt.' })).toBeAttached();
  await resident.expectAccessible();
});
