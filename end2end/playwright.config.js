// Playwright setup for Loket's end-to-end tests.
//
// Runs against the REAL server (`loket serve`) on the built dist/, in Debian's Chromium
// (never `npx playwright install`: no browser downloads on this network).
//
//   scripts/build-web.sh && cargo build --release -p loket-server
//   cd end2end && npx playwright test
//
// Env: LOKET_BIN (server binary, default ../target/release/loket), E2E_PORT (default: a free
// port), LOKET_MUNICIPALITY_NAME (default "Gemeente Voorbeeld"), CHROME_PATH,
// E2E_SERVER=static (a small stand-in server for front-end work before the real one exists;
// see support/static-server.js). E2E_OIDC_PORT (default: a free port) for the stand-in DigiD
// broker support/oidc-provider.mjs, which loket uses as LOKET_OIDC_ISSUER — and as the
// organisation's staff login (LOKET_STAFF_OIDC_ISSUER). E2E_CLAMD_PORT
// (default: a free port) for the virus scanner: the real clamd, started by support/clamd.sh
// with an EICAR test signature (LOKET_CLAMAV).
const { defineConfig } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// The config is evaluated again in every worker process; values decided here are put into
// the environment, which the workers inherit, so they all agree on one port and data dir.
if (!process.env.E2E_PORT) {
  // A synchronous free-port lookup (config files can't await): ask the OS for port 0.
  process.env.E2E_PORT = execFileSync(process.execPath, ['-e', `
    const s = require('node:net').createServer();
    s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });
  `]).toString().trim();
}
// The stand-in DigiD broker (support/oidc-provider.mjs) gets its own free port the same way.
if (!process.env.E2E_OIDC_PORT) {
  process.env.E2E_OIDC_PORT = execFileSync(process.execPath, ['-e', `
    const s = require('node:net').createServer();
    s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });
  `]).toString().trim();
}
// The virus scanner (support/clamd.sh) too; it starts before loket, so its
// port must differ from the ones picked above.
while (!process.env.E2E_CLAMD_PORT
  || [process.env.E2E_PORT, process.env.E2E_OIDC_PORT].includes(process.env.E2E_CLAMD_PORT)) {
  process.env.E2E_CLAMD_PORT = execFileSync(process.execPath, ['-e', `
    const s = require('node:net').createServer();
    s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });
  `]).toString().trim();
}
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-e2e-'));
}
process.env.LOKET_MUNICIPALITY_NAME ||= 'Gemeente Voorbeeld';

const PORT = Number(process.env.E2E_PORT);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT);
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
const CLAMD_PORT = Number(process.env.E2E_CLAMD_PORT);
const DIST = path.resolve(__dirname, '..', 'dist');
const BIN = process.env.LOKET_BIN || path.resolve(__dirname, '..', 'target', 'release', 'loket');
const serverCommand = process.env.E2E_SERVER === 'static'
  ? `node support/static-server.js ${PORT} ${DIST}`
  : `${BIN} serve --listen 127.0.0.1:${PORT} --data-dir ${process.env.E2E_DATA_DIR} --assets ${DIST}`;

module.exports = defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1, // 2 cores: one browser at a time keeps timings stable
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    locale: 'nl-NL',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    {
      name: 'phone',
      use: { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 } },
    },
  ],
  // Both login methods on for every spec: DigiD through a real OpenID Connect provider
  // (started first) and the demo login. Staff can log in with a password (demo accounts) or
  // with the organisation's account: the same provider stands in for the municipality's
  // identity provider (one client with both callbacks; accounts `name:role,…` carry a
  // `roles` claim). Uploads are virus-scanned by a real clamd.
  webServer: [
    {
      command: `support/clamd.sh ${CLAMD_PORT}`,
      port: CLAMD_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node support/oidc-provider.mjs ${OIDC_PORT} http://127.0.0.1:${PORT}/api/session/oidc/callback`
        + ` http://127.0.0.1:${PORT}/api/staff/session/oidc/callback`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: serverCommand,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      // Request logs only drown the test output; warnings and errors still show.
      env: {
        ...process.env,
        LOKET_LOG: process.env.LOKET_LOG || 'warn',
        LOKET_OIDC_ISSUER: OIDC_ISSUER,
        LOKET_OIDC_CLIENT_ID: 'loket',
        LOKET_OIDC_CLIENT_SECRET: 'loket-oidc-geheim',
        LOKET_STAFF_OIDC_ISSUER: OIDC_ISSUER,
        LOKET_STAFF_OIDC_CLIENT_ID: 'loket',
        LOKET_STAFF_OIDC_CLIENT_SECRET: 'loket-oidc-geheim',
        LOKET_DEMO_LOGIN: 'true',
        LOKET_CLAMAV: `tcp://127.0.0.1:${CLAMD_PORT}`,
      },
    },
  ],
});
