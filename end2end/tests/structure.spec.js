// The accessibility tree a screen reader gets: landmarks, heading outline, list, switch.
// Partial ARIA snapshots: they pin the structure, not every word of the copy.
const { test, expect } = require('../support/fixtures');

test.describe('page structure (ARIA snapshot)', () => {
  test('start page', async ({ loket, page }) => {
    await loket.goto('/');
    await expect(page.locator('body')).toMatchAriaSnapshot(`
      - link "Naar de inhoud"
      - banner:
        - link /${loket.municipality} Loket/
      - main:
        - heading "Welkom bij het Loket" [level=1]
        - paragraph
        - heading "Wat kunt u hier doen?" [level=2]
        - list:
          - listitem
          - listitem
          - listitem
        - heading "Hulp nodig?" [level=2]
        - paragraph
      - contentinfo:
        - heading "Contact" [level=2]
        - heading "Toegankelijkheid" [level=2]
        - heading "Privacy" [level=2]
        - group "Taal":
          - button "Nederlands" [pressed]
          - button "English"
    `);
  });

  test('404 page', async ({ loket }) => {
    await loket.goto('/bestaat-niet');
    await expect(loket.main).toMatchAriaSnapshot(`
      - main:
        - heading "Deze pagina bestaat niet" [level=1]
        - paragraph
        - paragraph:
          - link "Naar de startpagina":
            - /url: /
        - paragraph
    `);
  });
});
