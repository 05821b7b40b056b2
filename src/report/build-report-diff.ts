import {
  REPORT_FORMAT,
  type DiffChange,
  type DiffConversation,
  type DiffProfile,
  type DiffRule,
  type ReportConversation,
  type ReportData,
  type ReportDiff,
  type ReportRule,
  type Verdict,
} from './report-data.ts';

const FAILING: readonly Verdict[] = ['failed', 'error'];

export function diffKey(c: ReportConversation): string {
  return `${c.profile}/${c.index}${c.trial === undefined ? '' : `#${c.trial}`}`;
}

function outputsChanged(base: ReportConversation, head: ReportConversation): string[] {
  const names = [...new Set([...base.outputs.map((o) => o.name), ...head.outputs.map((o) => o.name)])];
  return names.filter((name) => {
    const a = base.outputs.find((o) => o.name === name);
    const b = head.outputs.find((o) => o.name === name);
    return a?.status !== b?.status || JSON.stringify(a?.value) !== JSON.stringify(b?.value);
  });
}

function conversationChange(
  base: ReportConversation,
  head: ReportConversation,
  outputs: readonly string[],
): DiffChange {
  if (base.verdict === 'passed' && FAILING.includes(head.verdict)) return 'regressed';
  if (FAILING.includes(base.verdict) && head.verdict === 'passed') return 'fixed';
  if (base.verdict !== head.verdict || base.stopReason !== head.stopReason || outputs.length > 0) return 'changed';
  return 'same';
}

function ruleChange(base: ReportRule | undefined, head: ReportRule | undefined): DiffChange {
  if (!base) return 'added';
  if (!head) return 'removed';
  if (base.fail === 0 && head.fail > 0) return 'regressed';
  if (base.fail > 0 && head.fail === 0) return 'fixed';
  return base.pass !== head.pass || base.fail !== head.fail || base.notApplicable !== head.notApplicable
    ? 'changed'
    : 'same';
}

/**
 * Two runs side by side: conversations matched by profile folder, plan index and trial; rules by
 * name. `base` is the older run.
 */
export function buildReportDiff(base: ReportData, head: ReportData): ReportDiff {
  const baseBy = new Map(base.conversations.map((c) => [diffKey(c), c]));
  const headBy = new Map(head.conversations.map((c) => [diffKey(c), c]));
  const keys = [...new Set([...baseBy.keys(), ...headBy.keys()])];
  const conversations: DiffConversation[] = keys.map((key) => {
    const a = baseBy.get(key);
    const b = headBy.get(key);
    const profile = (b ?? a)?.profile ?? '';
    if (a && b) {
      const outputs = outputsChanged(a, b);
      return {
        key,
        profile,
        change: conversationChange(a, b, outputs),
        baseId: a.id,
        headId: b.id,
        baseVerdict: a.verdict,
        headVerdict: b.verdict,
        stopReasonChanged: a.stopReason !== b.stopReason,
        outputsChanged: outputs,
      };
    }
    if (b)
      return {
        key,
        profile,
        change: 'added',
        headId: b.id,
        headVerdict: b.verdict,
        stopReasonChanged: false,
        outputsChanged: [],
      };
    return {
      key,
      profile,
      change: 'removed',
      baseId: a?.id ?? '',
      baseVerdict: a?.verdict ?? 'passed',
      stopReasonChanged: false,
      outputsChanged: [],
    };
  });
  const ruleNames = [...new Set([...(base.rules ?? []).map((r) => r.name), ...(head.rules ?? []).map((r) => r.name)])];
  const rules: DiffRule[] = ruleNames.map((name) => {
    const a = base.rules?.find((r) => r.name === name);
    const b = head.rules?.find((r) => r.name === name);
    return { name, change: ruleChange(a, b), ...(a ? { base: a } : {}), ...(b ? { head: b } : {}) };
  });
  const profileNames = [...new Set([...base.profiles.map((p) => p.name), ...head.profiles.map((p) => p.name)])];
  const profiles: DiffProfile[] = profileNames.map((name) => ({
    name,
    regressed: conversations.filter((c) => c.profile === name && c.change === 'regressed').length,
    fixed: conversations.filter((c) => c.profile === name && c.change === 'fixed').length,
    basePassRate: base.profiles.find((p) => p.name === name)?.passRate ?? null,
    headPassRate: head.profiles.find((p) => p.name === name)?.passRate ?? null,
  }));
  return { format: REPORT_FORMAT, base, head, conversations, rules, profiles };
}
