import {
  asArray,
  asNumber,
  asRecord,
  asString,
  asStrings,
  asUsd,
  isRecord,
  optionalNumber,
  optionalString,
  type JsonRecord,
} from './json-shape.ts';
import {
  VERDICTS,
  type ExpectationVerdict,
  type ReportConversation,
  type ReportEvidence,
  type ReportExpectation,
  type ReportOutput,
  type ReportRuleResult,
  type ReportTurn,
  type RuleStatus,
  type Verdict,
} from './report-data.ts';

const EXPECTATION_VERDICTS: readonly string[] = ['passed', 'failed', 'inconclusive', 'error'];
const RULE_STATUSES: readonly string[] = ['pass', 'fail', 'not_applicable'];

/** A field from the manifest entry, else from the JSONL line: later features may write either. */
function field(entry: JsonRecord, line: JsonRecord, key: string): unknown {
  return entry[key] !== undefined ? entry[key] : line[key];
}

function verdictOf(entry: JsonRecord, line: JsonRecord): Verdict {
  const given = field(entry, line, 'verdict');
  if (typeof given === 'string' && (VERDICTS as readonly string[]).includes(given)) return given as Verdict;
  const status = asString(field(entry, line, 'status'));
  if (status === 'interrupted') return 'interrupted';
  if (typeof entry['passed'] === 'boolean') return entry['passed'] ? 'passed' : 'failed';
  const failed = status === 'failed' || asArray(field(entry, line, 'errors')).length > 0;
  return failed ? 'failed' : 'passed';
}

function turnsOf(line: JsonRecord): ReportTurn[] {
  const details = asArray(line['turn_details']);
  return asArray(line['messages']).map((message, i) => {
    const m = asRecord(message);
    const d = asRecord(details[i]);
    const error = isRecord(d['error'])
      ? { code: asNumber(d['error']['code']), message: asString(d['error']['message']) }
      : undefined;
    const turn: ReportTurn = {
      role: m['role'] === 'user' ? 'user' : 'assistant',
      text: asString(m['content']),
      ...(typeof d['intended'] === 'string' ? { intended: d['intended'] } : {}),
      ...(typeof d['language'] === 'string' ? { language: d['language'] } : {}),
      ...(optionalNumber(d['response_seconds']) === undefined
        ? {}
        : { responseSeconds: asNumber(d['response_seconds']) }),
      ...(typeof d['fallback'] === 'boolean' ? { fallback: d['fallback'] } : {}),
      ...(error ? { error } : {}),
      ...(Array.isArray(d['messages']) ? { messages: asStrings(d['messages']) } : {}),
    };
    return turn;
  });
}

const OUTPUT_STATUSES: readonly string[] = ['ok', 'missing', 'invalid', 'unsupported'];

function outputsOf(line: JsonRecord): ReportOutput[] {
  const values = asRecord(line['outputs']);
  const statuses = asRecord(line['output_status']);
  return Object.keys(values).map((name) => {
    const value = values[name] ?? null;
    const given = statuses[name];
    const status = (
      typeof given === 'string' && OUTPUT_STATUSES.includes(given) ? given : value === null ? 'missing' : 'ok'
    ) as ReportOutput['status'];
    const grounded = status === 'ok' ? true : status === 'unsupported' ? false : undefined;
    return { name, value, status, ...(grounded === undefined ? {} : { grounded }) };
  });
}

function evidenceOf(value: unknown): ReportEvidence[] {
  return asArray(value)
    .map(asRecord)
    .filter((e) => typeof e['quote'] === 'string' && e['quote'] !== '')
    .map((e) => ({ turn: asNumber(e['turn']), quote: asString(e['quote']) }));
}

function expectationsOf(value: unknown): ReportExpectation[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(asRecord).map((e) => {
    const verdict = asString(e['verdict'], 'error');
    const evidence = evidenceOf(e['evidence']);
    const reason = optionalString(e['reason']);
    const kind = optionalString(e['kind']);
    return {
      name: asString(e['name'] ?? e['criterion'] ?? e['expect'], '(unnamed)'),
      ...(kind === undefined ? {} : { kind }),
      verdict: (EXPECTATION_VERDICTS.includes(verdict) ? verdict : 'error') as ExpectationVerdict,
      ...(reason === undefined ? {} : { reason }),
      ...(evidence.length > 0 ? { evidence } : {}),
    };
  });
}

function rulesOf(value: unknown): ReportRuleResult[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(asRecord).flatMap((r) => {
    const status = asString(r['status']);
    if (!RULE_STATUSES.includes(status)) return [];
    const message = optionalString(r['message'] ?? r['reason']);
    return [
      {
        rule: asString(r['rule'] ?? r['name']),
        status: status as RuleStatus,
        ...(message === undefined ? {} : { message }),
      },
    ];
  });
}

function styleName(style: unknown): string {
  if (typeof style === 'string') return style;
  if (isRecord(style)) {
    return Object.entries(style)
      .map(
        ([k, v]) =>
          `${k}: ${Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') : JSON.stringify(v)}`,
      )
      .join('; ');
  }
  return JSON.stringify(style);
}

/** One conversation from its run.json entry and its conversations.jsonl line (either may be empty). */
export function readConversation(entry: JsonRecord, line: JsonRecord): ReportConversation {
  const metadata = asRecord(line['metadata']);
  const askAbout = asArray(metadata['ask_about']);
  const variables: Record<string, unknown> = {};
  for (const item of askAbout) if (isRecord(item)) Object.assign(variables, item);
  const turns = turnsOf(line);
  const timing = asRecord(field(entry, line, 'timing'));
  const cost = asRecord(field(entry, line, 'cost'));
  const files = asStrings(entry['files']);
  const file = optionalString(line['file']) ?? files.find((f) => f.endsWith('.yml'));
  const trial = optionalNumber(field(entry, line, 'trial'));
  const expectations = expectationsOf(field(entry, line, 'expectations'));
  const rules = rulesOf(field(entry, line, 'rules'));
  const faults = field(entry, line, 'simulator_faults');
  const answered = line['answered'];
  const status = asString(field(entry, line, 'status'), 'completed');
  return {
    id: asString(field(entry, line, 'id')),
    profile: asString(entry['folder'] ?? line['folder'] ?? entry['test_name'] ?? line['test_name']),
    testName: asString(field(entry, line, 'test_name')),
    index: asNumber(field(entry, line, 'index')),
    ...(trial === undefined ? {} : { trial }),
    ...(file === undefined ? {} : { file }),
    status: status === 'failed' || status === 'interrupted' ? status : 'completed',
    verdict: verdictOf(entry, line),
    stopReason: asString(field(entry, line, 'stop_reason')),
    stopDetail: asString(field(entry, line, 'stop_detail')),
    errors: asArray(field(entry, line, 'errors'))
      .map(asRecord)
      .map((e) => ({ code: asNumber(e['code']), message: asString(e['message']) })),
    simulatorIssues: asStrings(field(entry, line, 'simulator_issues')),
    ...(Array.isArray(faults) ? { simulatorFaults: asStrings(faults) } : {}),
    language: optionalString(metadata['language']) ?? null,
    styles: asArray(metadata['interaction_styles']).map(styleName),
    goals: askAbout.filter((a): a is string => typeof a === 'string'),
    variables,
    turns,
    outputs: outputsOf(line),
    ...(Array.isArray(answered)
      ? {
          answered: answered.map(asRecord).map((a) => ({
            goal: asString(a['goal']),
            answered: a['answered'] === true,
            evidence: optionalString(a['evidence']) ?? null,
          })),
        }
      : {}),
    ...(expectations === undefined ? {} : { expectations }),
    ...(rules === undefined ? {} : { rules }),
    costUsd: asUsd(cost['usd']),
    seconds: asNumber(timing['conversationSeconds']),
    startedAt: asString(timing['startedAt']),
  };
}

/** The chatbot's response times of a conversation, from its run.json timing when it has one. */
export function responseTimesOf(entry: JsonRecord, conversation: ReportConversation): number[] {
  const times = asArray(asRecord(entry['timing'])['responseTimes']).filter(
    (t): t is number => typeof t === 'number' && Number.isFinite(t),
  );
  if (times.length > 0) return times;
  return conversation.turns.flatMap((t) => (t.responseSeconds === undefined ? [] : [t.responseSeconds]));
}
