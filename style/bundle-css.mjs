// Concatenates the given CSS files into one stylesheet on stdout, with a cheap, safe
// minification: comments go (except `@license` headers, which the EUPL asks us to keep,
// shortened to one per package), source-map references go, and whitespace collapses.
// No CSS parser: the rules below only touch whitespace that is never significant.
// Usage: node style/bundle-css.mjs a.css b.css ... > bundle.css
import { readFileSync } from 'node:fs';

const seenLicenses = new Set();
const out = [];
for (const file of process.argv.slice(2)) {
  let css = readFileSync(file, 'utf8');
  css = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => {
    if (!comment.includes('@license')) return '';
    const body = comment
      .slice(2, -2)
      .split('\n')
      .map((line) => line.replace(/^\s*\*+/, '').trim())
      .filter(Boolean)
      .join(' ');
    const oneLine = `/*! ${body} */`;
    if (seenLicenses.has(oneLine)) return '';
    seenLicenses.add(oneLine);
    return `${oneLine}\n`;
  });
  css = css
    .replace(/@charset "UTF-8";/g, '')
    .replace(/[ \t]*\n\s*/g, '\n') // indentation
    .replace(/\n?\{\n?/g, '{')
    .replace(/;\n?\}/g, '}')
    .replace(/;\n/g, ';')
    .replace(/,\n/g, ',')
    .replace(/\}\n+/g, '}\n')
    .trim();
  out.push(css);
}
// One @charset at the very top: the list markers ("●") are non-ASCII.
process.stdout.write(`@charset "UTF-8";\n${out.join('\n')}\n`);
