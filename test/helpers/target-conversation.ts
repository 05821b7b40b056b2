import type { ChatbotConnector } from '../../src/connector/types.ts';
import { runConversation, type ConversationSpec } from '../../src/conversation/engine.ts';
import type { SimulatedUser } from '../../src/conversation/ports.ts';
import type { ConversationResult } from '../../src/conversation/types.ts';
import { createRng } from '../../src/base/random/rng.ts';

/** A simulated user that says the given messages in order, then "anything else?". */
export function scriptedUser(messages: readonly string[]): SimulatedUser {
  const queue = [...messages];
  return { next: () => Promise.resolve({ text: queue.shift() ?? 'anything else?', done: false }) };
}

/**
 * Plays one conversation through the real engine against a connector (a chatbot over HTTP or
 * a function target), with a scripted user and a steps goal style.
 */
export async function playConversation(
  connector: ChatbotConnector & {
    open(options?: {
      signal?: AbortSignal;
      parameters?: Readonly<Record<string, unknown>>;
    }): ReturnType<ChatbotConnector['open']>;
  },
  options: {
    messages: readonly string[];
    steps: number;
    index?: number;
    parameters?: Readonly<Record<string, unknown>>;
  },
): Promise<ConversationResult> {
  const index = options.index ?? 0;
  const spec: ConversationSpec = {
    id: `target/${index}`,
    index,
    testName: 'target',
    profileFile: 'cases.jsonl',
    serial: '2026-01-02-03-04-05',
    seed: String(index),
    persona: {
      role: 'a customer',
      context: [],
      language: 'English',
      goals: ['a pizza'],
      goalPhrase: 'please, ask about a pizza',
      values: {},
      styles: { names: ['default'], changeLanguages: undefined },
    },
    fallback: 'I did not understand.',
    isStarter: false,
    goalStyle: { kind: 'steps', steps: options.steps },
    outputs: [],
    metadata: { language: 'English', context: null, askAbout: [], number: 1, goalStyle: { steps: options.steps } },
  };
  let tick = Date.parse('2026-01-02T03:04:05Z');
  return runConversation(spec, {
    user: scriptedUser(options.messages),
    bot: await connector.open({ parameters: options.parameters }),
    random: createRng(index + 1),
    clock: () => new Date((tick += 500)),
  });
}
