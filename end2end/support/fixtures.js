// Shared test fixtures: every test fails on a browser console error or an uncaught page
// error, and gets a `loket` page object.
const base = require('@playwright/test');
const { LoketPage } = require('../pages/loket-page');
const { Resident } = require('../pages/resident');

const test = base.test.extend({
  // Auto fixture: collects problems while the test runs, asserts none after it.
  browserErrors: [async ({ page }, use) => {
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await use(errors);
    base.expect(errors, 'browser console errors / page errors').toEqual([]);
  }, { auto: true }],

  loket: async ({ page }, use) => {
    await use(new LoketPage(page));
  },

  resident: async ({ page }, use) => {
    await use(new Resident(page));
  },
});

module.exports = { test, expect: base.expect };
