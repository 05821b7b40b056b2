import type { ReportPayload } from '../src/report/report-data.ts';

/** The data is gzip-compressed JSON in base64 inside a non-executed script element. */
export async function loadPayload(): Promise<ReportPayload> {
  const element = document.getElementById('simsim-data');
  const text = element?.textContent?.trim() ?? '';
  if (text === '') throw new Error('this report has no data');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const json = await new Response(stream).text();
  return JSON.parse(json) as ReportPayload;
}
