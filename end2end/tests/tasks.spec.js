// Tasks on the case page: a behandelaar asks for a document (staff API), the resident sees
// it at the top of the case page under "Wat wij van u nodig hebben".
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');
const { staffSession, submitParkingRequest } = require('../support/staff');

test('a request from the municipality shows as an open task on the case page', async ({ resident, page, playwright, baseURL }, testInfo) => {
  const person = testInfo.project.name === 'phone' ? PERSONS.mohamed : PERSONS.anna;
  await resident.loginAs(person);
  const caseId = await submitParkingRequest(resident, 'taken@voorbeeld.example.nl');

  const staff = await staffSession(playwright, baseURL);
  const text = `Stuur een foto van het kenteken (${testInfo.project.name}).`;
  await staff.post(`/api/staff/cases/${encodeURIComponent(caseId)}/document-requests`, { text, document_type_id: null });
  await staff.request.dispose();

  await page.goto(`/zaken/${encodeURIComponent(caseId)}`);
  await resident.expectHeading('Aanvraag parkeervergunning bewoners');
  const tasks = resident.main.getByRole('region', { name: 'Wat wij van u nodig hebben' });
  await expect(tasks).toBeVisible();
  await expect(tasks.getByRole('listitem')).toHaveCount(1);
  await expect(tasks.getByRole('listitem')).toContainText(text);
  await expect(tasks.getByRole('listitem')).toContainText('Gevraagd op');
  await resident.expectAccessible();
});
