// A behandelaar working through the staff API in its own request context (its own cookies),
// next to the resident's browser page.
const { expect } = require('@playwright/test');

async function staffSession(playwright, baseURL) {
  const request = await playwright.request.newContext({ baseURL });
  const info = await request.get('/api/staff/session');
  expect(info.ok()).toBeTruthy();
  let csrf = (await info.json()).csrf_token;
  const login = await request.post('/api/staff/session', {
    headers: { 'x-csrf-token': csrf },
    data: { username: 'behandelaar', password: 'behandelaar-demo-wachtwoord' },
  });
  expect(login.ok(), await login.text()).toBeTruthy();
  csrf = (await login.json()).csrf_token || csrf;
  return {
    request,
    async post(path, data) {
      const res = await request.post(path, { headers: { 'x-csrf-token': csrf }, data });
      expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
      return res;
    },
    async get(path) {
      const res = await request.get(path);
      expect(res.ok(), `${path}: ${res.status()}`).toBeTruthy();
      return res.json();
    },
  };
}

/** The resident (logged in) submits a parking permit request; returns the case id. */
async function submitParkingRequest(resident, email) {
  const { main, page } = resident;
  await resident.startApplication('Aanvraag parkeervergunning bewoners', 'parkeer');
  await resident.expectHeading('Kenteken van de auto');
  await main.getByRole('textbox').fill('AB-123-C');
  await resident.next();
  await resident.expectHeading(/Vanaf wanneer/);
  const date = main.getByRole('group');
  await date.getByRole('textbox', { name: 'Dag' }).fill('1');
  await date.getByRole('textbox', { name: 'Maand' }).fill('12');
  await date.getByRole('textbox', { name: 'Jaar' }).fill('2026');
  await resident.next();
  await resident.expectHeading("Aantal auto's op uw adres");
  await main.getByRole('textbox').fill('1');
  await resident.next();
  await resident.expectHeading('Documenten meesturen');
  await resident.next();
  await resident.expectHeading('Hoe kunnen we u bereiken?');
  await main.getByRole('textbox', { name: 'E-mailadres' }).fill(email);
  await resident.next();
  await resident.expectHeading('Controleer uw antwoorden');
  await main.getByRole('button', { name: 'Versturen' }).click();
  await resident.expectHeading('Aanvraag verstuurd');
  const match = page.url().match(/\/zaken\/([^/]+)\/bevestiging/);
  expect(match).toBeTruthy();
  return decodeURIComponent(match[1]);
}

module.exports = { staffSession, submitParkingRequest };
