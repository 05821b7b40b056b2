import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../base/package-paths.ts';
import { redactDeep } from '../base/redaction.ts';
import type { ReportPayload } from './report-data.ts';

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
  const data = gzipSync(json, { level: 6 }).toString('base64');
  const [head, rest] = splitOnce(page, TITLE_MARK);
  const [beforeData, afterData] = splitOnce(rest, DATA_MARK);
  return `${head}${escapeHtml(payloadTitle(payload))}${beforeData}${data}${afterData}`;
}

function splitOnce(text: string, mark: string): [string, string] {
  const at = text.indexOf(mark);
  if (at < 0) throw new Error(`the HTML report template has no ${mark}: rebuild it with "npm run build"`);
  return [text.slice(0, at), text.slice(at + mark.length)];
}
