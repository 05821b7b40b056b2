import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../base/package-paths.ts';
import { redactDeep } from '../base/redaction.ts';
import type { ReportData, ReportPayload } from './report-data.ts';

/** Built by `npm run build` (scripts/build-report-ui.mjs) from report-ui/: the page with its script and styles inline. */
export const REPORT_TEMPLATE_PATH = join(PACKAGE_ROOT, 'dist', 'report', 'report-template.html');

const TITLE_MARK = '<!--simsim:title-->';
const DATA_MARK = '/*simsim:data*/';

let cached: string | undefined;

function template(): string {
  if (cached === undefined) {
    try {
      cached = readFileSync(REPORT_TEMPLATE_PATH, 'utf8');
    } catch (error) {
      throw new Error(`the HTML report template ${REPORT_TEMPLATE_PATH} is missing: run "npm run build"`, {
        cause: error,
      });
    }
  }
  return cached;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function payloadTitle(payload: ReportPayload): string {
  if (payload.kind === 'diff') return `simsim diff: ${payload.diff.base.run.label} → ${payload.diff.head.run.label}`;
  return `simsim report: ${payload.run.run.label} (${payload.run.run.serial})`;
}

/**
 * report.html for a run or a diff: the built page with the data embedded as gzip-compressed JSON
 * in base64 (a tenth of the plain JSON's size; the page inflates it with the browser's own
 * DecompressionStream). `secrets` are scrubbed from the data as defence in depth.
 */
export function renderReportHtml(
  payload: ReportPayload,
  options: { secrets?: readonly string[] | undefined } = {},
): string {
  const page = template();
  const secrets = options.secrets ?? [];
  const json = JSON.stringify(secrets.length > 0 ? redactDeep(payload, secrets) : payload);
  const data = gzipSync(json, { level: GZIP_LEVEL }).toString('base64');
  const [head, rest] = splitOnce(page, TITLE_MARK);
  const [beforeData, afterData] = splitOnce(rest, DATA_MARK);
  return `${head}${escapeHtml(payloadTitle(payload))}${beforeData}${data}${afterData}`;
}

const GZIP_LEVEL = 6;

/**
 * renderReportHtml of a run whose conversations come one at a time, as JSON texts (already
 * redacted), so a run of any size is written without holding its page: `run` is the report's
 * data with no conversations. The same data gives the same bytes as renderReportHtml.
 */
export async function* renderRunReportHtmlFrom(
  run: Omit<ReportData, 'conversations'>,
  conversations: AsyncIterable<string>,
  options: { secrets?: readonly string[] | undefined } = {},
): AsyncGenerator<string> {
  const page = template();
  const secrets = options.secrets ?? [];
  const payload: ReportPayload = { kind: 'run', run: { ...run, conversations: [] } };
  const json = JSON.stringify(secrets.length > 0 ? redactDeep(payload, secrets) : payload);
  const close = ']}}';
  if (!json.endsWith(`[${close}`)) throw new Error('the report data must end with its conversations');
  const [head, rest] = splitOnce(page, TITLE_MARK);
  const [beforeData, afterData] = splitOnce(rest, DATA_MARK);
  yield `${head}${escapeHtml(payloadTitle(payload))}${beforeData}`;
  yield* base64Of(gzipped(jsonParts(json.slice(0, -close.length), conversations, close)));
  yield afterData;
}

async function* jsonParts(open: string, items: AsyncIterable<string>, close: string): AsyncGenerator<Buffer> {
  let batch = open;
  let first = true;
  for await (const item of items) {
    batch += first ? item : `,${item}`;
    first = false;
    if (batch.length >= 1 << 16) {
      yield Buffer.from(batch);
      batch = '';
    }
  }
  yield Buffer.from(batch + close);
}

async function* gzipped(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const gzip = createGzip({ level: GZIP_LEVEL });
  const source = Readable.from(input);
  source.on('error', (error) => gzip.destroy(error));
  source.pipe(gzip);
  for await (const chunk of gzip) yield chunk as Buffer;
}

/** Base64 of a byte stream, in pieces of whole 3-byte groups. */
async function* base64Of(input: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const whole = bytes.length - (bytes.length % 3);
    if (whole > 0) yield bytes.subarray(0, whole).toString('base64');
    carry = bytes.subarray(whole);
  }
  if (carry.length > 0) yield carry.toString('base64');
}

function splitOnce(text: string, mark: string): [string, string] {
  const at = text.indexOf(mark);
  if (at < 0) throw new Error(`the HTML report template has no ${mark}: rebuild it with "npm run build"`);
  return [text.slice(0, at), text.slice(at + mark.length)];
}
