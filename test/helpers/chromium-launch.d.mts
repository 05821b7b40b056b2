import type { BrowserContext } from 'playwright-core';

export const CHROMIUM: string;

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export function launchChromium(): Promise<Browser>;
