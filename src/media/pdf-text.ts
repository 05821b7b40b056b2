import { estimateTokens } from '../cost/estimate-tokens.ts';
import { withinTokens } from './token-budget.ts';

export interface PdfText {
  readonly pages: number;
  /** Pages whose text the user read (the first ones, up to the budget). */
  readonly pagesRead: number;
  readonly text: string;
  readonly title: string | undefined;
}

/**
 * The text of a PDF's first pages up to a token budget, page by page. unpdf bundles a build of
 * Mozilla's pdf.js that runs on Node 20 without a canvas or workers; it loads on the first PDF.
 */
/** What this file uses of unpdf; its own types reach into the browser's DOM library, which a Node project does not load. */
interface PdfDocument {
  destroy(): Promise<void>;
}
interface Unpdf {
  readonly getDocumentProxy: (data: Uint8Array) => Promise<PdfDocument>;
  readonly extractText: (
    document: PdfDocument,
    options: { mergePages: false },
  ) => Promise<{ totalPages: number; text: string[] }>;
  readonly getMeta: (document: PdfDocument) => Promise<{ info: unknown }>;
}

export async function pdfText(data: Uint8Array, maxTokens: number): Promise<PdfText> {
  const { getDocumentProxy, extractText, getMeta } = (await import('unpdf')) as unknown as Unpdf;
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const document = await getDocumentProxy(new Uint8Array(data));
  try {
    const { totalPages, text } = await extractText(document, { mergePages: false });
    let title: string | undefined;
    try {
      const meta = await getMeta(document);
      const info = meta.info as Record<string, unknown> | undefined;
      title = typeof info?.['Title'] === 'string' && info['Title'].trim() !== '' ? info['Title'].trim() : undefined;
    } catch {
      title = undefined;
    }
    const pages: string[] = [];
    let used = 0;
    for (const page of text) {
      const left = maxTokens - used;
      if (left <= 0) break;
      const part = withinTokens(page, left);
      pages.push(part.text);
      used += estimateTokens(part.text);
      if (part.cut) break;
    }
    return { pages: totalPages, pagesRead: pages.length, text: pages.join('\n'), title };
  } finally {
    await document.destroy();
  }
}
