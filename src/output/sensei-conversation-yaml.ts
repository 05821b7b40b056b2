import type { ConversationResult, Turn } from '../conversation/types.ts';
import { dataOutputValue } from './data-output.ts';
import { PyFloat, roundTo } from '../base/python-float.ts';
import { dumpAllYaml, keyedMap } from './pyyaml-dump.ts';
import { verdictRecord } from './verdict-record.ts';

/**
 * The three YAML documents of Sensei's `<i>_<test>_<serial>.yml`:
 * metadata and results, timings, then the interaction.
 */
export function senseiTurn(turn: Turn): Record<string, string> {
  if (turn.role === 'user') return { User: turn.text };
  if (turn.error) return { Assistant: `Error: ${turn.error.message}` };
  return { Assistant: turn.text };
}

function seconds(value: number): PyFloat {
  return new PyFloat(roundTo(value, 6));
}

export function costValue(usd: number | null): PyFloat | null {
  return usd === null ? null : new PyFloat(roundTo(usd, 8));
}

export function responseTimeReport(times: readonly number[]): { average: PyFloat; max: PyFloat; min: PyFloat } {
  if (times.length === 0) return { average: new PyFloat(NaN), max: new PyFloat(NaN), min: new PyFloat(NaN) };
  const sum = times.reduce((a, b) => a + b, 0);
  return { average: seconds(sum / times.length), max: seconds(Math.max(...times)), min: seconds(Math.min(...times)) };
}

export function senseiMetadataDocument(result: ConversationResult): Record<string, unknown> {
  const { metadata } = result;
  const document: Record<string, unknown> = { serial: result.serial, language: metadata.language };
  if (metadata.context !== undefined) document['context'] = metadata.context;
  document['ask_about'] = [...metadata.askAbout];
  document['conversation'] = [
    { interaction_style: [...metadata.interactionStyles] },
    { number: metadata.number },
    { ...metadata.goalStyle },
  ];
  document['data_output'] = result.outputs.map((output) => ({ [output.name]: dataOutputValue(output) }));
  document['errors'] = result.errors.map((error) => keyedMap([[error.code, error.message]]));
  document['total_cost($)'] = costValue(result.cost.usd);
  // simsim's own key, last: Sensei's readers take the keys they know from this document and ignore the rest.
  const verdict = verdictRecord(result);
  if (Object.keys(verdict).length > 0) document['simsim'] = verdict;
  return document;
}

export function senseiTimingDocument(result: ConversationResult): Record<string, unknown> {
  const times = result.timing.responseTimes;
  return {
    'conversation time': seconds(result.timing.conversationSeconds),
    'assistant response time': times.map(seconds),
    'response time report': responseTimeReport(times),
  };
}

export function senseiInteractionDocument(result: ConversationResult): Record<string, unknown> {
  return { interaction: result.turns.map(senseiTurn) };
}

export function senseiConversationYaml(result: ConversationResult): string {
  return dumpAllYaml([senseiMetadataDocument(result), senseiTimingDocument(result), senseiInteractionDocument(result)]);
}
