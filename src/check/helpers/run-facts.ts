import { PyNamespace, typeError, type PyValue } from '../expression/values.ts';
import type { RunFacts } from '../conversations/read-conversation.ts';
import { defineHelper } from './define.ts';
import type { HelperHost } from './host.ts';

function factsOf(name: string, conversation: PyValue, host: HelperHost): RunFacts {
  if (conversation instanceof PyNamespace) {
    const view = host.views.get(conversation);
    if (view?.facts) return view.facts;
    throw typeError(`${name}() needs a conversation such as conv[0]`);
  }
  if (conversation !== null) throw typeError(`${name}() takes a conversation such as conv[0]`);
  const view =
    host.current ?? (host.conv.items.length === 1 ? host.views.get(host.conv.items[0] as PyNamespace) : undefined);
  if (!view?.facts) throw typeError(`${name}() needs a conversation here: write ${name}(conv[0]) or ${name}(conv[1])`);
  return view.facts;
}

const fact = (name: string, read: (facts: RunFacts) => PyValue) =>
  defineHelper(name, [{ name: 'conversation', default: null }], ([conversation = null], host) =>
    read(factsOf(name, conversation, host)),
  );

/**
 * simsim's additions: facts about a conversation that Sensei's files do not hold (None when the
 * file comes from Sensei). A conversation variable with the same name wins over them.
 */
export const RUN_FACT_HELPERS = [
  fact('stop_reason', (f) => f.stopReason),
  fact('turns', (f) => BigInt(f.turns)),
  fact('cost', (f) => f.costUsd),
  fact('seed', (f) => (f.seed !== null && /^\d+$/.test(f.seed) ? BigInt(f.seed) : f.seed)),
  fact('profile', (f) => f.profile),
];
