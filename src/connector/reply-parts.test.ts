import { describe, expect, it } from 'vitest';
import { extractParts, partsInText } from './reply-parts.ts';

describe('reply parts', () => {
  it('takes links, images, files and buttons from their paths, each once', () => {
    const body = {
      links: ['https://shop/offers', { href: 'https://shop/a', title: 'A' }],
      images: { src: '/p.png', alt: 'a pizza' },
      files: [{ url: '/m.pdf', filename: 'menu.pdf', mime: 'application/pdf' }],
      buttons: [{ title: 'Small', payload: '/size{"s":1}' }, 'Large'],
    };
    expect(
      extractParts(
        body,
        { links: 'links', images: 'images', files: 'files', buttons: 'buttons' },
        [{ title: 'Small', payload: '/size{"s":1}' }],
        ['see https://shop/offers.'],
      ),
    ).toEqual([
      { kind: 'link', url: 'https://shop/offers' },
      { kind: 'link', url: 'https://shop/a', title: 'A' },
      { kind: 'image', url: '/p.png', alt: 'a pizza' },
      { kind: 'file', url: '/m.pdf', name: 'menu.pdf', mediaType: 'application/pdf' },
      { kind: 'button', title: 'Small', payload: '/size{"s":1}', url: undefined },
      { kind: 'button', title: 'Large' },
    ]);
    expect(extractParts({ message: 'hi' }, { links: 'links' }, [], ['hi'])).toEqual([]);
  });

  it('finds links in markdown, HTML, Sensei image markup and bare addresses', () => {
    expect(
      partsInText(
        "Menu: [our menu](/menu.pdf), ![logo](https://x/l.png) <a href='https://x/page'>Page</a> <image>https://x/i.jpg</image> and https://x/more.",
      ),
    ).toEqual([
      { kind: 'file', url: '/menu.pdf', name: 'our menu', mediaType: 'application/pdf' },
      { kind: 'image', url: 'https://x/l.png', alt: 'logo' },
      { kind: 'link', url: 'https://x/page', title: 'Page' },
      { kind: 'image', url: 'https://x/i.jpg' },
      { kind: 'link', url: 'https://x/more', title: undefined },
    ]);
  });
});
