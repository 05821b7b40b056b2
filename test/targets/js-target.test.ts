import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectorConfigError } from '../../src/connector/errors.ts';
import { loadTarget } from '../../src/targets/index.ts';
import { playConversation } from '../helpers/target-conversation.ts';
import { tempProject } from '../helpers/temp-project.ts';

const AGENT = `
let conversations = new Set();
export async function reply(messages, context) {
  const last = messages.at(-1).content;
  conversations.add(context.conversation_id);
  if (last.includes('boom')) throw new TypeError('kaput');
  if (last.includes('hang')) return new Promise(() => {});
  if (last.includes('number')) return 42;
  if (last.includes('tools')) return { content: '', tool_calls: [{ name: 'lookup' }] };
  const count = (context.count ?? 0) + 1;
  return { content: \`#\${count} turn \${context.turn} of \${messages.length} for \${context.user_id}: \${last}\`, context: { count }, tool_calls: [{ name: 'menu' }] };
}
export function syncReply(messages) { return 'sync ' + messages.length; }
export default function (messages) { return { content: ['first', 'second ' + messages.length] }; }
export const seen = () => conversations.size;
export const notAFunction = 1;
`;

const dir = tempProject({
  'agent.mjs': AGENT,
  'broken.mjs': 'throw new Error("cannot start");\n',
  'bots/typed.ts': 'export const reply = (): string => "hi";\n',
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a JavaScript function as the chatbot', () => {
  it('plays a full conversation through the engine, with the history, its context and the case parameters', async () => {
    const target = await loadTarget('./agent.mjs#reply', {
      baseDir: dir,
      parameters: { user_id: 'run-user' },
      newId: () => 'conv-1',
    });
    expect(target).toMatchObject({ name: 'agent.mjs#reply', source: 'target:./agent.mjs#reply' });
    const result = await playConversation(target, {
      messages: ['Hi', 'A pizza', 'Thanks'],
      steps: 3,
      parameters: { user_id: 'u1' },
    });
    expect(result).toMatchObject({ status: 'completed', stopReason: 'steps_reached', errors: [] });
    expect(result.turns.map((t) => [t.role, t.text])).toEqual([
      ['user', 'Hi'],
      ['assistant', '#1 turn 1 of 1 for u1: Hi'],
      ['user', 'A pizza'],
      ['assistant', '#2 turn 2 of 3 for u1: A pizza'],
      ['user', 'Thanks'],
      ['assistant', '#3 turn 3 of 5 for u1: Thanks'],
    ]);
    expect(result.timing.responseTimes).toHaveLength(3);
  });

  it('keeps each conversation apart: a new id and a fresh context per open()', async () => {
    let n = 0;
    const target = await loadTarget('./agent.mjs#reply', { baseDir: dir, newId: () => `c${++n}` });
    const a = await target.open();
    const b = await target.open();
    expect([a.conversationId, b.conversationId]).toEqual(['c1', 'c2']);
    expect(await a.send('one')).toMatchObject({ ok: true, text: '#1 turn 1 of 1 for undefined: one' });
    expect(await a.send('two')).toMatchObject({
      ok: true,
      text: '#2 turn 2 of 3 for undefined: two',
      raw: '{"content":"#2 turn 2 of 3 for undefined: two","context":{"count":2},"tool_calls":[{"name":"menu"}]}',
    });
    expect(await b.send('three')).toMatchObject({ ok: true, text: '#1 turn 1 of 1 for undefined: three' });
    expect(await a.start()).toBeUndefined();
  });

  it('turns a throw into an error turn 500 that ends the conversation like a failing chatbot, and the next conversation runs', async () => {
    const target = await loadTarget('./agent.mjs#reply', { baseDir: dir });
    const failed = await playConversation(target, { messages: ['Hi', 'boom'], steps: 5 });
    expect(failed).toMatchObject({
      status: 'failed',
      stopReason: 'chatbot_error',
      errors: [{ code: 500, message: 'the target threw: TypeError: kaput' }],
    });
    expect(failed.turns.at(-1)).toMatchObject({
      role: 'assistant',
      text: 'Error: the target threw: TypeError: kaput',
      error: { code: 500 },
    });
    const next = await playConversation(target, { messages: ['Hello again'], steps: 1, index: 1 });
    expect(next).toMatchObject({ status: 'completed', stopReason: 'steps_reached' });
  });

  it('turns a reply that never comes into an error turn 504 after the timeout', async () => {
    const target = await loadTarget('./agent.mjs#reply', { baseDir: dir, timeoutMs: 100 });
    const result = await playConversation(target, { messages: ['hang on'], steps: 3 });
    expect(result).toMatchObject({
      status: 'failed',
      stopReason: 'chatbot_timeout',
      errors: [{ code: 504, message: 'the target did not answer within 0.1 s' }],
    });
  });

  it('refuses a reply that is not text; a reply of tool calls only is no empty reply', async () => {
    const target = await loadTarget('./agent.mjs#reply', { baseDir: dir });
    const session = await target.open();
    expect(await session.send('a number please')).toMatchObject({
      ok: false,
      error: { code: 500, message: 'the target returned a number; return a string or {content: "..."}' },
    });
    expect(await session.send('tools')).toMatchObject({
      ok: true,
      text: '',
      messages: [],
      raw: '{"content":"","tool_calls":[{"name":"lookup"}]}',
      toolOutputs: ['{"name":"lookup"}'],
    });
    // The user can follow up on what the tools found, so the conversation goes on.
    const result = await playConversation(target, { messages: ['tools'], steps: 3 });
    expect(result).toMatchObject({ status: 'completed', stopReason: 'steps_reached' });
  });

  it('accepts a sync function, and a list of messages from the default export', async () => {
    const sync = await (await loadTarget('./agent.mjs#syncReply', { baseDir: dir })).open();
    expect(await sync.send('x')).toMatchObject({ ok: true, text: 'sync 1' });
    const many = await (await loadTarget('agent.mjs#default', { baseDir: dir })).open();
    expect(await many.send('x')).toMatchObject({ ok: true, messages: ['first', 'second 1'], text: 'first\nsecond 1' });
  });

  it('reports a bad target before any conversation, as a configuration error', async () => {
    const fails = async (spec: string) => {
      const error: unknown = await loadTarget(spec, { baseDir: dir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConnectorConfigError);
      const { message, hint } = error as ConnectorConfigError;
      return { message, hint };
    };
    expect(await fails('./missing.mjs#reply')).toMatchObject({ message: 'target file ./missing.mjs does not exist' });
    expect(await fails('./agent.mjs#notAFunction')).toEqual({
      message: './agent.mjs has no exported function notAFunction',
      hint: 'It exports: default, reply, seen, syncReply.',
    });
    expect(await fails('./broken.mjs#reply')).toMatchObject({
      message: 'target ./broken.mjs could not be loaded: cannot start',
    });
    expect(await fails('./agent.py#reply')).toMatchObject({
      message: '--target `./agent.py#reply`: a Python target names its function after `:`, not `#`',
    });
    const typed = await loadTarget('./bots/typed.ts#reply', { baseDir: dir }).then(
      () => 'loaded',
      (e: unknown) => (e as Error).message,
    );
    // Node 22.6+ strips types itself; Node 20 cannot load .ts, and says so.
    expect(['loaded', 'bots/typed.ts: this Node.js version cannot load TypeScript files']).toContain(typed);
  });
});
