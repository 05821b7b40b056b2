import { asArray, asNumber, asRecord, asString, asStrings, optionalString } from './json-shape.ts';
import type { ReportRule, ReportRuleResult } from './report-data.ts';

/** Parses CSV (quoted fields, doubled quotes, CRLF or LF): Sensei's check dump. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

export function failRateText(pass: number, fail: number): string {
  return `${(pass + fail === 0 ? 0 : (100 * fail) / (pass + fail)).toFixed(2)}%`;
}

/** Rows of `reports/__check_reports__/check_<serial>.csv` (`rule,checks,pass,fail,not_applicable,fail_rate`). */
export function rulesFromCsv(text: string): ReportRule[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const col = (name: string) => header.indexOf(name);
  const at = (row: readonly string[], name: string) => row[col(name)] ?? '';
  const count = (row: readonly string[], name: string) => {
    const n = Number(at(row, name));
    return Number.isFinite(n) ? n : 0;
  };
  if (col('rule') < 0) return [];
  return rows.map((row) => {
    const pass = count(row, 'pass');
    const fail = count(row, 'fail');
    return {
      name: at(row, 'rule'),
      checks: count(row, 'checks'),
      pass,
      fail,
      notApplicable: count(row, 'not_applicable'),
      failRate: at(row, 'fail_rate') || failRateText(pass, fail),
    };
  });
}

/** run.json `rules`: `[{name, file?, description?, checks, pass, fail, not_applicable, fail_rate?, failed?: [id]}]`. */
export function rulesFromManifest(value: unknown): ReportRule[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return asArray(value)
    .map(asRecord)
    .map((r) => {
      const pass = asNumber(r['pass']);
      const fail = asNumber(r['fail']);
      const notApplicable = asNumber(r['not_applicable']);
      const file = optionalString(r['file']);
      const description = optionalString(r['description']);
      const failed = Array.isArray(r['failed'])
        ? asArray(r['failed']).flatMap((f) => (Array.isArray(f) ? asStrings(f) : typeof f === 'string' ? [f] : []))
        : undefined;
      return {
        name: asString(r['name']),
        ...(file === undefined ? {} : { file }),
        ...(description === undefined ? {} : { description }),
        checks: asNumber(r['checks'], pass + fail + notApplicable),
        pass,
        fail,
        notApplicable,
        failRate: optionalString(r['fail_rate']) ?? failRateText(pass, fail),
        ...(failed === undefined ? {} : { failed: [...new Set(failed)] }),
      };
    });
}

/** Fills each rule's failed conversations (`failedBy`: ids by rule, from the conversations' own results) where the rule did not list them. */
export function withFailedConversations(
  rules: readonly ReportRule[],
  failedBy: ReadonlyMap<string, readonly string[]>,
): ReportRule[] {
  return rules.map((rule) =>
    rule.failed === undefined && failedBy.has(rule.name) ? { ...rule, failed: failedBy.get(rule.name) ?? [] } : rule,
  );
}

/** A path as written in run.json or conversations.jsonl, compared across platforms. */
export function samePath(path: string): string {
  return path.replaceAll('\\', '/');
}

/** The conversation files run.json's `check` block names (as samePath gives them). */
export function checkBlockFiles(check: unknown): string[] {
  const rules = asRecord(check)['rules'];
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((r) =>
    asArray(asRecord(r)['failures']).flatMap((f) => asStrings(asRecord(f)['conversations']).map(samePath)),
  );
}

/**
 * run.json's `check` block, as `simsim run` writes it: `{rules: [{name, kind, file, checks, pass,
 * fail, not_applicable, fail_rate, failures: [{conversations: [file], message}]}]}`. Failures name
 * conversation files; `fileToId` turns them into conversation ids. Also returns the failures per
 * conversation, for the conversation view.
 */
export function rulesFromCheckBlock(
  check: unknown,
  fileToId: ReadonlyMap<string, string>,
): { rules: ReportRule[]; failures: Map<string, ReportRuleResult[]> } | undefined {
  const block = asRecord(check);
  if (!Array.isArray(block['rules'])) return undefined;
  const ids = new Map([...fileToId].map(([file, id]) => [samePath(file), id]));
  const failures = new Map<string, ReportRuleResult[]>();
  const rules = asArray(block['rules'])
    .map(asRecord)
    .map((r) => {
      const name = asString(r['name']);
      const pass = asNumber(r['pass']);
      const fail = asNumber(r['fail']);
      const notApplicable = asNumber(r['not_applicable']);
      const failed = new Set<string>();
      for (const f of asArray(r['failures']).map(asRecord)) {
        const message = optionalString(f['message']);
        for (const file of asStrings(f['conversations'])) {
          const id = ids.get(samePath(file));
          if (id === undefined) continue;
          failed.add(id);
          const own = failures.get(id) ?? [];
          if (!own.some((x) => x.rule === name))
            own.push({ rule: name, status: 'fail', ...(message === undefined ? {} : { message }) });
          failures.set(id, own);
        }
      }
      const kind = optionalString(r['kind']);
      const file = optionalString(r['file']);
      return {
        name,
        ...(kind === undefined ? {} : { kind }),
        ...(file === undefined ? {} : { file }),
        checks: asNumber(r['checks'], pass + fail + notApplicable),
        pass,
        fail,
        notApplicable,
        failRate: optionalString(r['fail_rate']) ?? failRateText(pass, fail),
        ...(failed.size > 0 ? { failed: [...failed] } : {}),
      };
    });
  return { rules, failures };
}
