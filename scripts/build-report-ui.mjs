// Builds the HTML report's page (report-ui/) into one template, dist/report/report-template.html:
// the script and styles inline, a Content-Security-Policy that allows exactly those two (by hash)
// and nothing else, and two marks where the runtime puts the title and the data.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ui = join(root, 'report-ui');

const bundle = await build({
  entryPoints: [join(ui, 'main.tsx')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: ['chrome100', 'firefox115', 'safari16.4'],
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
const script = bundle.outputFiles[0].text.trim();
const style = (
  await transform(readFileSync(join(ui, 'styles.css'), 'utf8'), { loader: 'css', minify: true })
).code.trim();

for (const [name, text, closing] of [
  ['script', script, '</script'],
  ['style', style, '</style'],
]) {
  if (text.toLowerCase().includes(closing))
    throw new Error(`the report ${name} contains "${closing}": it would end its element early`);
}

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
// No source of any kind but the two inline blocks: no request can leave the page.
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)}`,
  `style-src ${hash(style)}`,
  'img-src data:',
  "connect-src 'none'",
  "font-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

const fill = (text, mark, value) => {
  const parts = text.split(mark);
  if (parts.length !== 2) throw new Error(`report-ui/template.html must contain ${mark} exactly once`);
  return parts.join(value);
};
let page = readFileSync(join(ui, 'template.html'), 'utf8');
page = fill(page, '__CSP__', csp);
page = fill(page, '__STYLE__', style);
page = fill(page, '__SCRIPT__', script);

const out = join(root, 'dist', 'report', 'report-template.html');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
