/** `conversation.number`, parsed once. `factor` multiplies the combination count (rounded half to even). */
export type ConversationNumber =
  | { readonly kind: 'fixed'; readonly count: number }
  | {
      readonly kind: 'combinations';
      readonly factor: number;
      readonly source: 'max' | 'forward' | 'pairwise';
      readonly spelling: string;
    };

export type ParsedConversationNumber =
  { ok: true; value: ConversationNumber } | { ok: false; message: string; hint: string };

const FORMS_HINT =
  'Use an integer, `combinations`, `combinations(0.5)`, `combinations(2, forward)`, `combinations(pairwise)`, `sample(0.2)` or `all_combinations`.';

function factorOf(text: string): number | undefined {
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function parseConversationNumber(raw: unknown): ParsedConversationNumber {
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 0) return { ok: true, value: { kind: 'fixed', count: raw } };
    return {
      ok: false,
      message: `conversation.number must be a whole number of conversations, not ${raw}`,
      hint: FORMS_HINT,
    };
  }
  if (typeof raw !== 'string')
    return { ok: false, message: 'conversation.number must be an integer or text', hint: FORMS_HINT };
  const text = raw.trim();
  const spelling = text;
  if (text === 'combinations' || text === 'all_combinations') {
    return { ok: true, value: { kind: 'combinations', factor: 1, source: 'max', spelling } };
  }
  const sample = /^sample\(\s*([^()\s]+)\s*\)$/.exec(text);
  if (sample) {
    const factor = factorOf(sample[1] ?? '');
    if (factor === undefined)
      return { ok: false, message: `\`${text}\`: the sample size must be a positive number`, hint: FORMS_HINT };
    return { ok: true, value: { kind: 'combinations', factor, source: 'max', spelling } };
  }
  const call = /^combinations\(\s*([^,()\s]+)\s*(?:,\s*([^()]+?)\s*)?\)$/.exec(text);
  if (call) {
    const first = call[1] ?? '';
    const second = call[2];
    if (second === undefined && (first === 'forward' || first === 'pairwise')) {
      return { ok: true, value: { kind: 'combinations', factor: 1, source: first, spelling } };
    }
    const factor = factorOf(first);
    if (factor === undefined)
      return { ok: false, message: `\`${text}\`: the factor must be a positive number`, hint: FORMS_HINT };
    if (second === undefined) return { ok: true, value: { kind: 'combinations', factor, source: 'max', spelling } };
    if (second === 'forward' || second === 'pairwise')
      return { ok: true, value: { kind: 'combinations', factor, source: second, spelling } };
    return { ok: false, message: `\`${text}\`: the second argument must be forward or pairwise`, hint: FORMS_HINT };
  }
  if (/^\d+$/.test(text)) return { ok: true, value: { kind: 'fixed', count: Number(text) } };
  return { ok: false, message: `conversation.number \`${text}\` is not a known form`, hint: FORMS_HINT };
}
