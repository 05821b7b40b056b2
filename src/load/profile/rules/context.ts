import type { Catalog } from '../../../model/catalog.ts';
import type { ProjectLlm } from '../../../llm/project-llm.ts';
import type { FileDiagnostics } from '../../../yaml/file-diagnostics.ts';
import type { SourceFile } from '../../../yaml/source-file.ts';
import type { Rec } from '../../../base/access.ts';
import type { ModelSpec } from '../../../model/model-spec.ts';
import type { GoalVariable } from './goals.ts';

/** What every profile rule receives: the file, its schema-checked value, and the project catalog. */
export interface ProfileContext {
  readonly file: SourceFile;
  readonly sink: FileDiagnostics;
  readonly profile: Rec;
  readonly catalog: Catalog;
  /** Folder of the profile file, for paths relative to it. */
  readonly profileDir: string;
  /** Providers and prices from run.yml, for the model and max_cost checks. */
  readonly llm: ProjectLlm;
  /** Most conversations one profile may plan (run.yml's max_conversations). */
  readonly maxConversations: number;
  /** The variables of user.goals (see goalVariables), for the rules that look at them. */
  readonly variables: readonly GoalVariable[];
  /** The simulated user's model: the profile's `llm`, or `--model` when given. */
  readonly model: ModelSpec;
}

/** One check of a profile: it reports into its own sink and changes nothing. */
export type ProfileRule = (ctx: ProfileContext) => void | Promise<void>;
