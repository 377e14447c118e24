// Page object for the staff pages (/medewerker/...): login, the staff menu and the forms.
// Locators are role-based; texts mirror app/src/pages/staff/texts.rs (NL).
const { expect } = require('@playwright/test');
const { Resident } = require('./resident');

const PASSWORD = (username) => `${username}-demo-wachtwoord`;

class Staff extends Resident {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    super(page);
    this.staffNav = page.getByRole('navigation', { name: 'Medewerkersmenu' });
  }

  async openStaffLogin() {
    await this.page.goto('/medewerker/inloggen');
    await this.expectHeading('Inloggen voor medewerkers');
  }

  async fillLogin(username, password) {
    await this.main.getByRole('textbox', { name: 'Gebruikersnaam' }).fill(username);
    await this.main.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await this.main.getByRole('button', { name: 'Inloggen' }).click();
  }

  /** Logs in with a demo account and waits for the member's start page. */
  async login(username, heading = username === 'auditor' ? 'Toegangslog' : 'Zaken zoeken') {
    await this.openStaffLogin();
    await this.fillLogin(username, PASSWORD(username));
    await this.expectHeading(heading);
    await expect(this.staffNav).toBeVisible();
  }

  async logout() {
    await this.staffNav.getByRole('button', { name: 'Uitloggen' }).click();
    await this.expectHeading('Inloggen voor medewerkers');
    await expect(this.main.getByRole('status').filter({ hasText: 'U bent uitgelogd.' })).toBeVisible();
  }

  /** Search by BSN or case number; waits for the count. */
  async search(by, value) {
    await this.main.getByRole('radio', { name: by === 'bsn' ? 'Burgerservicenummer (BSN)' : 'Zaaknummer' }).check();
    await this.main.getByRole('textbox', { name: by === 'bsn' ? 'BSN van de inwoner' : 'Zaaknummer' }).fill(value);
    await this.main.getByRole('button', { name: 'Zoeken' }).click();
  }

  /** Opens a hit of the search results by its case number. */
  async openHit(number) {
    await this.main.getByRole('link', { name: new RegExp(number) }).click();
  }
}

/** A second browser context (the resident's own device) with the project's screen. */
async function newContextLike(browser, testInfo) {
  const { viewport, isMobile, hasTouch, deviceScaleFactor, locale, baseURL } = testInfo.project.use;
  return browser.newContext({ viewport, isMobile, hasTouch, deviceScaleFactor, locale, baseURL });
}

module.exports = { Staff, newContextLike, PASSWORD };
