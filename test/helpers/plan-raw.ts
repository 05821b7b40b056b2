import { stringify } from 'yaml';
import type { Rng } from '../../src/base/random/rng.ts';
import type { Catalog } from '../../src/model/catalog.ts';
import type { CustomType } from '../../src/model/custom-types.ts';
import { modelSpecFromProfile } from '../../src/model/model-spec.ts';
import type { Profile, Variable } from '../../src/model/profile.ts';
import { normalizeProfile } from '../../src/load/profile/normalize.ts';
import { resolveVariableData, type DataContext, type ResolvedData } from '../../src/variables/data/resolve-data.ts';
import type { AnyGenerator } from '../../src/variables/data/any-items.ts';
import type { ListFunctionRunner } from '../../src/variables/data/list-function.ts';
import { PlanError } from '../../src/variables/plan-error.ts';
import { planProfile as planTyped, resolveProfileValues, type ProfilePlan } from '../../src/variables/plan-profile.ts';
import { parseYamlText } from '../../src/yaml/source-file.ts';

/** What the planning tests give: the run seed and where the profile lives. */
export interface PlanOptions {
  readonly seed: number | string;
  readonly projectDir: string;
  readonly profileDir?: string | undefined;
  readonly types?: ReadonlyMap<string, CustomType> | undefined;
  readonly clock?: (() => Date) | undefined;
  readonly generateAny?: AnyGenerator | undefined;
  readonly runListFunction?: ListFunctionRunner | undefined;
  readonly maxConversations?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

function catalogOf(projectDir: string, types: ReadonlyMap<string, CustomType> | undefined): Catalog {
  return {
    projectDir,
    types: types ?? new Map(),
    personalities: [],
    loadPersonalityFile: () => Promise.resolve(undefined),
  };
}

/** A profile written as a plain object, typed the way the loader types it (no validation: planning's own guards are under test). */
export async function typedProfile(
  raw: Record<string, unknown>,
  options: Pick<PlanOptions, 'projectDir' | 'profileDir' | 'types'>,
): Promise<Profile> {
  const file = parseYamlText(stringify(raw), 'profile.yml');
  const absPath = `${options.profileDir ?? options.projectDir}/profile.yml`;
  return normalizeProfile(raw, {
    absPath,
    file,
    catalog: catalogOf(options.projectDir, options.types),
    model: modelSpecFromProfile(raw['llm'] as Parameters<typeof modelSpecFromProfile>[0]),
  });
}

/**
 * Plans a profile written as a plain object: resolves its values, then expands it. A value or a
 * count that cannot be made throws a PlanError with the first diagnostic's message.
 */
export async function planProfile(raw: Record<string, unknown>, options: PlanOptions): Promise<ProfilePlan> {
  const profile = await typedProfile(raw, options);
  const { values, diagnostics } = await resolveProfileValues(profile, { ...options });
  const error = diagnostics.find((d) => d.severity === 'error');
  if (values === undefined || error !== undefined)
    throw new PlanError(error?.message ?? 'not planned', { hint: error?.hint });
  return planTyped(profile, values, { signal: options.signal });
}

/** One variable written as `name: {type, data}`, resolved. */
export async function resolveRawVariable(
  name: string,
  typeName: string,
  data: unknown,
  rng: Rng,
  ctx: DataContext & { types?: ReadonlyMap<string, CustomType> },
): Promise<ResolvedData> {
  const profile = await typedProfile(
    {
      test_name: 't',
      user: { role: 'r', goals: [`{{${name}}}`, { [name]: { function: 'default()', type: typeName, data } }] },
      conversation: { number: 1, goal_style: { steps: 1 } },
    },
    { projectDir: ctx.projectDir, types: ctx.types },
  );
  const variable: Variable | undefined = profile.goals.variables[0];
  if (variable === undefined) throw new Error('no variable');
  return resolveVariableData(variable, rng, ctx);
}
