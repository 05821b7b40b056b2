import type { Catalog } from '../../catalog/catalog.ts';
import type { ProjectLlm } from '../../llm/project-llm.ts';
import type { FileDiagnostics } from '../../diagnostics/file-diagnostics.ts';
import type { SourceFile } from '../../yaml/source-file.ts';
import type { Rec } from '../access.ts';

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
}
