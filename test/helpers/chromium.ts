import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package; CI installs it (.ci/run), a fresh clone may not have it. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests are skipped`;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile folder, removed on close. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'simsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * How varied a PNG's pixels are, measured by drawing it on a canvas in a blank page: the
 * standard deviation of the luminance (0-255) and the number of distinct (coarse) colours.
 */
export async function pixelVariety(page: Page, png: Buffer): Promise<{ stddev: number; colors: number }> {
  await page.goto('about:blank');
  // A string, not a function: this file is type-checked without the DOM's types.
  const script = `(async () => {
    const image = new Image();
    image.src = ${JSON.stringify(`data:image/png;base64,${png.toString('base64')}`)};
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0, sumSq = 0;
    const colors = new Set();
    for (let i = 0; i < data.length; i += 4) {
      const y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      sum += y;
      sumSq += y * y;
      colors.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
    }
    const n = data.length / 4, mean = sum / n;
    return { stddev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), colors: colors.size };
  })()`;
  return page.evaluate<{ stddev: number; colors: number }>(script);
}
