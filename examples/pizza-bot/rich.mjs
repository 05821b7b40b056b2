// The pizza shop's rich replies (server option --rich): a link to a page it serves, its menu as a
// PDF with a picture, and size buttons. The page, PDF and PNG are made here, so the repository
// holds no binary files.
import { deflateSync, crc32 } from 'node:zlib';
import { SHOP_NAME } from './bot.mjs';

export const OFFERS_TITLE = "Today's offers";
export const OFFERS_SENTENCE = 'Every large pizza comes with a free drink today.';
export const MENU_TITLE = 'Simsim Pizza menu';
export const ALLERGENS_SENTENCE = 'Allergens in the four cheese pizza: milk and gluten.';

export const OFFERS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${OFFERS_TITLE} - ${SHOP_NAME}</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/menu.pdf">Menu</a> | <a href="/offers">Offers</a></nav>
<main><article>
<h1>${OFFERS_TITLE}</h1>
<p>${OFFERS_SENTENCE} The offer holds for delivery and for pickup, until the shop closes at 11:30pm.</p>
<p>On weekdays a medium margherita costs $8.00 instead of $10.00 when you order before 3pm. Offers cannot be combined.</p>
</article></main>
<footer>${SHOP_NAME}, open every day from 1pm to 11:30pm.</footer>
</body></html>
`;

/** A one-page PDF (Helvetica, no compression) of text lines. */
export function makePdf(title, lines) {
  const objects = [];
  const add = (body) => objects.push(body);
  const esc = (text) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = ['BT', '/F1 12 Tf', '16 TL', '72 720 Td', ...lines.map((line) => `(${esc(line)}) Tj T*`), 'ET'].join(
    '\n',
  );
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('<< /Type /Pages /Kids [4 0 R] /Count 1 >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  add('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>');
  add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  add(`<< /Title (${esc(title)}) >>`);
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const MENU_PDF = makePdf(MENU_TITLE, [
  MENU_TITLE,
  'Margherita: tomato and mozzarella, $10.00 (medium).',
  'Pepperoni: tomato, mozzarella and pepperoni, $11.50 (medium).',
  'Four cheese: mozzarella, gorgonzola, parmesan and fontina, $12.50 (medium).',
  ALLERGENS_SENTENCE,
  'Small pizzas cost $2.00 less, large ones $3.00 more.',
]);

/** A small PNG: a tomato-red disc on a cream square, like a pizza seen from above. */
export function makePng(size = 32) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size * 0.4) ** 2;
      row.push(...(inside ? [200, 40, 30] : [250, 235, 200]));
    }
    rows.push(Buffer.from(row));
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const PIZZA_PNG = makePng();

/** What the rich bot serves besides its API. */
export const ASSETS = {
  '/offers': { type: 'text/html; charset=utf-8', body: Buffer.from(OFFERS_PAGE, 'utf8') },
  '/menu.pdf': { type: 'application/pdf', body: MENU_PDF },
  '/pizza.png': { type: 'image/png', body: PIZZA_PNG },
};

const SIZE_BUTTONS = ['small', 'medium', 'large'].map((size) => ({
  title: size[0].toUpperCase() + size.slice(1),
  payload: `size:${size}`,
}));

/** A button's payload as the message the shop understands ("size:large" is "large"). */
export function payloadMessage(payload) {
  const size = /^size:(small|medium|large)$/.exec(String(payload ?? ''));
  return size ? size[1] : undefined;
}

/**
 * The shop's answer with parts: offers are on a page, the menu and allergens in a PDF with a
 * picture, and a size question comes with buttons. `text` is the plain reply of bot.mjs.
 */
export function richParts(message, text, fallback) {
  const lower = ` ${String(message)
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, ' ')} `;
  const out = { message: text, links: [], images: [], files: [], buttons: [] };
  const offers = / (offer|offers|deal|deals|special|specials|discount|discounts) /.test(lower);
  const allergens = / (allergen|allergens|allergy|allergies|gluten|ingredients|pdf) /.test(lower);
  const extra = [];
  if (offers) {
    extra.push('Our offers of the day are on our website.');
    out.links.push({ url: '/offers', title: 'Offers' });
  }
  if (allergens) {
    extra.push('Ingredients and allergens are in our menu.');
    out.files.push({ url: '/menu.pdf', name: 'menu.pdf', type: 'application/pdf' });
    out.images.push({ url: '/pizza.png', alt: 'A margherita pizza seen from above' });
  }
  if (extra.length > 0) out.message = text === fallback ? extra.join(' ') : `${extra.join(' ')} ${text}`;
  if (/What size would you like/.test(out.message)) out.buttons = SIZE_BUTTONS;
  return out;
}
