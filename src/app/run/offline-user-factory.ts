import { createOfflineGoalChecker } from '../../offline/goal-checker.ts';
import { createOfflineUser } from '../../offline/offline-user.ts';
import { domainsOf } from '../../offline/persona.ts';
import type { UserFactory } from './conversation-job.ts';

/**
 * The offline user: played by simsim itself, deterministic, no network; extraction by patterns.
 * A module of its own, loaded only by runs that use it (it brings the phrasebooks of six languages).
 */
export function offlineUserFactory(variables: Parameters<typeof domainsOf>[0]): UserFactory {
  return {
    user: (persona, random) =>
      createOfflineUser({ ...persona, random: random.fork('offline-user'), domains: domainsOf(variables) }),
    goalChecker: () => createOfflineGoalChecker(),
    extractionLlm: () => undefined,
    stateful: true,
  };
}
