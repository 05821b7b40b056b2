import { gunzipSync } from 'node:zlib';
import type { ReportPayload } from '../../src/report/report-data.ts';

/** The payload a report.html embeds, decoded as the page decodes it. */
export function embeddedPayload(html: string): ReportPayload {
  const match = /<script id="simsim-data" type="application\/gzip\+base64">([^<]*)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no embedded data');
  return JSON.parse(gunzipSync(Buffer.from(match[1], 'base64')).toString('utf8')) as ReportPayload;
}
