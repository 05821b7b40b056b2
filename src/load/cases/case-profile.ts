import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import type { CaseSpec } from '../../cases/index.ts';
import type { ModelSpec } from '../../model/model-spec.ts';
import type { Personality } from '../../model/personalities.ts';
import type { Profile } from '../../model/profile.ts';
import type { Span, YamlMap } from '../../model/span.ts';

export interface CaseProfileOptions {
  /** The test-case file (absolute path). */
  readonly absPath: string;
  readonly projectDir: string;
  /** The simulated user's model: `--model` (or run.yml's `model:`), else the profiles' default. */
  readonly model: ModelSpec;
  /** `--personality`: its sentences come first in `user.context`, as for a profile that names none. */
  readonly personality?: Personality | undefined;
}

/**
 * One test case as a profile, so that everything a run does with a profile (styles, caps, seeds,
 * outputs, rules, reports) it does with a case. The mapping, field by field:
 *
 * - `test_name`: the case's name (Vellum `name`, else `<file name>-<row>`); `conversation.number: 1`.
 * - `user.role` ← `spec.role` (Azure `task`, else a plain user of the chatbot); `user.language`
 *   unset (English); `user.context` ← `spec.context` then `spec.rules` (persona, profile, tone,
 *   names, agent description; simulation guidelines, the follow-up rule).
 * - `user.goals` ← `spec.goals` as plain sentences, no variables (`{{x}}` stays as written).
 * - `conversation.goal_style` ← `{steps: spec.goalStyle.steps}`; `interaction_style: [default]`.
 * - `chatbot.is_starter: false` (the user opens, as in every one of the four simulators),
 *   `chatbot.fallback` empty, no outputs; `chatbot.parameters` ← the case's `context`.
 * - `conversation.firstMessage`, `followUps` and `endWhen` (goal achieved, empty reply, stop
 *   phrases) ← what the case's style asks for; `testCase` keeps what the output formats carry
 *   over (expectations, tag, template parameters, citations).
 *
 * `file` (the profile's name in the outputs) is `<case file>#<row>`, relative to the project.
 */
export function caseProfile(spec: CaseSpec, options: CaseProfileOptions): Profile {
  const span: Span = { file: spec.place.file, line: spec.place.line, column: spec.place.column };
  const contextSentences = [...spec.context, ...spec.rules];
  const goalStyleRaw: YamlMap = { steps: spec.goalStyle.steps };
  const hash = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  const relativeFile = relative(options.projectDir, options.absPath) || spec.place.file;
  return {
    absPath: options.absPath,
    file: `${relativeFile}#${spec.place.row}`,
    displayPath: `${spec.place.file}:${spec.place.line}`,
    hash,
    testName: spec.name,
    llm: { model: options.model, span, speech: undefined, judge: undefined },
    user: {
      language: null,
      role: spec.role,
      contextRaw: contextSentences,
      context: [...(options.personality?.context ?? []), ...contextSentences],
      personality: options.personality?.name,
    },
    goals: { sentences: spec.goals.map((text) => ({ text, span })), variables: [] },
    chatbot: { isStarter: false, fallback: '', outputs: [], expect: [], parameters: spec.chatbotParameters },
    conversation: {
      number: { kind: 'fixed', count: 1 },
      numberSpan: span,
      maxCostPerConversation: undefined,
      maxCostPerRun: undefined,
      goalStyle: { kind: 'steps', steps: spec.goalStyle.steps },
      goalStyleSpan: span,
      goalStyleRaw,
      interactionStyles: [{ kind: 'style', name: 'default', span }],
      firstMessage: spec.firstMessage,
      followUps: spec.followUps,
      endWhen: {
        goalAchieved: spec.stop.whenGoalAchieved,
        emptyReply: spec.stop.whenEmptyReply,
        phrases: spec.stop.phrases,
      },
    },
    testCase: {
      style: spec.style,
      file: spec.place.file,
      row: spec.place.row,
      line: spec.place.line,
      expectations: spec.expectations,
      tag: spec.tag,
      templateParameters: spec.templateParameters,
      citations: spec.citations,
      agentDescription: spec.agentDescription,
    },
  };
}
