import { describe, expect, it } from 'vitest';
import { createLlmUser, SimulatorError } from './llm-user.ts';
import type { Persona } from './persona.ts';
import type { ChatCompleter, ChatMessage } from './ports.ts';
import type { Turn } from './types.ts';

const persona: Persona = {
  role: 'a hungry customer',
  context: ['You are formal.', 'Your name is Ana.'],
  language: 'Spanish',
  goals: ['a small margherita pizza', 'the price'],
  goalPhrase: 'please, ask about a small margherita pizza or the price',
  values: { size: 'small' },
  styles: { names: ['single questions', 'make spelling mistakes'], changeLanguages: undefined },
};

function completer(
  replies: string[],
): ChatCompleter & { calls: Array<{ system: string; messages: readonly ChatMessage[] }> } {
  const queue = [...replies];
  const fake = {
    calls: [] as Array<{ system: string; messages: readonly ChatMessage[] }>,
    complete: (request: { system: string; messages: readonly ChatMessage[] }) => {
      fake.calls.push(request);
      return Promise.resolve({ text: queue.shift() ?? '' });
    },
  };
  return fake;
}

const turn = (role: Turn['role'], text: string, intended?: string): Turn => ({
  role,
  text,
  intended,
  at: '2026-01-01T00:00:00Z',
});

describe('the LLM-played user', () => {
  it('gets a stable system prompt with role, context, goals, styles and language', async () => {
    const llm = completer(['Hola, quiero una pizza']);
    await createLlmUser(persona, llm).next({ history: [], userTurns: 0, notes: [] });
    const system = llm.calls[0]?.system ?? '';
    expect(system).toContain('You: a hungry customer');
    expect(system).toContain('- Your name is Ana.');
    expect(system).toContain('- a small margherita pizza');
    expect(system).toContain('Ask for one thing per message.');
    expect(system).toContain('Write in Spanish');
    expect(system).toContain('<END>');
  });

  it('keeps every rule that keeps it a user, in half the words, ahead of what differs between conversations', async () => {
    const llm = completer(['Hola']);
    await createLlmUser(persona, llm).next({ history: [], userTurns: 0, notes: [] });
    const system = llm.calls[0]?.system ?? '';
    for (const rule of [
      /never the chatbot/,
      /only your next message/,
      /"User:" label, quotes or stage directions/,
      /answer its questions/,
      /Never offer help or summarise/,
      /Ask about all you want/,
      /unusual requests are fine/,
      /goodbye and end with <END>/,
      /unless a note says otherwise/,
    ]) {
      expect(system).toMatch(rule);
    }
    const other = completer(['Hi']);
    await createLlmUser(
      { ...persona, role: 'a tourist', context: [], language: 'English', goals: ['a map'] },
      other,
    ).next({ history: [], userTurns: 0, notes: [] });
    const shared = (other.calls[0]?.system ?? '').split('\n').slice(0, 6).join('\n');
    expect(system.startsWith(shared)).toBe(true);
    expect(shared.length).toBeLessThan(400);
  });

  it('sends the history with roles flipped, its own words before typos, and notes on the last message', async () => {
    const llm = completer(['Y cuánto cuesta?']);
    const history = [
      turn('assistant', 'Hola!'),
      turn('user', 'Qiero una piza', 'Quiero una pizza'),
      turn('assistant', 'Perdón?'),
    ];
    await createLlmUser(persona, llm).next({
      history,
      userTurns: 1,
      notes: [{ kind: 'rephrase' }, { kind: 'language', language: 'Italian' }],
    });
    const messages = llm.calls[0]?.messages ?? [];
    expect(messages.map((m) => [m.role, m.content.split('\n')[0]])).toEqual([
      ['user', 'Hola!'],
      ['assistant', 'Quiero una pizza'],
      ['user', 'Perdón?'],
    ]);
    expect(messages[2]?.content).toContain('[Note: The chatbot did not understand you:');
    expect(messages[2]?.content).toContain('[Note: Write this message in Italian');
  });

  it('opens the conversation with a cue when the user speaks first', async () => {
    const llm = completer(['Hola']);
    await createLlmUser(persona, llm).next({ history: [], userTurns: 0, notes: [] });
    expect(llm.calls[0]?.messages).toEqual([{ role: 'user', content: '[The chat opens. Write your first message.]' }]);
  });

  it('adds typos through the injected function and keeps what was meant', async () => {
    const reply = await createLlmUser(persona, completer(['Quiero una pizza']), {
      addTypos: (t) => t.replace('pizza', 'piza'),
    }).next({ history: [], userTurns: 0, notes: [] });
    expect(reply).toEqual({ text: 'Quiero una piza', done: false, intended: 'Quiero una pizza' });
  });

  it('retries once when a reply breaks character, then gives up with a simulator error', async () => {
    const fixed = completer(['Assistant: How may I help?', 'Quiero una pizza']);
    expect(await createLlmUser(persona, fixed).next({ history: [], userTurns: 0, notes: [] })).toEqual({
      text: 'Quiero una pizza',
      done: false,
    });
    expect(fixed.calls[1]?.messages.at(-1)?.content).toContain('could not be sent (the reply speaks as the assistant)');
    const broken = completer(['Assistant: hi', 'Assistant: hi']);
    await expect(createLlmUser(persona, broken).next({ history: [], userTurns: 0, notes: [] })).rejects.toBeInstanceOf(
      SimulatorError,
    );
  });

  it('reports done on exit', async () => {
    expect(await createLlmUser(persona, completer(['exit'])).next({ history: [], userTurns: 3, notes: [] })).toEqual({
      text: '',
      done: true,
    });
  });

  it('sees pages and buttons beside the reply, and a reply that is a button title presses it, without typos', async () => {
    const fake = completer(['"small"']);
    const user = createLlmUser(persona, fake, { addTypos: (text) => `${text}x` });
    const bot: Turn = {
      ...turn('assistant', 'Which size?'),
      parts: [
        { kind: 'link', url: 'http://bot/sizes', title: 'Sizes', text: 'Small is 25 cm.', status: 'seen' },
        { kind: 'button', title: 'Small', payload: 'size:small', status: 'seen' },
        { kind: 'button', title: 'Large', payload: 'size:large', status: 'seen' },
      ],
    };
    const reply = await user.next({ history: [turn('user', 'hola'), bot], userTurns: 1, notes: [] });
    expect(reply).toEqual({ text: 'Small', done: false, button: { title: 'Small', payload: 'size:small' } });
    const last = fake.calls[0]?.messages.at(-1)?.content ?? '';
    expect(last).toContain('[link: Sizes (http://bot/sizes): Small is 25 cm.]');
    expect(last).toContain('The chatbot shows buttons: "Small", "Large".');
  });
});
