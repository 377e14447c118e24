// A minimal stand-in for `loket serve`, for front-end work when the real server isn't built:
// serves dist/ with the same contract (SPA fallback with status 200, precompressed .br/.gz,
// placeholder substitution, the production CSP). The e2e suite targets the real server;
// use this only with E2E_SERVER=static.
// Usage: node support/static-server.js PORT DIST
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const [port, dist] = [Number(process.argv[2]), path.resolve(process.argv[3])];
const name = process.env.LOKET_MUNICIPALITY_NAME || 'Gemeente Voorbeeld';
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json', '.json': 'application/json',
};
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (file) => fs.readFileSync(path.join(dist, file), 'utf8')
  .replaceAll('{{MUNICIPALITY_NAME}}', escapeHtml(name))
  .replaceAll('{{MUNICIPALITY_LOGO}}', '/icons/logo.svg');
// Two apps, as the real server does: the staff app for /medewerker and below.
const residentPage = page('index.html');
const staffPage = page('staff.html');
const isStaffPage = (p) => p === '/medewerker' || p.startsWith('/medewerker/');

http.createServer((req, res) => {
  const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(dist, path.normalize(urlPath));
  const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };
  if (!file.startsWith(dist) || urlPath === '/' || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache' });
    return res.end(isStaffPage(urlPath) ? staffPage : residentPage);
  }
  const accept = req.headers['accept-encoding'] || '';
  let body = file;
  if (/\bbr\b/.test(accept) && fs.existsSync(`${file}.br`)) {
    body = `${file}.br`; headers['Content-Encoding'] = 'br';
  } else if (/\bgzip\b/.test(accept) && fs.existsSync(`${file}.gz`)) {
    body = `${file}.gz`; headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Type'] = TYPES[path.extname(file)] || 'application/octet-stream';
  headers['Cache-Control'] = urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, headers);
  fs.createReadStream(body).pipe(res);
}).listen(port, '127.0.0.1');
