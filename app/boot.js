// Loket boot script: loads the wasm app. An external module rather than an inline script,
// so the Content-Security-Policy needs no hash or nonce (script-src 'self').
// The build (scripts/build-web.sh) fills in the content-hashed file names.
import init from './__LOKET_JS__';

// Pass the wasm URL explicitly: the glue's own default would point at the unhashed name.
init({ module_or_path: new URL('./__LOKET_WASM__', import.meta.url) }).catch((error) => {
  // Old browser, blocked wasm or a broken download: swap the loading message for the
  // static explanation (in index.html) of how to reach the municipality otherwise.
  const loading = document.getElementById('loket-loading');
  const failed = document.getElementById('loket-load-error');
  if (loading) loading.hidden = true;
  if (failed) failed.hidden = false;
  console.error('Loket could not start:', error);
});
