// A KCC employee adds a document the resident sent on paper (or handed in at the desk) to
// the resident's case, with the resident's own upload component sending in the staff session
// (POST/PATCH /api/staff/uploads, staff CSRF token). The staff case view lists it at once;
// the resident then finds it on their case page and downloads it byte for byte. A file of a
// kind nobody accepts is refused in the browser, a virus by the server's real clamd.
const { test, expect } = require('../support/fixtures');
const { Resident } = require('../pages/resident');
const { Staff, newContextLike } = require('../pages/staff');
const { residentCase } = require('../support/staff-cases');

/** This spec's own residents (11-proef), one per project: their cases never mix with others'. */
const BSNS = { phone: '200000007', desktop: '200000019' };

/** A PDF-looking file of `size` bytes (the server recognises kinds by their first bytes). */
function pdf(size, seed = 1) {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const body = Buffer.alloc(Math.max(0, size - head.length));
  for (let i = 0; i < body.length; i += 1) body[i] = (i * 31 + seed) & 0xff;
  return Buffer.concat([head, body]);
}

/** The row of file `name` in the upload field for document type `type`. */
function fileRow(scope, type, name) {
  return scope.getByRole('list', { name: `Bestanden: ${type}` }).getByRole('listitem').filter({ hasText: name });
}

test('a KCC employee adds a document received on paper; the resident sees and downloads it', async ({ page, browser, browserErrors }, testInfo) => {
  // Two devices, a virus scan and four axe runs on 2 busy cores.
  test.setTimeout(90_000);
  const residentContext = await newContextLike(browser, testInfo);
  const { caseId } = await residentCase(residentContext, BSNS[testInfo.project.name], 'Kapvergunning');

  const staff = new Staff(page);
  const { main } = staff;
  const announced = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/uploads$/.test(r.url())) {
      announced.push(`${new URL(r.url()).pathname} ${r.postDataJSON().file_name}`);
    }
  });
  await staff.login('kcc');
  await page.goto(`/medewerker/zaken/${encodeURIComponent(caseId)}`);
  await staff.expectHeading('Kapvergunning');
  await expect(main.getByText('Er zijn nog geen documenten bij deze zaak.')).toBeVisible();
  const paper = main.getByRole('region', { name: 'Document toevoegen (ontvangen op papier)' });
  await expect(paper).toContainText('Scan het en voeg het bestand toe bij de juiste soort document.');
  const drawing = paper.getByLabel('Situatietekening', { exact: true });
  await expect(drawing).toBeVisible();
  await staff.expectAccessible();

  // The scanned letter: sent with progress, then listed among the case's documents.
  const scan = pdf(300_000, 5);
  await drawing.setInputFiles({ name: 'brief-per-post.pdf', mimeType: 'application/pdf', buffer: scan });
  const row = fileRow(paper, 'Situatietekening', 'brief-per-post.pdf');
  await expect(row.getByRole('progressbar', { name: 'Voortgang van brief-per-post.pdf' })).toHaveAttribute('value', '100');
  await expect(row.locator('.loket-upload__state')).toHaveText('Verstuurd en toegevoegd aan de zaak');
  await expect(paper.getByRole('status').filter({ hasText: 'brief-per-post.pdf: Verstuurd en toegevoegd aan de zaak' })).toHaveCount(1);
  // The view fetched the case again: the document is there, behind the staff download.
  const link = main.getByRole('link', { name: 'brief-per-post.pdf' });
  await expect(link).toBeVisible();
  await expect(main.getByText('Er zijn nog geen documenten bij deze zaak.')).toHaveCount(0);
  expect(await link.getAttribute('href')).toMatch(new RegExp(`^/api/staff/cases/${caseId}/documents/`));
  // Sent in the staff session, never the resident's.
  expect(announced).toEqual(['/api/staff/uploads brief-per-post.pdf']);

  // An executable named like a PDF: recognised by its first bytes, never sent.
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(4_000)]);
  await drawing.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: exe });
  const exeRow = fileRow(paper, 'Situatietekening', 'scan.pdf');
  await expect(exeRow).toContainText('Dit soort bestand kunnen we niet aannemen.');
  await expect(exeRow.locator('.loket-upload__state')).toHaveText('Niet verstuurd');

  // A file only the server can refuse: the virus scanner finds the EICAR test signature.
  const eicar = Buffer.concat([pdf(2_000), Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1')]);
  await drawing.setInputFiles({ name: 'virus.pdf', mimeType: 'application/pdf', buffer: eicar });
  const virusRow = fileRow(paper, 'Situatietekening', 'virus.pdf');
  await expect(virusRow).toContainText('In dit bestand is een virus gevonden. Het is niet opgeslagen.');
  await expect(virusRow.locator('.loket-upload__state')).toHaveText('Niet verstuurd');
  expect(announced).toEqual(['/api/staff/uploads brief-per-post.pdf', '/api/staff/uploads virus.pdf']);
  await expect(main.getByRole('link', { name: 'virus.pdf' })).toHaveCount(0);
  // The server's refusal is a 422: the browser logs the failed request, nothing else.
  expect(browserErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  browserErrors.length = 0;
  await staff.expectAccessible();

  // The staff download returns the scan unchanged.
  const staffCopy = await page.request.get(await link.getAttribute('href'));
  expect(staffCopy.status()).toBe(200);
  expect(Buffer.from(await staffCopy.body()).equals(scan)).toBe(true);

  // The resident's own case page lists the document, and it downloads unchanged.
  const resident = new Resident(await residentContext.newPage());
  await resident.page.goto(`/zaken/${encodeURIComponent(caseId)}`);
  await resident.expectHeading('Kapvergunning');
  const own = resident.main.getByRole('link', { name: 'brief-per-post.pdf' });
  await expect(own).toBeVisible();
  await expect(resident.main.getByRole('link', { name: 'virus.pdf' })).toHaveCount(0);
  const href = await own.getAttribute('href');
  expect(href).toMatch(new RegExp(`^/api/cases/${caseId}/documents/`));
  const download = await resident.page.request.get(href);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(scan)).toBe(true);
  await resident.expectAccessible();
  await residentContext.close();
});
