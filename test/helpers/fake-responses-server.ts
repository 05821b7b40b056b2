import { chatbotServer, type RecordedRequest, type ScriptedResponse, type TestServer } from './chatbot-server.ts';

interface Message {
  readonly role: string;
  readonly content: string;
}

export interface FakeResponsesServer extends TestServer {
  /** `<url>/v1`, the base URL the openai-responses technology takes. */
  readonly baseUrl: string;
}

function inputMessages(input: unknown): Message[] | undefined {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) return undefined;
  const out: Message[] = [];
  for (const item of input) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { role, content } = item as { role?: unknown; content?: unknown };
    if (typeof role !== 'string') return undefined;
    if (typeof content === 'string') out.push({ role, content });
    else if (Array.isArray(content))
      out.push({
        role,
        content: content
          .map((part) => {
            const text = (part as { text?: unknown }).text;
            return typeof text === 'string' ? text : '';
          })
          .join(''),
      });
    else return undefined;
  }
  return out;
}

const error = (status: number, message: string): ScriptedResponse => ({
  status,
  json: { error: { message, type: 'invalid_request_error', param: null, code: null } },
});

/**
 * A loopback server speaking the OpenAI Responses API: `POST /v1/responses` with `input` (a
 * string or a list of `{role, content}`), optional `instructions` and `previous_response_id`
 * (which continues a stored response unless it was sent with `store: false`), answering with
 * `output` items: a reasoning item, then the assistant message, whose text says how many
 * messages the conversation had. `fail` answers one request with an API error.
 */
export async function fakeResponsesServer(
  options: { fail?: (req: RecordedRequest, index: number) => number | undefined } = {},
): Promise<FakeResponsesServer> {
  const stored = new Map<string, Message[]>();
  let next = 0;
  const server = await chatbotServer((req, index) => {
    const status = options.fail?.(req, index);
    if (status !== undefined) return error(status, `the server failed with ${status}`);
    if (req.method !== 'POST' || req.url !== '/v1/responses') return error(404, `no route ${req.method} ${req.url}`);
    if (!String(req.headers['authorization'] ?? '').startsWith('Bearer ')) return error(401, 'missing API key');
    const body = req.json as
      | { model?: unknown; input?: unknown; instructions?: unknown; previous_response_id?: unknown; store?: unknown }
      | undefined;
    if (typeof body?.model !== 'string') return error(400, 'model is required');
    const input = inputMessages(body.input);
    if (input === undefined) return error(400, 'input must be a string or a list of messages');
    let before: Message[] = [];
    if (body.previous_response_id !== undefined) {
      const previousId =
        typeof body.previous_response_id === 'string'
          ? body.previous_response_id
          : JSON.stringify(body.previous_response_id);
      const previous = stored.get(previousId);
      if (previous === undefined) return error(400, `Previous response with id '${previousId}' not found.`);
      before = previous;
    }
    const conversation = [
      ...(typeof body.instructions === 'string' ? [{ role: 'system', content: body.instructions }] : []),
      ...before,
      ...input,
    ];
    const lastUser = [...conversation].reverse().find((m) => m.role === 'user')?.content ?? '';
    const text = `(${conversation.length} messages, ${conversation.filter((m) => m.role === 'system').length} system) you said: ${lastUser}`;
    const id = `resp_${++next}`;
    if (body.store !== false) stored.set(id, [...before, ...input, { role: 'assistant', content: text }]);
    return {
      json: {
        id,
        object: 'response',
        status: 'completed',
        model: body.model,
        output: [
          { id: `rs_${next}`, type: 'reasoning', summary: [] },
          {
            id: `msg_${next}`,
            type: 'message',
            role: 'assistant',
            status: 'completed',
            content: [{ type: 'output_text', text, annotations: [] }],
          },
        ],
        usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
      },
    };
  });
  return { ...server, baseUrl: `${server.url}/v1` };
}
