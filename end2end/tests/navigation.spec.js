// Client-side navigation behaves like a page load for assistive technology:
// focus moves to the new page's <h1> and the document title changes.
const { test, expect } = require('../support/fixtures');

test.describe('navigation', () => {
  test('moves focus to the h1 and sets document.title on route change', async ({ loket, page }) => {
    const t = loket.text('nl');
    await loket.goto('/bestaat-niet');
    await expect(page).toHaveTitle(t.notFoundTitle);
    // First load: focus stays where the browser puts it.
    expect((await loket.focused()).tag).toBe('body');

    await loket.main.getByRole('link', { name: t.homeLink }).click();
    await expect(loket.h1).toHaveText(t.startHeading);
    await expect(loket.h1).toBeFocused();
    await expect(page).toHaveTitle(t.startTitle);
  });

  test('the header link leads home from any page', async ({ loket, page }) => {
    await loket.goto('/onbekende-pagina');
    await loket.homeLinkInHeader().click();
    await expect(page).toHaveURL('/');
    await expect(loket.h1).toBeFocused();
    await expect(page).toHaveTitle(loket.text('nl').startTitle);
  });

  test('browser back returns to the previous page and focuses its h1', async ({ loket, page }) => {
    const t = loket.text('nl');
    await loket.goto('/bestaat-niet');
    await loket.main.getByRole('link', { name: t.homeLink }).click();
    await expect(loket.h1).toHaveText(t.startHeading);
    await page.goBack();
    await expect(loket.h1).toHaveText(t.notFoundHeading);
    await expect(loket.h1).toBeFocused();
    await expect(page).toHaveTitle(t.notFoundTitle);
  });
});
