/**
 * Teaches the fake LLM server to play simsim's judge: `fakeJudge(decide)` is a `reply` option for
 * startFakeLlmServer that recognises judge calls (their JSON schema is named `judge_verdict`, on
 * OpenAI's response_format or as Anthropic's tool), reads the criterion, the numbered transcript
 * and the sample number out of the prompt, and answers with what `decide` scripts for them as the
 * structured answer. Other calls go to `otherwise` (default: the server's default reply).
 *
 *   const server = await startFakeLlmServer({ reply: fakeJudge((call) => ({ verdict: 'passed', evidence: [call.quote('Shall I place')] })) });
 */
import type { RecordedRequest, Step } from './fake-llm-server.ts';

export const JUDGE_SCHEMA = 'judge_verdict';

export interface TranscriptTurn {
  readonly turn: number;
  readonly speaker: 'User' | 'Chatbot' | 'error';
  readonly text: string;
}

export interface JudgeCall {
  readonly criterion: string;
  readonly turns: readonly TranscriptTurn[];
  /** 1-based sample number (judgements after the first say which they are). */
  readonly sample: number;
  readonly request: RecordedRequest;
  /** Evidence quoting `fragment` from the first chatbot turn that contains it (throws when none does). */
  quote(fragment: string): { turn: number; quote: string };
}

/** What the scripted judge answers: a verdict (reasoning defaults to a fixed sentence), or any raw server step. */
export type Judgement =
  | {
      readonly verdict: string;
      readonly reasoning?: string;
      readonly evidence?: readonly { turn: number; quote: string }[];
    }
  | { readonly step: Step };

export function isJudgeRequest(request: RecordedRequest): boolean {
  const body = request.body as { response_format?: { json_schema?: { name?: string } }; tools?: { name?: string }[] };
  return body.response_format?.json_schema?.name === JUDGE_SCHEMA || body.tools?.[0]?.name === JUDGE_SCHEMA;
}

function userPrompt(request: RecordedRequest): string {
  const messages = (request.body['messages'] as { role: string; content: unknown }[] | undefined) ?? [];
  const first = messages.find((m) => m.role === 'user');
  if (typeof first?.content === 'string') return first.content;
  const parts = Array.isArray(first?.content) ? (first.content as { text?: string }[]) : [];
  return parts.map((p) => p.text ?? '').join('');
}

function parseTurns(transcript: string): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const block of transcript.split(/\n\n(?=\[turn \d+\])/)) {
    const match = /^\[turn (\d+)\] (?:(User|Chatbot): ([\s\S]*)|\(([\s\S]*)\))$/.exec(block.trim());
    if (!match) continue;
    const speaker = (match[2] as 'User' | 'Chatbot' | undefined) ?? 'error';
    turns.push({ turn: Number(match[1]), speaker, text: match[3] ?? match[4] ?? '' });
  }
  return turns;
}

/** Reads a judge call's prompt back into its parts. */
export function judgeCallOf(request: RecordedRequest): JudgeCall {
  const prompt = userPrompt(request);
  const criterion = /<criterion>\n([\s\S]*?)\n<\/criterion>/.exec(prompt)?.[1] ?? '';
  const transcript = /<transcript>\n([\s\S]*?)\n<\/transcript>/.exec(prompt)?.[1] ?? '';
  const sample = Number(/independent judgement number (\d+)/.exec(prompt)?.[1] ?? '1');
  const turns = parseTurns(transcript);
  return {
    criterion,
    turns,
    sample,
    request,
    quote(fragment) {
      const turn = turns.find((t) => t.speaker === 'Chatbot' && t.text.includes(fragment));
      if (!turn) throw new Error(`no chatbot turn contains ${JSON.stringify(fragment)}`);
      return { turn: turn.turn, quote: fragment };
    },
  };
}

export function fakeJudge(
  decide: (call: JudgeCall) => Judgement,
  otherwise?: (request: RecordedRequest) => Step,
): (request: RecordedRequest) => Step {
  return (request) => {
    if (!isJudgeRequest(request)) return otherwise ? otherwise(request) : {};
    const judgement = decide(judgeCallOf(request));
    if ('step' in judgement) return judgement.step;
    return {
      json: {
        reasoning: judgement.reasoning ?? `scripted reasoning: ${judgement.verdict}`,
        verdict: judgement.verdict,
        evidence: judgement.evidence ?? [],
      },
    };
  };
}
