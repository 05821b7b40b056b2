import { didYouMean } from '../../../base/diagnostics/did-you-mean.ts';
import type { DocPath } from '../../../yaml/source-file.ts';
import { findPlaceholders, parseVarFunction, type VarFunction } from '../../../model/function-syntax.ts';
import { asArray, asRecord, asString, singleEntry, type Rec } from '../../../base/access.ts';
import type { ProfileContext } from './context.ts';
import { checkVariableData } from './variable-data.ts';

/** A goal variable as validation sees it; `fn` is undefined when its function did not parse. */
export interface GoalVariable {
  readonly name: string;
  readonly index: number;
  readonly path: DocPath;
  readonly definition: Rec;
  readonly fn: VarFunction | undefined;
}

const goalsPath: DocPath = ['user', 'goals'];

/** The variables of user.goals in declaration order (a duplicate name keeps the first); reports nothing. */
export function goalVariables(profile: Rec): GoalVariable[] {
  const variables: GoalVariable[] = [];
  for (const [index, goal] of (asArray(asRecord(profile['user'])?.['goals']) ?? []).entries()) {
    const entry = singleEntry(goal);
    if (!entry) continue;
    const [name, definition] = entry;
    const record = asRecord(definition);
    if (!record || variables.some((v) => v.name === name)) continue;
    const fnSource = record['function'];
    const parsed = parseVarFunction(typeof fnSource === 'string' ? fnSource : undefined);
    variables.push({
      name,
      index,
      path: [...goalsPath, index, name],
      definition: record,
      fn: parsed.ok ? parsed.fn : undefined,
    });
  }
  return variables;
}

function checkDefinitions(ctx: ProfileContext, goals: unknown[]): void {
  const seen = new Set<string>();
  for (const [index, goal] of goals.entries()) {
    const entry = singleEntry(goal);
    if (!entry) continue;
    const [name, definition] = entry;
    const path: DocPath = [...goalsPath, index, name];
    if (seen.has(name)) {
      ctx.sink.error('var-duplicate', path, `variable \`${name}\` is defined twice`, {
        key: true,
        hint: 'Rename one of them, or delete the copy.',
      });
      continue;
    }
    seen.add(name);
    const record = asRecord(definition);
    if (!record) continue;
    const fnSource = record['function'];
    const parsed = parseVarFunction(typeof fnSource === 'string' ? fnSource : undefined);
    if (!parsed.ok) {
      ctx.sink.error(
        parsed.message.startsWith('unknown function') ? 'var-function-unknown' : 'var-function-syntax',
        [...path, 'function'],
        parsed.message,
        {
          inScalar: parsed.span,
          hint: parsed.hint,
        },
      );
    }
  }
}

function checkPlaceholders(ctx: ProfileContext, goals: unknown[], variables: readonly GoalVariable[]): Set<string> {
  const names = variables.map((v) => v.name);
  const used = new Set<string>();
  let sentences = 0;
  for (const [index, goal] of goals.entries()) {
    const text = asString(goal);
    if (text === undefined) continue;
    sentences++;
    for (const placeholder of findPlaceholders(text)) {
      const where = { inScalar: { offset: placeholder.offset, length: placeholder.length } };
      if (!placeholder.valid) {
        ctx.sink.error(
          'var-undefined',
          [...goalsPath, index],
          `\`${text.slice(placeholder.offset, placeholder.offset + placeholder.length)}\` is not a variable name`,
          {
            ...where,
            hint: 'Variable names use letters, digits and _ only, like {{pizza_size}}.',
          },
        );
        continue;
      }
      used.add(placeholder.name);
      if (!names.includes(placeholder.name)) {
        ctx.sink.error(
          'var-undefined',
          [...goalsPath, index],
          `\`{{${placeholder.name}}}\` is used but no variable \`${placeholder.name}\` is defined${didYouMean(placeholder.name, names)}`,
          {
            ...where,
            hint: `Define it in user.goals as \`- ${placeholder.name}: {function: default(), type: string, data: [...]}\`.`,
          },
        );
      }
    }
  }
  if (sentences === 0 && variables.length > 0) {
    ctx.sink.error(
      'goal-missing-sentence',
      goalsPath,
      'user.goals defines variables but has no sentence for the user to ask',
      {
        key: true,
        hint: 'Add a goal sentence that uses them, like "a {{size}} pizza".',
      },
    );
  }
  return used;
}

function checkForwardGraph(ctx: ProfileContext, variables: readonly GoalVariable[]): void {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const names = variables.map((v) => v.name);
  const targetOf = (v: GoalVariable) => (v.fn?.kind === 'forward' ? v.fn.target : undefined);
  for (const variable of variables) {
    const target = targetOf(variable);
    if (target === undefined) continue;
    const fnPath = [...variable.path, 'function'];
    const source = String(variable.definition['function']);
    const span = { offset: source.indexOf(target, source.indexOf('(')), length: target.length };
    const master = byName.get(target);
    if (!master) {
      ctx.sink.error(
        'var-forward-target',
        fnPath,
        `forward(${target}): there is no variable \`${target}\`${didYouMean(
          target,
          names.filter((n) => n !== variable.name),
        )}`,
        { inScalar: span },
      );
    } else if (master.fn !== undefined && master.fn.kind !== 'forward') {
      ctx.sink.error(
        'var-forward-master',
        fnPath,
        `forward(${target}): \`${target}\` uses ${master.fn.kind}(), but only forward() variables can be nested on`,
        {
          inScalar: span,
          hint: `Change \`${target}\` to forward(), or use another function here.`,
        },
      );
    }
  }
  const reported = new Set<string>();
  for (const start of variables) {
    const chain: string[] = [start.name];
    let current = targetOf(start);
    while (current !== undefined && byName.has(current)) {
      if (current === start.name) {
        const key = [...chain].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          ctx.sink.error(
            'var-forward-cycle',
            [...start.path, 'function'],
            `forward() variables depend on each other in a circle: ${[...chain, current].join(' -> ')}`,
            {
              hint: 'One variable of the chain must use plain forward() with no argument.',
            },
          );
        }
        break;
      }
      if (chain.includes(current)) break;
      chain.push(current);
      const next = byName.get(current);
      current = next ? targetOf(next) : undefined;
    }
  }
}

/** user.goals: definitions, placeholders, forward() links, unused variables and each variable's data. */
export async function checkGoals(ctx: ProfileContext): Promise<void> {
  const goals = asArray(asRecord(ctx.profile['user'])?.['goals']);
  if (!goals) return;
  checkDefinitions(ctx, goals);
  const variables = ctx.variables;
  const used = checkPlaceholders(ctx, goals, variables);
  checkForwardGraph(ctx, variables);
  const mastersInUse = new Set(variables.map((v) => (v.fn?.kind === 'forward' ? v.fn.target : undefined)));
  for (const variable of variables) {
    if (!used.has(variable.name) && !mastersInUse.has(variable.name)) {
      ctx.sink.warning(
        'var-unused',
        variable.path,
        `variable \`${variable.name}\` is defined but no goal uses {{${variable.name}}}`,
        {
          key: true,
          hint: 'Use it in a goal sentence or delete it (its values still advance every conversation).',
        },
      );
    }
    await checkVariableData(ctx, variable);
  }
}
