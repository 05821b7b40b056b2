export const OFFERS_TITLE: string;
export const OFFERS_SENTENCE: string;
export const MENU_TITLE: string;
export const ALLERGENS_SENTENCE: string;
export const OFFERS_PAGE: string;
export const MENU_PDF: Buffer;
export const PIZZA_PNG: Buffer;
export function makePdf(title: string, lines: readonly string[]): Buffer;
export function makePng(size?: number): Buffer;
export const ASSETS: Record<string, { type: string; body: Buffer }>;
export function payloadMessage(payload: unknown): string | undefined;
export function richParts(
  message: string,
  text: string,
  fallback: string,
): { message: string; links: unknown[]; images: unknown[]; files: unknown[]; buttons: unknown[] };
