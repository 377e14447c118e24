// Page object for the Loket SPA shell: layout landmarks, the skip link, the language switch
// and the two pages that exist so far. Locators are role-based, as a screen reader sees them.
const { expect } = require('@playwright/test');

const MUNICIPALITY = process.env.LOKET_MUNICIPALITY_NAME || 'Gemeente Voorbeeld';

/** Visible texts the tests look for, per language (mirrors app/src/i18n.rs). */
const TEXT = {
  nl: {
    skipLink: 'Naar de inhoud',
    startHeading: 'Welkom bij het Loket',
    startTitle: `Start – ${MUNICIPALITY} Loket`,
    notFoundHeading: 'Deze pagina bestaat niet',
    notFoundTitle: `Pagina niet gevonden – ${MUNICIPALITY} Loket`,
    homeLink: 'Naar de startpagina',
    footerHeadings: ['Contact', 'Toegankelijkheid', 'Privacy'],
    languageGroup: 'Taal',
  },
  en: {
    skipLink: 'Skip to content',
    startHeading: 'Welcome to the Loket',
    startTitle: `Home – ${MUNICIPALITY} Loket`,
    notFoundHeading: 'This page does not exist',
    notFoundTitle: `Page not found – ${MUNICIPALITY} Loket`,
    homeLink: 'Go to the home page',
    footerHeadings: ['Contact', 'Accessibility', 'Privacy'],
    languageGroup: 'Language',
  },
};

class LoketPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.banner = page.getByRole('banner');
    this.main = page.getByRole('main');
    this.footer = page.getByRole('contentinfo');
    this.h1 = page.getByRole('heading', { level: 1 });
    this.loadingMessage = page.locator('#loket-loading');
  }

  text(lang = 'nl') {
    return TEXT[lang];
  }

  get municipality() {
    return MUNICIPALITY;
  }

  /** Opens a path and waits until the app has replaced the static loading shell. */
  async goto(path = '/') {
    const response = await this.page.goto(path);
    await this.waitForApp();
    return response;
  }

  async waitForApp() {
    await expect(this.loadingMessage).toHaveCount(0);
    await expect(this.h1).toBeVisible();
  }

  skipLink(lang = 'nl') {
    return this.page.getByRole('link', { name: TEXT[lang].skipLink });
  }

  homeLinkInHeader() {
    return this.banner.getByRole('link', { name: new RegExp(MUNICIPALITY) });
  }

  languageButton(name) {
    return this.footer.getByRole('group').getByRole('button', { name, exact: true });
  }

  /** Switches language through the footer switch and waits for the page to follow. */
  async switchLanguage(lang) {
    await this.languageButton(lang === 'en' ? 'English' : 'Nederlands').click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
  }

  /** The element that has focus, described for assertions. */
  async focused() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName.toLowerCase(),
        id: el?.id || null,
        text: el?.textContent?.trim() ?? null,
      };
    });
  }
}

module.exports = { LoketPage, TEXT, MUNICIPALITY };
