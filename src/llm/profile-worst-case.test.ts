import { describe, expect, it } from 'vitest';
import { projectLlm } from './project-llm.ts';
import { profileWorstCase } from './profile-worst-case.ts';
import { estimateWorstCase } from '../cost/worst-case.ts';
import { typedProfile } from '../../test/helpers/plan-raw.ts';

const typed = (raw: Record<string, unknown>) => typedProfile(raw, { projectDir: '/p' });

describe('worst case of a profile', () => {
  it('reads turns, checks, outputs, model and caps from the profile', async () => {
    const profile = {
      llm: { model: 'gpt-4o-mini' },
      chatbot: { output: [{ price: {} }, { time: {} }] },
      conversation: { number: 3, goal_style: { all_answered: { limit: 12 }, max_cost: 0.01 } },
    };
    const got = profileWorstCase(await typed(profile), 3, projectLlm(), 256);
    const price = { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075, source: 'table' as const };
    const want = estimateWorstCase({
      price,
      conversations: 3,
      turnsPerConversation: 12,
      maxTokensPerCall: 256,
      checksPerTurn: 1,
      callsPerConversation: 2,
      conversationCapUsd: 0.01,
    });
    expect(got).toEqual({ ...want, model: 'openai:gpt-4o-mini', providerKnown: true });
  });

  it('defaults to gpt-4o and 30 turns; unknown prices stay null', async () => {
    expect(
      profileWorstCase(await typed({ conversation: { goal_style: { default: null } } }), 1, projectLlm()),
    ).toMatchObject({ model: 'openai:gpt-4o', calls: 60 });
    expect(
      profileWorstCase(
        await typed({ llm: { model: 'mystery' }, conversation: { goal_style: { steps: 2 } } }),
        1,
        projectLlm(),
      ).usd,
    ).toBeNull();
  });
});
