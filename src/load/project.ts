import type { EnvMap } from '../base/env-file.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Profile } from '../model/profile.ts';
import type { RunSettings } from '../model/run-settings.ts';
import type { YamlMap } from '../model/span.ts';
import type { SourceReader } from './source-reader.ts';
import type { LoadedCases } from './cases/load-cases.ts';

/** A sensei-check rule file of the project's rules/ folder, validated. */
export interface RuleFile {
  readonly absPath: string;
  readonly file: string;
  readonly value: YamlMap;
}

/** Everything a project can reference: types, personalities (its own, then built in), rules, connectors. */
export interface ProjectCatalog extends Catalog {
  readonly rules: readonly RuleFile[];
  /** The connector files of the project's connectors/ folder (absolute paths). */
  readonly connectors: readonly string[];
}

/**
 * A project loaded once for one command: its run settings (run.yml and the flags merged), its
 * catalog and the selected profiles, all validated and typed. Commands start from this.
 */
export interface Project {
  readonly dir: string;
  readonly settings: RunSettings;
  /** The process environment with the project's .env under it (the environment wins). */
  readonly env: EnvMap;
  readonly catalog: ProjectCatalog;
  readonly profiles: readonly Profile[];
  /** The files the command read; a later look at one of them (the connector) reads no file again. */
  readonly sources: SourceReader;
  /** The test cases read (`--cases`, run.yml's `cases:`); their profiles are in `profiles`, after the others. */
  readonly cases?: LoadedCases | undefined;
}
