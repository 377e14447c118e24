// Staff open a caller's case and download its documents through the staff download (role
// checked, access-logged) — the resident's own download link would refuse a staff session.
const { test, expect } = require('../support/fixtures');
const { PERSONS } = require('../pages/resident');
const { Staff, newContextLike } = require('../pages/staff');
const { residentCase } = require('../support/staff-cases');

test('a KCC employee downloads a document of the caller\'s case', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const person = testInfo.project.name === 'phone' ? PERSONS.pieter : PERSONS.suzanne;
  const residentContext = await newContextLike(browser, testInfo);
  const { caseId } = await residentCase(residentContext, person.bsn, 'Kapvergunning');

  // The resident sends a drawing to the open case (through the portal's upload API).
  const api = residentContext.request;
  const { csrf_token: csrf } = await (await api.get('/api/session')).json();
  const product = (await (await api.get('/api/catalogue')).json()).find((p) => p.title === 'Kapvergunning');
  const type = product.documents.find((d) => d.title === 'Situatietekening');
  const content = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 7)]);
  const created = await api.post('/api/uploads', {
    headers: { 'x-csrf-token': csrf },
    data: { target: { case: caseId }, document_type_id: type.id, file_name: 'tekening.pdf', size_bytes: content.length },
  });
  expect(created.status()).toBe(201);
  const upload = await created.json();
  const sent = await api.patch(`/api/uploads/${upload.id}`, {
    headers: { 'x-csrf-token': csrf, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    data: content,
  });
  expect(sent.status()).toBe(200);
  expect((await sent.json()).state).toBe('stored');
  await residentContext.close();

  const staff = new Staff(page);
  await page.goto('/medewerker/inloggen');
  await staff.fillLogin('kcc', 'kcc-demo-wachtwoord');
  await staff.expectHeading('Zaken zoeken');
  await page.goto(`/medewerker/zaken/${encodeURIComponent(caseId)}`);
  const link = staff.main.getByRole('link', { name: 'tekening.pdf' });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  expect(href).toMatch(new RegExp(`^/api/staff/cases/${caseId}/documents/`));
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(content)).toBeTruthy();
  await staff.expectAccessible();
});
