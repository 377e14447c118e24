// Bundle budget: what a phone downloads on the first visit. Records every URL the first page
// load fetches, looks up the precompressed .br file in dist/ (what a brotli-capable browser
// gets), prints raw/gzip/brotli per file and writes end2end/bundle-report.json.
// Fails if the brotli total exceeds 470 KB or index.html exceeds 14 KB raw.
const fs = require('node:fs');
const path = require('node:path');
const { test, expect } = require('../support/fixtures');

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const REPORT = path.resolve(__dirname, '..', 'bundle-report.json');
// Counted strictly in decimal bytes. Was 250 KB for the shell (wasm 103 KB brotli); raised
// to 325 KB when the resident journey landed (11 routes, forms, API types + serde_json:
// wasm ~300 KB brotli, first load ~315 KB, already with one shared loader for all pages,
// app/src/components/load.rs). The way back under 250 KB: fewer reactive closures per
// text (each is its own render effect in the wasm) and split routes (wasm-split) once the
// build pipeline supports it. Do not raise it again silently.
// Raised to 360 KB for document uploads (issue 5), measured 2026-11-29 on HEAD without the
// staff pages: the upload contract types alone took the first load to 327,367 B; the uploads
// UI (file upload component with XHR progress/resume, documents step, case documents and
// "Document toevoegen") added ~31 KB (wasm 311.6 -> 342.0 KB brotli): first load 358,753 B.
// Already trimmed: all file rows in one signal of plain data, shared row views.
// Raised to 470 KB for the staff pages (issue 6: KCC desk, case handling, work overview,
// access log — 9 routes under /medewerker in the same SPA, as asked), measured 2026-11-29:
// first load 454,536 B with them (and the resident profile page built at the same time)
// against 358,753 B without either (uploads measurement above): the staff side is at most ~96 KB brotli. Already trimmed: one data table and one card
// view for every staff list, field helpers shared by all staff forms, no Action per form,
// no per-page suspense machinery (staff/form.rs). The real fix is the split route named
// above: residents should not download the staff pages at all.
const BROTLI_BUDGET = 470_000;
const INDEX_BUDGET = 14_000;

const size = (file) => (fs.existsSync(file) ? fs.statSync(file).size : null);

/** dist/ file that answers a same-origin URL path (the SPA shell for any non-file path). */
function distFile(urlPath) {
  const candidate = path.join(DIST, decodeURIComponent(urlPath));
  if (urlPath !== '/' && candidate.startsWith(DIST) && fs.existsSync(candidate)
      && fs.statSync(candidate).isFile()) {
    return candidate;
  }
  return path.join(DIST, 'index.html');
}

test('first load stays within the bundle budget', async ({ loket, page, baseURL }, testInfo) => {
  const origin = new URL(baseURL).origin;
  const urls = new Set();
  const encodings = new Map();
  page.on('request', (req) => {
    const url = new URL(req.url());
    // API answers (GET /api/session) are data, not the bundle.
    if (url.origin === origin && !url.pathname.startsWith('/api/')) urls.add(url.pathname);
  });
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.origin === origin) encodings.set(url.pathname, res.headers()['content-encoding'] || 'identity');
  });

  await loket.goto('/');
  await page.waitForLoadState('networkidle');

  const files = [...urls].map((urlPath) => {
    const file = distFile(urlPath);
    const raw = size(file);
    const gzip = size(`${file}.gz`);
    const brotli = size(`${file}.br`);
    // Files without a .br sibling (PNG icons) travel as they are.
    return { url: urlPath, file: path.relative(DIST, file), raw, gzip: gzip ?? raw, brotli: brotli ?? raw };
  }).sort((a, b) => b.brotli - a.brotli);
  const total = files.reduce((t, f) => ({
    raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli,
  }), { raw: 0, gzip: 0, brotli: 0 });
  const indexRaw = size(path.join(DIST, 'index.html'));

  const line = (name, r, g, b) => `${name.padEnd(48)} ${String(r).padStart(9)} ${String(g).padStart(9)} ${String(b).padStart(9)}`;
  const table = [
    `Bundle report (${testInfo.project.name}): first load of /, bytes`,
    line('file', 'raw', 'gzip', 'brotli'),
    ...files.map((f) => line(f.file, f.raw, f.gzip, f.brotli)),
    line('TOTAL', total.raw, total.gzip, total.brotli),
    `index.html raw: ${indexRaw} B (budget ${INDEX_BUDGET}); brotli total: ${total.brotli} B (budget ${BROTLI_BUDGET})`,
  ].join('\n');
  console.log(table);
  fs.writeFileSync(REPORT, `${JSON.stringify({
    project: testInfo.project.name, files, total, indexHtmlRaw: indexRaw,
    budgets: { brotliTotal: BROTLI_BUDGET, indexHtmlRaw: INDEX_BUDGET },
  }, null, 2)}\n`);
  await testInfo.attach('bundle-report', { body: table, contentType: 'text/plain' });

  // The figures above assume the server sends the precompressed brotli files: check it does
  // for the big ones (Chromium always offers br on http://127.0.0.1).
  for (const f of files.filter((x) => /\.(js|wasm|css|html)$/.test(x.file))) {
    expect(encodings.get(f.url), `content-encoding of ${f.url}`).toBe('br');
  }
  expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(['index.html']));
  expect(files.some((f) => f.file.endsWith('_bg.wasm'))).toBe(true);
  expect(indexRaw).toBeLessThanOrEqual(INDEX_BUDGET);
  expect(total.brotli).toBeLessThanOrEqual(BROTLI_BUDGET);
});
