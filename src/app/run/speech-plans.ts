import type { LlmRuntime } from '../../llm/llm-runtime.ts';
import { llmFetch } from '../../llm/adapters/llm-fetch.ts';
import type { Project } from '../../load/project.ts';
import { diagnosticAt } from '../../model/span.ts';
import type { SpeechPlan } from '../../speech/prepare-speech.ts';
import type { OpenedChatbot } from '../open-chatbot.ts';
import type { RunReporter } from './events.ts';
import type { PlannedProfile } from './prepare-run.ts';

/**
 * The speech profiles' engines, by profile file. Speech profiles talk through the connector's
 * `audio:` section; without one they run as text (profile validation already warned). Engines are
 * checked before the first conversation: one that cannot be prepared stops the chatbot and the run.
 */
export async function prepareSpeechPlans(
  prepared: readonly PlannedProfile[],
  chatbot: OpenedChatbot,
  project: Project,
  llm: LlmRuntime,
  reporter: RunReporter,
): Promise<ReadonlyMap<string, SpeechPlan>> {
  const speechPlans = new Map<string, SpeechPlan>();
  if (!chatbot.connector.speaks) {
    for (const p of prepared) {
      if (p.profile.llm.speech)
        reporter.onWarning?.(
          diagnosticAt(
            p.profile.llm.span,
            'feature-unsupported',
            'warning',
            `${p.profile.file} asks for speech (llm.format.type: speech), but connector ${chatbot.connector.name} has no \`audio:\` section, so it runs as text`,
          ),
        );
    }
    return speechPlans;
  }
  // The speech engines load only for a connector that speaks.
  const { prepareSpeech } = await import('../../speech/prepare-speech.ts');
  for (const p of prepared) {
    const plan = await prepareSpeech(
      { speech: p.profile.llm.speech, absPath: p.profile.absPath, language: p.profile.user.language ?? 'English' },
      {
        projectDir: project.dir,
        offline: p.profile.llm.model.provider === 'offline',
        openAi: () => llm.access('openai'),
        fetch: llmFetch,
        ledger: llm.ledger,
        env: project.env,
        audioFormat: chatbot.connector.audioFormat,
      },
    ).catch(async (error: unknown) => {
      await chatbot.stop();
      throw error;
    });
    if (plan) speechPlans.set(p.profile.file, plan);
  }
  return speechPlans;
}
