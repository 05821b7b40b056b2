import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CHROMIUM } from './chromium-launch.mjs';

export { CHROMIUM, launchChromium, type Browser } from './chromium-launch.mjs';

/** Why browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests are skipped`;
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
