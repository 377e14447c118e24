// Cases for the staff specs, made through the resident's own portal API in a browser
// context (so that context is then logged in as that resident): demo login, a draft of a
// product with every question answered, submit. Independent of the wizard's screens, which
// the resident journeys test.
const { expect } = require('@playwright/test');

/** Values that pass the shared form validation, per field kind. */
function answerFor(field) {
  switch (field.kind.type) {
    case 'date': return '2026-12-01';
    case 'number': return '1';
    case 'choice': return field.kind.options[0];
    case 'long_text': return 'Aangevraagd voor een test.';
    default: return 'AB-123-C';
  }
}

/**
 * Logs the context in as the resident with `bsn` and submits a request for the product
 * titled `title`; returns { caseId, identificatie }.
 */
async function residentCase(context, bsn, title = 'Aanvraag parkeervergunning bewoners', email = 'staff-spec@voorbeeld.example.nl') {
  const api = context.request;
  const ok = async (res) => {
    expect(res.ok(), `${res.url()}: ${res.status()} ${await res.text()}`).toBeTruthy();
    return res.json();
  };
  const session = await ok(await api.get('/api/session'));
  let headers = { 'x-csrf-token': session.csrf_token };
  const login = await ok(await api.post('/api/session/demo', { headers, data: { bsn } }));
  headers = { 'x-csrf-token': login.csrf_token || session.csrf_token };
  const products = await ok(await api.get('/api/catalogue'));
  const product = products.find((p) => p.title === title);
  expect(product, `product ${title}`).toBeTruthy();
  const detail = await ok(await api.get(`/api/catalogue/${encodeURIComponent(product.id)}`));
  const draft = await ok(await api.post('/api/drafts', { headers, data: { product_id: product.id } }));
  const answers = Object.fromEntries(detail.form.fields.map((f) => [f.name, answerFor(f)]));
  await ok(await api.put(`/api/drafts/${encodeURIComponent(draft.id)}`, {
    headers, data: { answers, contact: { email, phone: '' }, step: 'controleren' },
  }));
  const submission = await ok(await api.post(`/api/drafts/${encodeURIComponent(draft.id)}/submit`, {
    headers: { ...headers, 'idempotency-key': `staff-spec-${draft.id}` },
  }));
  return { caseId: submission.case_id, identificatie: submission.identificatie };
}

module.exports = { residentCase };
