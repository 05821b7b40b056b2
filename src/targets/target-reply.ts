type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a target function's return value means for the conversation. */
export type ReadReply =
  | {
      readonly ok: true;
      readonly messages: string[];
      /** The target's `context`, handed back to it with the next message of the conversation. */
      readonly state: Rec | undefined;
      /** The whole return value as JSON when it was more than text (tool calls, context), trimmed. */
      readonly raw: string | undefined;
      /** Each of the target's `tool_calls` as text: its `output` (or `result`, `content`), else the call as JSON. */
      readonly toolOutputs: string[] | undefined;
    }
  | { readonly ok: false; readonly message: string };

const RAW_KEEP = 20_000;
/** How much of one tool output is kept for the simulated user to follow up on. */
const TOOL_KEEP = 4_000;

const clip = (text: string, keep: number) =>
  text.length > keep ? `${text.slice(0, keep)}… (${text.length} characters)` : text;

/** One tool call's result as text, for follow-up questions on what the tools found. */
function toolText(call: unknown): string {
  if (typeof call === 'string') return clip(call, TOOL_KEEP);
  if (isRecord(call)) {
    for (const key of ['output', 'result', 'content']) {
      const value = call[key];
      if (typeof value === 'string') return clip(value, TOOL_KEEP);
      if (value !== undefined && value !== null) return clip(JSON.stringify(value) ?? '', TOOL_KEEP);
    }
  }
  return clip(JSON.stringify(call) ?? String(call), TOOL_KEEP);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return isRecord(value) ? 'a map without `content`' : `a ${typeof value}`;
}

/**
 * Reads what a target returned: a string, or `{content, tool_calls?, context?}` where content is
 * a string (or a list of strings: several chatbot messages) and may be empty when the target
 * only called tools. Anything else, or a reply over `maxChars`, is the target's failure.
 */
export function readTargetReply(value: unknown, maxChars: number): ReadReply {
  let messages: string[];
  let state: Rec | undefined;
  let raw: string | undefined;
  let toolOutputs: string[] | undefined;
  if (typeof value === 'string') {
    messages = [value];
  } else if (isRecord(value) && ('content' in value || 'tool_calls' in value)) {
    const content = value['content'];
    if (typeof content === 'string') messages = [content];
    else if (Array.isArray(content) && content.every((c) => typeof c === 'string')) messages = content;
    else if (content === undefined || content === null) messages = [];
    else return { ok: false, message: `the target returned a \`content\` that is ${describe(content)}, not text` };
    const context = value['context'];
    if (context !== undefined && context !== null && !isRecord(context))
      return { ok: false, message: 'the target returned a `context` that is not a map' };
    state = isRecord(context) ? context : undefined;
    const calls = value['tool_calls'];
    if (Array.isArray(calls) && calls.length > 0) toolOutputs = calls.map(toolText);
    raw = clip(JSON.stringify(value) ?? '', RAW_KEEP);
  } else {
    return { ok: false, message: `the target returned ${describe(value)}; return a string or {content: "..."}` };
  }
  const size = messages.reduce((n, m) => n + m.length, 0);
  if (size > maxChars)
    return {
      ok: false,
      message: `the target's reply has ${size} characters, more than the ${maxChars} simsim accepts`,
    };
  return { ok: true, messages: messages.filter((m) => m !== ''), state, raw, toolOutputs };
}

/** One line naming an error a target raised, without its stack. */
export function errorLine(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const line = text.split('\n')[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
