// Page object for the resident journey: login, catalogue, the application wizard, cases.
// Locators are role-based (what a screen reader gets); texts mirror app/src/i18n.rs (NL).
const { expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Test persons of the demo login (server/src/portal/session.rs), one per project/spec so
 *  that parallel data (drafts, cases) never mixes. */
const PERSONS = {
  suzanne: { name: 'Suzanne de Vries', bsn: '999993653' },
  mohamed: { name: 'Mohamed El Amrani', bsn: '111222333' },
  anna: { name: 'Anna Jansen', bsn: '123456782' },
  pieter: { name: 'Pieter Bakker', bsn: '999990019' },
};

class Resident {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.main = page.getByRole('main');
    this.h1 = page.getByRole('heading', { level: 1 });
    this.nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    this.errorSummary = page.locator('.loket-error-summary');
  }

  /** axe-core, WCAG 2.2 AA, colour contrast on: no violations. */
  async expectAccessible() {
    const results = await new AxeBuilder({ page: this.page }).withTags(TAGS).analyze();
    const summary = results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
    expect(summary, `axe on ${this.page.url()}`).toEqual([]);
  }

  /** Nothing forces horizontal scrolling (WCAG 1.4.10 Reflow). */
  async expectNoHorizontalScroll() {
    const { scrollWidth, clientWidth } = await this.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `horizontal scroll on ${this.page.url()}`).toBeLessThanOrEqual(clientWidth);
  }

  async expectHeading(text) {
    await expect(this.h1).toHaveText(text);
  }

  /** Opens the login page (optionally with a return path) and waits for the form. */
  async openLogin(next) {
    await this.page.goto(next ? `/inloggen?next=${encodeURIComponent(next)}` : '/inloggen');
    await this.expectHeading('Inloggen');
    await expect(this.main.getByRole('radio').first()).toBeVisible();
  }

  /** Demo login by picking a person from the list. */
  async loginAs(person, next = '/mijn-zaken') {
    await this.openLogin(next);
    await this.main.getByRole('radio', { name: person.name }).check();
    await this.submitLogin();
    await expect(this.nav.getByText(`Ingelogd als ${person.name}`)).toBeVisible();
  }

  /** Demo login by typing a BSN. */
  async typeBsn(bsn) {
    await this.main.getByRole('radio', { name: 'Een ander burgerservicenummer' }).check();
    await this.main.getByRole('textbox', { name: 'Burgerservicenummer (BSN)' }).fill(bsn);
  }

  async submitLogin() {
    await this.main.getByRole('button', { name: 'Inloggen' }).click();
  }

  async next() {
    await this.main.getByRole('button', { name: 'Volgende' }).click();
  }

  /** From the catalogue: search, open the product and press its start button. */
  async startApplication(title, search) {
    await this.page.goto('/producten');
    await this.expectHeading('Producten');
    if (search) await this.main.getByRole('searchbox', { name: 'Zoek een product' }).fill(search);
    await this.main.getByRole('link', { name: title, exact: true }).click();
    await this.expectHeading(title);
    await this.main.getByRole('button', { name: /^(Aanvragen|Indienen|Melden)$/ }).click();
  }

  /** The error summary shows these messages (as links) and has focus. */
  async expectErrorSummary(...messages) {
    await expect(this.errorSummary).toBeVisible();
    await expect(this.errorSummary.getByRole('heading', { name: 'Er is een probleem' })).toBeVisible();
    for (const m of messages) {
      await expect(this.errorSummary.getByRole('link', { name: m })).toBeVisible();
    }
    await expect(this.errorSummary).toBeFocused();
  }

  /** A row of a summary list (check answers, case details) by its key. */
  summaryValue(key) {
    return this.main.locator('.loket-summary-list__row', { has: this.page.locator('dt', { hasText: key }) })
      .locator('.loket-summary-list__value');
  }
}

module.exports = { Resident, PERSONS };
