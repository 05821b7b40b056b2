import { createOfflineGoalChecker } from '../../offline/goal-checker.ts';
import { createOfflineUser } from '../../offline/offline-user.ts';
import { createFollowUpUser } from '../../offline/follow-up-user.ts';
import type { Profile } from '../../model/profile.ts';
import { domainsOf } from '../../offline/persona.ts';
import type { UserFactory } from './conversation-job.ts';

/**
 * The offline user: played by simsim itself, deterministic, no network; extraction by patterns.
 * A module of its own, loaded only by runs that use it (it brings the phrasebooks of six languages).
 * A profile whose later messages follow up on the chatbot's replies gets the follow-up user.
 */
export function offlineUserFactory(variables: Parameters<typeof domainsOf>[0], profile?: Profile): UserFactory {
  const conversation = profile?.conversation;
  return {
    user: (persona, random) =>
      conversation?.followUps === 'from-last-reply'
        ? createFollowUpUser({
            goals: persona.goals,
            agentDescription: profile?.testCase?.agentDescription,
            random: random.fork('follow-up-user'),
          })
        : createOfflineUser(
            { ...persona, random: random.fork('offline-user'), domains: domainsOf(variables) },
            { openedWith: conversation?.firstMessage },
          ),
    goalChecker: () => createOfflineGoalChecker(),
    extractionLlm: () => undefined,
    stateful: true,
  };
}
