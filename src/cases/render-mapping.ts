import type { CaseSpec } from './case-spec.ts';

const json = (value: unknown) => JSON.stringify(value);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function goalStyleText(spec: CaseSpec): string {
  const parts = [
    `at most ${plural(spec.goalStyle.steps, 'user message')} (goal_style: {steps: ${spec.goalStyle.steps}})`,
  ];
  if (spec.stop.whenGoalAchieved) parts.push('ends when the goal is met (checked after each chatbot reply)');
  if (spec.stop.whenEmptyReply) parts.push('or on an empty chatbot reply');
  return parts.join('; ');
}

/** The lines of one case: only the fields it sets, labelled with the profile key they become. */
function caseLines(spec: CaseSpec): string[] {
  const lines = [`${spec.place.file}:${spec.place.line}  ${spec.style} case ${spec.place.row}  →  ${spec.name}`];
  const add = (label: string, value: string) => lines.push(`  ${`${label}:`.padEnd(20)}${value}`);
  const list = (label: string, values: readonly string[]) => values.forEach((v, i) => add(i === 0 ? label : '', v));
  add('user.role', spec.role);
  list('user.context', [...spec.context, ...spec.rules]);
  list('user.goals', spec.goals);
  add('goal style', goalStyleText(spec));
  if (spec.stop.phrases.length > 0) add('stop phrases', spec.stop.phrases.join(', '));
  if (spec.firstMessage !== undefined) add('first message', spec.firstMessage);
  if (spec.followUps === 'from-last-reply') add('later messages', "follow up on the chatbot's last reply");
  if (Object.keys(spec.chatbotParameters).length > 0) add('chatbot parameters', json(spec.chatbotParameters));
  if (spec.expectations !== undefined) add('expectations', json(spec.expectations));
  if (spec.tag !== undefined) add('tag', spec.tag);
  if (spec.citations.length > 0) add('citations', spec.citations.map((c) => c.id).join(', '));
  return lines;
}

/** JSON-ready form of a spec: absent values become null so every case has every key. */
export function caseSpecJson(spec: CaseSpec): Record<string, unknown> {
  return {
    ...spec,
    firstMessage: spec.firstMessage ?? null,
    expectations: spec.expectations ?? null,
    tag: spec.tag ?? null,
    agentDescription: spec.agentDescription ?? null,
    templateParameters: spec.templateParameters ?? null,
  };
}

/**
 * How each case becomes a conversation, for `simsim plan --cases`: text for people (one block
 * per case), or JSON (`{"cases": [...]}`) for scripts.
 */
export function renderCaseMapping(specs: readonly CaseSpec[], format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify({ cases: specs.map(caseSpecJson) }, null, 2)}\n`;
  const blocks = specs.map((spec) => caseLines(spec).join('\n'));
  return `${blocks.join('\n\n')}${blocks.length > 0 ? '\n\n' : ''}${plural(specs.length, 'case')}, one conversation each\n`;
}
