import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConnectorConfigError } from '../../src/connector/errors.ts';
import { loadTarget, type TargetConnector } from '../../src/targets/index.ts';
import { playConversation } from '../helpers/target-conversation.ts';
import { tempProject } from '../helpers/temp-project.ts';

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('skipping the Python target tests: python3 is not installed');

const AGENT = `
import asyncio, os, sys, time
calls = 0

def reply(messages, context):
    global calls
    calls += 1
    last = messages[-1]["content"]
    print("debug output that must not break the protocol")
    sys.stdout.flush()
    if "boom" in last:
        raise ValueError("kaput")
    if "hang" in last:
        time.sleep(60)
    if "die" in last:
        os._exit(3)
    if "huge" in last:
        return "x" * 5000
    if "nan" in last:
        return {"content": "ok", "context": {"score": float("nan")}}
    n = context.get("n", 0) + 1
    return {"content": "#%d call %d pid %d turn %d of %d for %s: %s" % (n, calls, os.getpid(), context["turn"], len(messages), context.get("user_id"), last), "context": {"n": n}}

async def areply(messages):
    await asyncio.sleep(0)
    return "async " + messages[-1]["content"]

def environment(messages, context):
    return "key=%s other=%s" % (os.environ.get("AGENT_API_KEY", "absent"), os.environ.get("SIMSIM_TEST_OTHER", "absent"))

def helper():
    pass
`;

const dir = tempProject({
  'agent.py': AGENT,
  'broken.py': 'import not_a_module_simsim\n',
  'slow_import.py': 'import time\ntime.sleep(60)\n',
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opened: TargetConnector[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

async function target(
  spec = './agent.py:reply',
  options: Partial<Parameters<typeof loadTarget>[1]> = {},
): Promise<TargetConnector> {
  const connector = await loadTarget(spec, { baseDir: dir, ...options });
  opened.push(connector);
  return connector;
}

const pidOf = (text: string) => Number(/pid (\d+)/.exec(text)?.[1]);

describe.skipIf(!hasPython)('a Python function as the chatbot', () => {
  it('plays full conversations through the engine in one long-lived process, reused by the next conversation', async () => {
    const connector = await target('./agent.py:reply', { parameters: { user_id: 'u1' } });
    expect(connector).toMatchObject({ name: 'agent.py:reply', source: 'target:./agent.py:reply' });
    const first = await playConversation(connector, { messages: ['Hi', 'A pizza'], steps: 2 });
    expect(first).toMatchObject({ status: 'completed', stopReason: 'steps_reached', errors: [] });
    const replies = first.turns.filter((t) => t.role === 'assistant').map((t) => t.text.replace(/pid \d+/, 'pid P'));
    expect(replies).toEqual(['#1 call 1 pid P turn 1 of 1 for u1: Hi', '#2 call 2 pid P turn 2 of 3 for u1: A pizza']);
    const second = await playConversation(connector, { messages: ['Again'], steps: 1, index: 1 });
    const again = second.turns[1]?.text ?? '';
    expect(again).toMatch(/^#1 call 3 pid \d+ turn 1 of 1 for u1: Again$/);
    expect(pidOf(again)).toBe(pidOf(first.turns[1]?.text ?? ''));
  });

  it('runs conversations at the same time in processes of their own', async () => {
    const connector = await target();
    const [a, b] = [await connector.open(), await connector.open()];
    const [ra, rb] = await Promise.all([a.send('one'), b.send('two')]);
    expect(ra.ok && rb.ok).toBe(true);
    if (!ra.ok || !rb.ok) return;
    expect(pidOf(ra.text)).not.toBe(pidOf(rb.text));
    await Promise.all([a.close(), b.close()]);
    // Both processes wait for later conversations.
    const [c, d] = [await connector.open(), await connector.open()];
    const [rc, rd] = await Promise.all([c.send('three'), d.send('four')]);
    expect(rc.ok && rd.ok && new Set([pidOf(rc.text), pidOf(rd.text)])).toEqual(
      new Set([pidOf(ra.text), pidOf(rb.text)]),
    );
  });

  it('turns a raise into an error turn 500, and the same process serves the next conversation', async () => {
    const connector = await target();
    const failed = await playConversation(connector, { messages: ['Hi', 'boom'], steps: 5 });
    expect(failed).toMatchObject({
      status: 'failed',
      stopReason: 'chatbot_error',
      errors: [{ code: 500, message: 'the target raised ValueError: kaput' }],
    });
    const pid = pidOf(failed.turns[1]?.text ?? '');
    const next = await playConversation(connector, { messages: ['Hello'], steps: 1, index: 1 });
    expect(next.status).toBe('completed');
    expect(pidOf(next.turns[1]?.text ?? '')).toBe(pid);
  });

  it('turns a hang into an error turn 504, kills the process and starts a new one for the next conversation', async () => {
    const connector = await target('./agent.py:reply', { timeoutMs: 1500 });
    const first = await playConversation(connector, { messages: ['Hi', 'hang on'], steps: 5 });
    expect(first).toMatchObject({
      status: 'failed',
      stopReason: 'chatbot_timeout',
      errors: [{ code: 504, message: 'the target did not answer within 1.5 s' }],
    });
    const next = await playConversation(connector, { messages: ['Hello'], steps: 1, index: 1 });
    expect(next.status).toBe('completed');
    expect(pidOf(next.turns[1]?.text ?? '')).not.toBe(pidOf(first.turns[1]?.text ?? ''));
  });

  it('turns a process that dies into an error turn 500 with its exit code, and starts it again', async () => {
    const connector = await target();
    const died = await playConversation(connector, { messages: ['die now'], steps: 3 });
    expect(died).toMatchObject({ status: 'failed', stopReason: 'chatbot_error', errors: [{ code: 500 }] });
    expect(died.errors[0]?.message).toMatch(/^the Python target stopped \(exit code 3\)/);
    const next = await playConversation(connector, { messages: ['Hello'], steps: 1, index: 1 });
    expect(next.turns[1]?.text).toMatch(/^#1 call 1 pid \d+ turn 1 of 1 for None: Hello$/);
  });

  it('bounds what it reads: a reply too large or not JSON is an error turn, and the target goes on', async () => {
    const connector = await target('./agent.py:reply', { maxReplyChars: 1000 });
    const session = await connector.open();
    const huge = await session.send('huge');
    expect(huge).toMatchObject({
      ok: false,
      error: { code: 500, message: "the target's reply has 5000 characters, more than the 1000 simsim accepts" },
    });
    expect(await session.send('nan')).toMatchObject({ ok: false, error: { code: 500 } });
    expect(await session.send('fine')).toMatchObject({ ok: true });
  });

  it('runs an async one-argument function on a lasting event loop', async () => {
    const session = await (await target('./agent.py:areply')).open();
    expect(await session.send('one')).toMatchObject({ ok: true, text: 'async one' });
    expect(await session.send('two')).toMatchObject({ ok: true, text: 'async two' });
  });

  it('gives the process only what an interpreter needs plus the variables passed by name, and redacts passed secrets', async () => {
    const env = { ...process.env, AGENT_API_KEY: 'sk-agent-123456789', SIMSIM_TEST_OTHER: 'visible-elsewhere' };
    const plain = await (await target('./agent.py:environment', { env })).open();
    expect(await plain.send('env')).toMatchObject({ ok: true, text: 'key=absent other=absent' });
    const passed = await target('./agent.py:environment', { env, passEnv: ['AGENT_API_KEY', 'SIMSIM_TEST_OTHER'] });
    expect(passed.secrets).toEqual(['sk-agent-123456789']);
    expect(await (await passed.open()).send('env')).toMatchObject({
      ok: true,
      text: 'key=[REDACTED] other=visible-elsewhere',
    });
  });

  it('reports a file that does not load, a missing function or interpreter before any conversation', async () => {
    const fails = async (spec: string, options: Partial<Parameters<typeof loadTarget>[1]> = {}) => {
      const error: unknown = await loadTarget(spec, { baseDir: dir, ...options }).then(
        (t) => t.close(),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConnectorConfigError);
      return { message: (error as ConnectorConfigError).message, hint: (error as ConnectorConfigError).hint };
    };
    expect(await fails('./agent.py:nope')).toEqual({
      message: `Python target ./agent.py:nope: ${dir}/agent.py has no function nope`,
      hint: 'It defines: areply, environment, helper, reply.',
    });
    expect((await fails('./broken.py:reply')).message).toBe(
      `Python target ./broken.py:reply: ${dir}/broken.py could not be loaded: ModuleNotFoundError: No module named 'not_a_module_simsim'`,
    );
    expect(await fails('./agent.py:reply', { python: 'python-that-does-not-exist-simsim' })).toEqual({
      message: 'Python target ./agent.py:reply: python-that-does-not-exist-simsim is not installed',
      hint: 'Install Python 3, or pass the interpreter to use.',
    });
    expect((await fails('./slow_import.py:reply', { startupTimeoutMs: 300 })).message).toBe(
      `Python target ./slow_import.py:reply: ${dir}/slow_import.py did not load within 0.3 s`,
    );
  });

  it('ends its processes on close(); a conversation after that is an error turn', async () => {
    const connector = await target();
    const session = await connector.open();
    const reply = await session.send('hi');
    const pid = reply.ok ? pidOf(reply.text) : 0;
    await session.close();
    await connector.close();
    const later = await connector.open();
    expect(await later.send('hi')).toMatchObject({
      ok: false,
      error: { code: 500, message: 'the Python target was closed' },
    });
    // The process is killed; wait for the kernel to reap it.
    let alive = true;
    for (let i = 0; i < 200 && alive; i++) {
      try {
        process.kill(pid, 0);
        await new Promise((resolve) => setTimeout(resolve, 10));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  });

  it('stops a call in progress and every process when the run is aborted', async () => {
    const controller = new AbortController();
    const connector = await target('./agent.py:reply', { signal: controller.signal });
    const session = await connector.open({ signal: controller.signal });
    const pending = session.send('hang on');
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 500, message: 'the run was interrupted while the target was answering' },
    });
    expect(await (await connector.open()).send('hi')).toMatchObject({
      ok: false,
      error: { message: 'the Python target was closed' },
    });
  });
});

describe('a Python target with an interpreter that cannot be started', () => {
  it('is a configuration error, not a crash', async () => {
    const error: unknown = await loadTarget('./agent.py:reply', { baseDir: dir, python: '' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorConfigError);
  });
});
