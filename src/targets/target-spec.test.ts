import { describe, expect, it } from 'vitest';
import { parseTargetSpec } from './target-spec.ts';

describe('parseTargetSpec', () => {
  it('reads a JavaScript module#function and a Python file:function', () => {
    expect(parseTargetSpec('./agent.mjs#reply')).toEqual({
      ok: true,
      spec: { kind: 'javascript', file: './agent.mjs', functionName: 'reply', text: './agent.mjs#reply' },
    });
    expect(parseTargetSpec(' bots/agent.ts#default ')).toMatchObject({
      ok: true,
      spec: { kind: 'javascript', file: 'bots/agent.ts', functionName: 'default' },
    });
    expect(parseTargetSpec('./agent.py:reply')).toEqual({
      ok: true,
      spec: { kind: 'python', file: './agent.py', functionName: 'reply', text: './agent.py:reply' },
    });
    expect(parseTargetSpec('C:\\bots\\agent.py:reply')).toMatchObject({
      ok: true,
      spec: { kind: 'python', file: 'C:\\bots\\agent.py', functionName: 'reply' },
    });
  });

  it('says what is wrong, and how to write it', () => {
    expect(parseTargetSpec('./agent.py#reply')).toEqual({
      ok: false,
      message: '`./agent.py#reply`: a Python target names its function after `:`, not `#`',
      hint: 'Write ./agent.py:reply.',
    });
    expect(parseTargetSpec('./agent.mjs:reply')).toEqual({
      ok: false,
      message: '`./agent.mjs:reply`: a JavaScript target names its function after `#`, not `:`',
      hint: 'Write ./agent.mjs#reply.',
    });
    expect(parseTargetSpec('./agent.py')).toMatchObject({
      ok: false,
      message: '`./agent.py` names no function',
      hint: 'Add the function after a colon: ./agent.py:reply.',
    });
    expect(parseTargetSpec('./agent.js')).toMatchObject({
      ok: false,
      hint: 'Add the exported function after #: ./agent.js#reply.',
    });
    expect(parseTargetSpec('./agent.mjs#')).toMatchObject({
      ok: false,
      message: '`./agent.mjs#`: `` is not a function name',
    });
    expect(parseTargetSpec('./agent.py:1reply')).toMatchObject({
      ok: false,
      message: '`./agent.py:1reply`: `1reply` is not a Python function name',
    });
    expect(parseTargetSpec('./agent.rb:reply')).toMatchObject({
      ok: false,
      message: '`./agent.rb:reply`: ./agent.rb is not a Python file (.py)',
    });
    expect(parseTargetSpec('#reply')).toMatchObject({ ok: false, message: '`#reply`: no file before `#`' });
    expect(parseTargetSpec('http://localhost:5000')).toMatchObject({ ok: false });
    expect(parseTargetSpec('  ')).toMatchObject({ ok: false, message: 'the target is empty' });
  });
});
