// Document uploads (issue 5) against the real server: files sent with an application (the
// documents step), a document added to an open case ("Document toevoegen"), files refused in
// the browser and by the server's virus scan, an interrupted upload resumed where the server
// stopped, and cancelling. Files are made in the test; downloads must return the same bytes.
const fs = require('node:fs');
const { test, expect } = require('../support/fixtures');
const { staffSession, submitParkingRequest } = require('../support/staff');

/** `loket_api::upload::CHUNK_BYTES`: what the SPA sends per PATCH. */
const CHUNK = 16 * 1024 * 1024;

/** A PDF-looking file of `size` bytes (the server recognises kinds by their first bytes). */
function pdf(size, seed = 1) {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const body = Buffer.alloc(Math.max(0, size - head.length));
  for (let i = 0; i < body.length; i += 1) body[i] = (i * 31 + seed) & 0xff;
  return Buffer.concat([head, body]);
}

/** A PNG-looking file of `size` bytes. */
function png(size) {
  const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const body = Buffer.alloc(Math.max(0, size - head.length));
  for (let i = 0; i < body.length; i += 1) body[i] = (i * 7) & 0xff;
  return Buffer.concat([head, body]);
}

/** Test BSNs (11-proef) of this spec's own, one per test and project: its drafts and cases
 *  never mix with other specs' demo persons. */
const BSNS = ['100023757', '100039595', '100126704', '100174218', '100372193', '100419707',
  '100475140', '100601844', '100617682', '100665196', '100752305', '100768143', '100894847',
  '100950280'];

/** Demo login with this test's own BSN (`n`: the test's number in this file). */
async function login(resident, testInfo, n) {
  await resident.openLogin('/producten');
  await resident.typeBsn(BSNS[n * 2 + (testInfo.project.name === 'phone' ? 0 : 1)]);
  await resident.submitLogin();
  await resident.expectHeading('Producten');
  await expect(resident.nav.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
}

/** Accept only "Failed to load resource" console errors (requests this test broke on purpose). */
function allowFailedRequests(browserErrors) {
  const unexpected = browserErrors.filter((e) => !/Failed to load resource/.test(e));
  expect(unexpected).toEqual([]);
  browserErrors.length = 0;
}

/** Starts a kapvergunning and answers its questions; ends on the documents step. */
async function kapvergunningDocuments(resident, page) {
  const { main } = resident;
  await resident.startApplication('Kapvergunning', 'bomen');
  await main.getByRole('textbox', { name: 'Hoeveel bomen wilt u kappen?' }).fill('1');
  await resident.next();
  await main.getByRole('textbox', { name: 'Welke boomsoort(en)?' }).fill('Els');
  await resident.next();
  await main.getByRole('radio', { name: 'Overlast' }).check();
  await resident.next();
  await expect(page).toHaveURL(/\/aanvragen\/[^/]+\/documenten$/);
  await resident.expectHeading('Documenten meesturen');
  return decodeURIComponent(page.url().match(/\/aanvragen\/([^/]+)\/documenten$/)[1]);
}

/** The row of a file in the upload list of a document type. */
function fileRow(main, type, name) {
  return main.getByRole('list', { name: `Bestanden: ${type}` }).getByRole('listitem').filter({ hasText: name });
}

/** Waits until a file is sent: the progress bar at 100 and the state text. */
async function expectSent(main, type, name, state = 'Verstuurd') {
  const row = fileRow(main, type, name);
  await expect(row.getByRole('progressbar', { name: `Voortgang van ${name}` })).toHaveAttribute('value', '100');
  await expect(row.locator('.loket-upload__state')).toHaveText(state);
  return row;
}

test('send a photo and a drawing with an application; the case lists both and they download unchanged', async ({ resident, page, browserErrors }, testInfo) => {
  test.setTimeout(60_000);
  const { main } = resident;
  await login(resident, testInfo, 0);
  const draftId = await kapvergunningDocuments(resident, page);

  // Each document type has its own labelled file input with a hint of what it takes.
  const photoInput = main.getByLabel('Foto', { exact: true });
  const drawingInput = main.getByLabel('Situatietekening', { exact: true });
  await expect(photoInput).toHaveAttribute('type', 'file');
  await expect(photoInput).toHaveAttribute('multiple', '');
  await expect(photoInput).toHaveAttribute('accept', /image\/png/);
  await expect(photoInput).not.toHaveAttribute('accept', /pdf/);
  await expect(photoInput).toHaveAccessibleDescription(/^Toegestaan: .*PNG.*\. Maximaal 50 MB per bestand\./);
  await expect(drawingInput).toHaveAccessibleDescription(/^Toegestaan: PDF, .*\. Maximaal 2,1 GB per bestand\./);

  const photo = png(40_000);
  const drawing = pdf(120_000);
  await photoInput.setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: photo });
  await drawingInput.setInputFiles({ name: 'tekening.pdf', mimeType: 'application/pdf', buffer: drawing });
  const photoRow = await expectSent(main, 'Foto', 'foto.png');
  await expect(photoRow).toContainText('foto.png (40 kB)');
  await expectSent(main, 'Situatietekening', 'tekening.pdf');
  await expect(main.getByRole('status').filter({ hasText: 'tekening.pdf: Verstuurd' })).toHaveCount(1);
  await resident.expectAccessible();

  // A file sent by mistake is removed again (and focus returns to its input).
  await drawingInput.setInputFiles({ name: 'verkeerd.pdf', mimeType: 'application/pdf', buffer: pdf(3_000, 9) });
  const wrongRow = await expectSent(main, 'Situatietekening', 'verkeerd.pdf');
  await wrongRow.getByRole('button', { name: 'Verwijderen verkeerd.pdf' }).click();
  await expect(wrongRow).toHaveCount(0);
  await expect(drawingInput).toBeFocused();
  await expect(main.getByRole('status').filter({ hasText: 'verkeerd.pdf is verwijderd.' })).toHaveCount(1);

  // The files are kept with the draft: a reload (or another device) shows them.
  await page.reload();
  await resident.expectHeading('Documenten meesturen');
  await expectSent(main, 'Foto', 'foto.png');
  await expectSent(main, 'Situatietekening', 'tekening.pdf');
  await expect(fileRow(main, 'Situatietekening', 'verkeerd.pdf')).toHaveCount(0);
  const kept = await (await page.request.get(`/api/drafts/${encodeURIComponent(draftId)}/uploads`)).json();
  expect(kept.map((u) => u.file_name).sort()).toEqual(['foto.png', 'tekening.pdf']);

  await resident.next();
  await resident.expectHeading('Hoe kunnen we u bereiken?');
  await expect(main.getByRole('link', { name: 'Vorige' })).toHaveAttribute('href', /\/documenten$/);
  await main.getByRole('textbox', { name: 'E-mailadres' }).fill('documenten@example.nl');
  await resident.next();

  // Check answers lists the documents, with a link back to the documents step.
  await resident.expectHeading('Controleer uw antwoorden');
  await expect(resident.summaryValue('Foto')).toHaveText('foto.png (40 kB)');
  await expect(resident.summaryValue('Situatietekening')).toHaveText('tekening.pdf (120 kB)');
  await expect(main.getByRole('link', { name: 'Wijzigen Foto' })).toHaveAttribute('href', /\/documenten\?terug=controleren$/);
  await resident.expectAccessible();

  // A submit the server refuses because an upload is incomplete says so in the error summary.
  await page.route('**/api/drafts/*/submit', (route) => route.fulfill({
    status: 422, json: { code: 'invalid', errors: [{ field: 'documents', code: 'upload_incomplete' }] },
  }), { times: 1 });
  await main.getByRole('button', { name: 'Versturen' }).click();
  await resident.expectErrorSummary('Documenten: Een document wordt nog verstuurd. Wacht tot alle documenten verstuurd zijn.');
  await expect(resident.errorSummary.getByRole('link')).toHaveAttribute('href', /\/documenten\?terug=controleren$/);
  allowFailedRequests(browserErrors);

  await main.getByRole('button', { name: 'Versturen' }).click();
  await resident.expectHeading('Aanvraag verstuurd');
  await main.getByRole('link', { name: 'Bekijk uw zaak' }).click();
  await resident.expectHeading('Kapvergunning');

  // The case lists both documents; each downloads as the very bytes that were sent.
  const documents = main.getByRole('list').filter({ has: page.getByRole('link', { name: 'foto.png' }) });
  await expect(documents.getByRole('listitem')).toHaveCount(2);
  await expect(documents.getByRole('listitem').filter({ hasText: 'foto.png' })).toContainText('Foto, ');
  await expect(documents.getByRole('listitem').filter({ hasText: 'foto.png' })).toContainText('40 kB');
  for (const [name, bytes] of [['foto.png', photo], ['tekening.pdf', drawing]]) {
    const link = documents.getByRole('link', { name });
    await expect(link).toHaveAttribute('download', '');
    const response = await page.request.get(await link.getAttribute('href'));
    expect(response.status()).toBe(200);
    expect((await response.body()).equals(bytes), `${name} downloads unchanged`).toBe(true);
  }
  await resident.expectAccessible();
});

test('add a document to an open case; a request for that document is then done', async ({ resident, page, playwright, baseURL }, testInfo) => {
  test.setTimeout(60_000);
  const { main } = resident;
  await login(resident, testInfo, 1);
  const caseId = await submitParkingRequest(resident, 'toevoegen@example.nl');
  // A behandelaar asks for the kentekenbewijs (staff API, own request context).
  const detail = await (await page.request.get(`/api/cases/${encodeURIComponent(caseId)}`)).json();
  const kenteken = detail.document_types.find((d) => d.title === 'Kentekenbewijs');
  expect(kenteken).toBeTruthy();
  const staff = await staffSession(playwright, baseURL);
  await staff.post(`/api/staff/cases/${encodeURIComponent(caseId)}/document-requests`, {
    text: 'Stuur een kopie van uw kentekenbewijs.', document_type_id: kenteken.id,
  });
  await staff.request.dispose();

  await page.goto(`/zaken/${encodeURIComponent(caseId)}`);
  await resident.expectHeading('Aanvraag parkeervergunning bewoners');
  await expect(main.getByText('Er zijn nog geen documenten bij deze zaak.')).toBeVisible();
  const tasks = main.getByRole('region', { name: 'Wat wij van u nodig hebben' });
  await expect(tasks).toContainText('Stuur een kopie van uw kentekenbewijs.');

  const add = main.getByRole('region', { name: 'Document toevoegen' });
  const input = add.getByLabel('Kentekenbewijs', { exact: true });
  const scan = pdf(250_000, 3);
  await input.setInputFiles({ name: 'kenteken.pdf', mimeType: 'application/pdf', buffer: scan });
  await expectSent(add, 'Kentekenbewijs', 'kenteken.pdf', 'Verstuurd en toegevoegd aan de zaak');
  await expect(add.getByRole('status').filter({ hasText: 'kenteken.pdf: Verstuurd en toegevoegd aan de zaak' })).toHaveCount(1);

  // The page fetched the case again: the document is in the list, and downloads unchanged.
  const link = main.getByRole('link', { name: 'kenteken.pdf' });
  await expect(link).toBeVisible();
  await expect(main.getByText('Er zijn nog geen documenten bij deze zaak.')).toHaveCount(0);
  const item = main.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'kenteken.pdf' }) });
  await expect(item).toContainText('Kentekenbewijs, ');
  await expect(item).toContainText('250 kB');
  const response = await page.request.get(await link.getAttribute('href'));
  expect((await response.body()).equals(scan)).toBe(true);
  // The server marked the request done; the refetched page shows it so.
  await expect(tasks).toHaveCount(0);
  await expect(main.getByRole('heading', { name: 'Afgehandelde verzoeken' })).toBeVisible();
  await resident.expectAccessible();
  // Reflows at 320 px with the rows shown (WCAG 1.4.10).
  await page.setViewportSize({ width: 320, height: 640 });
  await resident.expectNoHorizontalScroll();
});

test('files are refused: by kind, size and emptiness in the browser, a virus by the server', async ({ resident, loket, page, browserErrors }, testInfo) => {
  const { main } = resident;
  await login(resident, testInfo, 2);
  await kapvergunningDocuments(resident, page);
  const announced = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/uploads')) announced.push(r.postDataJSON().file_name); });
  const photoInput = main.getByLabel('Foto', { exact: true });
  const drawingInput = main.getByLabel('Situatietekening', { exact: true });

  // An executable named like a PDF: recognised by its first bytes, never sent.
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(4_000)]);
  await drawingInput.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: exe });
  const exeRow = fileRow(main, 'Situatietekening', 'scan.pdf');
  await expect(exeRow).toContainText('Dit soort bestand kunnen we niet aannemen.');
  await expect(exeRow.locator('.loket-upload__state')).toHaveText('Niet verstuurd');
  await expect(main.getByRole('status').filter({ hasText: 'scan.pdf: Dit soort bestand kunnen we niet aannemen.' })).toHaveCount(1);
  await expect(exeRow.getByRole('button', { name: /Opnieuw proberen/ })).toHaveCount(0);

  // A PDF where only photos are allowed; an empty photo; a photo over 50 MB (a file on disk:
  // only its size is read).
  const big = testInfo.outputPath('groot.png');
  fs.writeFileSync(big, png(16));
  fs.truncateSync(big, 50_000_001);
  await photoInput.setInputFiles([
    { name: 'brief.pdf', mimeType: 'application/pdf', buffer: pdf(5_000) },
    { name: 'leeg.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
  ]);
  await expect(fileRow(main, 'Foto', 'brief.pdf')).toContainText('Dit soort bestand kunnen we niet aannemen.');
  await expect(fileRow(main, 'Foto', 'leeg.png')).toContainText('Dit bestand is leeg. Kies een ander bestand.');
  await photoInput.setInputFiles(big);
  await expect(fileRow(main, 'Foto', 'groot.png')).toContainText('Dit bestand is te groot.');
  expect(announced).toEqual([]);

  // A file only the server can refuse: its virus scanner finds the EICAR test signature in a
  // file that looks like a PDF. The server deletes it; the resident is told.
  const eicar = Buffer.concat([pdf(2_000), Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1')]);
  await drawingInput.setInputFiles({ name: 'virus.pdf', mimeType: 'application/pdf', buffer: eicar });
  const virusRow = fileRow(main, 'Situatietekening', 'virus.pdf');
  await expect(virusRow).toContainText('In dit bestand is een virus gevonden. Het is niet opgeslagen.');
  await expect(virusRow.locator('.loket-upload__state')).toHaveText('Niet verstuurd');
  expect(announced).toEqual(['virus.pdf']);
  await resident.expectAccessible();
  allowFailedRequests(browserErrors);

  // Refused files are taken away with "Verwijderen"; focus goes back to the input.
  await exeRow.getByRole('button', { name: 'Verwijderen scan.pdf' }).click();
  await expect(exeRow).toHaveCount(0);
  await expect(drawingInput).toBeFocused();

  // Files dropped on the box around the input go the same way (mouse users' extra).
  await main.locator('.loket-upload__dropzone').filter({ has: page.getByLabel('Situatietekening', { exact: true }) }).evaluate((zone) => {
    const data = new DataTransfer();
    data.items.add(new File(['MZ\x90\x00 not a document'], 'gesleept.pdf', { type: 'application/pdf' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(fileRow(main, 'Situatietekening', 'gesleept.pdf')).toContainText('Dit soort bestand kunnen we niet aannemen.');

  // In English, rows and announcements follow the language.
  await loket.switchLanguage('en');
  const drawingEn = main.getByLabel('Situatietekening', { exact: true });
  await expect(drawingEn).toHaveAccessibleDescription(/^Allowed: PDF, .*\. At most 2,1 GB per file\./);
  await expect(main.getByRole('list', { name: 'Files: Foto' }).getByRole('listitem').filter({ hasText: 'brief.pdf' }))
    .toContainText('We cannot accept this kind of file.');
  await drawingEn.setInputFiles({ name: 'setup.pdf', mimeType: 'application/pdf', buffer: exe });
  await expect(main.getByRole('status').filter({ hasText: 'setup.pdf: We cannot accept this kind of file.' })).toHaveCount(1);
});

/**
 * Drops the connection once, when an upload sends a part after the first; returns the list
 * the offset of every part sent is recorded in.
 */
async function dropTheSecondPartOnce(page) {
  const offsets = [];
  let dropped = false;
  await page.route('**/api/uploads/*', async (route) => {
    const request = route.request();
    if (request.method() !== 'PATCH') return route.fallback();
    const offset = Number(request.headers()['upload-offset']);
    offsets.push(offset);
    if (offset > 0 && !dropped) {
      dropped = true;
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  return offsets;
}

test('an interrupted upload resumes where the server stopped', async ({ resident, page, browserErrors }, testInfo) => {
  test.setTimeout(120_000);
  const { main } = resident;
  await login(resident, testInfo, 3);
  const caseId = await submitParkingRequest(resident, 'hervatten@example.nl');
  await page.goto(`/zaken/${encodeURIComponent(caseId)}`);
  await resident.expectHeading('Aanvraag parkeervergunning bewoners');

  // ~20 MB: two parts. The connection drops while the second part is sent.
  const offsets = await dropTheSecondPartOnce(page);
  const add = main.getByRole('region', { name: 'Document toevoegen' });
  const big = pdf(20 * 1024 * 1024, 5);
  await add.getByLabel('Kentekenbewijs', { exact: true }).setInputFiles({ name: 'groot.pdf', mimeType: 'application/pdf', buffer: big });
  const row = fileRow(add, 'Kentekenbewijs', 'groot.pdf');
  await expect(row).toContainText('Het versturen is niet gelukt. Controleer uw internetverbinding en probeer het opnieuw.');
  await expect(row.locator('.loket-upload__state')).toHaveText('Niet verstuurd');
  // The first part arrived: the bar stays where the server is.
  const bar = row.getByRole('progressbar', { name: 'Voortgang van groot.pdf' });
  expect(Number(await bar.getAttribute('value'))).toBe(Math.floor((CHUNK * 100) / big.length));
  await resident.expectAccessible();
  allowFailedRequests(browserErrors);

  await row.getByRole('button', { name: 'Opnieuw proberen groot.pdf' }).click();
  await expectSent(add, 'Kentekenbewijs', 'groot.pdf', 'Verstuurd en toegevoegd aan de zaak');
  // Resumed at the server's offset: the first part was never sent again.
  expect(offsets).toEqual([0, CHUNK, CHUNK]);

  const link = main.getByRole('link', { name: 'groot.pdf' });
  await expect(link).toBeVisible();
  const response = await page.request.get(await link.getAttribute('href'));
  expect((await response.body()).equals(big), 'the server has the file exactly once').toBe(true);
});

test('cancel stops an upload and removes it; going on waits for files being sent', async ({ resident, page, browserErrors }, testInfo) => {
  const { main } = resident;
  await login(resident, testInfo, 4);
  const draftId = await kapvergunningDocuments(resident, page);

  // The content never gets an answer: the file stays "being sent".
  const held = [];
  await page.route('**/api/uploads/*', (route) => {
    if (route.request().method() === 'PATCH') held.push(route);
    else route.fallback();
  });
  const input = main.getByLabel('Situatietekening', { exact: true });
  await input.setInputFiles({ name: 'annuleren.pdf', mimeType: 'application/pdf', buffer: pdf(200_000) });
  const row = fileRow(main, 'Situatietekening', 'annuleren.pdf');
  await expect(row.locator('.loket-upload__state')).toHaveText('Wordt verstuurd');
  await expect.poll(() => held.length).toBe(1);

  // "Volgende" while a file is being sent: the error summary asks to wait, linking to the field.
  await resident.next();
  await resident.expectErrorSummary('Een document wordt nog verstuurd. Wacht tot alle documenten verstuurd zijn.');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription(/Fout: Een document wordt nog verstuurd/);
  await resident.expectAccessible();
  await resident.errorSummary.getByRole('link').click();
  await expect(input).toBeFocused();

  const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/uploads/'));
  await row.getByRole('button', { name: 'Annuleren annuleren.pdf' }).click();
  await expect(row).toHaveCount(0);
  await expect(input).toBeFocused();
  await expect(main.getByRole('status').filter({ hasText: 'Het versturen van annuleren.pdf is geannuleerd.' })).toHaveCount(1);
  expect((await deleted).status()).toBe(204);
  const left = await (await page.request.get(`/api/drafts/${encodeURIComponent(draftId)}/uploads`)).json();
  expect(left).toEqual([]);
  // Nothing is being sent any more: the field error is gone and "Volgende" goes on.
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
  await page.unroute('**/api/uploads/*');
  for (const route of held) await route.abort().catch(() => {});
  await resident.next();
  await resident.expectHeading('Hoe kunnen we u bereiken?');
  allowFailedRequests(browserErrors);
});

test('a closed case takes no documents, and says so', async ({ resident, page, playwright, baseURL }, testInfo) => {
  const { main } = resident;
  await login(resident, testInfo, 5);
  const caseId = await submitParkingRequest(resident, 'gesloten@example.nl');
  const staff = await staffSession(playwright, baseURL);
  const view = await staff.get(`/api/staff/cases/${encodeURIComponent(caseId)}`);
  await staff.post(`/api/staff/cases/${encodeURIComponent(caseId)}/result`, {
    resultaattype_id: view.resultaattypen[0].id, explanation: 'Afgehandeld.',
  });
  await staff.request.dispose();

  await page.goto(`/zaken/${encodeURIComponent(caseId)}`);
  await resident.expectHeading('Aanvraag parkeervergunning bewoners');
  const add = main.getByRole('region', { name: 'Document toevoegen' });
  await expect(add).toContainText('Deze zaak is afgesloten. U kunt geen documenten meer toevoegen.');
  await expect(main.locator('input[type=file]')).toHaveCount(0);
  await resident.expectAccessible();
});

test('after a reload, choosing the same file again continues an upload the server holds part of', async ({ resident, page, browserErrors }, testInfo) => {
  test.setTimeout(120_000);
  const { main } = resident;
  await login(resident, testInfo, 6);
  const draftId = await kapvergunningDocuments(resident, page);

  // The connection drops during the second part; then the page is reloaded (the file is gone
  // from the page, the server keeps the first part).
  const offsets = await dropTheSecondPartOnce(page);
  const big = pdf(20 * 1024 * 1024, 11);
  const file = { name: 'plattegrond.pdf', mimeType: 'application/pdf', buffer: big };
  await main.getByLabel('Situatietekening', { exact: true }).setInputFiles(file);
  await expect(fileRow(main, 'Situatietekening', 'plattegrond.pdf')).toContainText('Het versturen is niet gelukt.');
  allowFailedRequests(browserErrors);

  await page.reload();
  await resident.expectHeading('Documenten meesturen');
  const row = fileRow(main, 'Situatietekening', 'plattegrond.pdf');
  await expect(row).toContainText('Dit bestand is niet helemaal verstuurd. Kies hetzelfde bestand opnieuw om verder te gaan, of verwijder het.');
  await expect(row.getByRole('progressbar', { name: 'Voortgang van plattegrond.pdf' }))
    .toHaveAttribute('value', String(Math.floor((CHUNK * 100) / big.length)));
  await resident.expectAccessible();

  await main.getByLabel('Situatietekening', { exact: true }).setInputFiles(file);
  await expectSent(main, 'Situatietekening', 'plattegrond.pdf');
  await expect(main.getByRole('list', { name: 'Bestanden: Situatietekening' }).getByRole('listitem')).toHaveCount(1);
  expect(offsets).toEqual([0, CHUNK, CHUNK]);
  const uploads = await (await page.request.get(`/api/drafts/${encodeURIComponent(draftId)}/uploads`)).json();
  expect(uploads.map((u) => [u.file_name, u.received_bytes, u.state])).toEqual([['plattegrond.pdf', big.length, 'received']]);
});
