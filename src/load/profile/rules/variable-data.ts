import { extname, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { matchesFormat, type CustomType } from '../../../model/custom-types.ts';
import { closest } from '../../../base/diagnostics/did-you-mean.ts';
import type { DocPath } from '../../../yaml/source-file.ts';
import { anyPrompt } from '../../../model/any-call.ts';
import { dateListSize, FAKE_DATE_COUNT } from '../../../variables/data/date-list.ts';
import { numericRangeSize } from '../../../variables/data/numeric-range.ts';
import { countText, MAX_VARIABLE_VALUES } from '../../../variables/plan-limits.ts';
import { asArray, asRecord, asString, type Rec } from '../../../base/access.ts';
import type { ProfileContext } from './context.ts';
import type { GoalVariable } from './goals.ts';

type VarType = { kind: 'string' } | { kind: 'int' } | { kind: 'float' } | { kind: 'custom'; type: CustomType };

const BASIC_VAR_TYPES = ['string', 'int', 'float'] as const;
const TYPE_ALIASES: Record<string, string> = { str: 'string', integer: 'int', number: 'float', text: 'string' };
const LIST_FUNCTION_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.py'];

function resolveType(ctx: ProfileContext, variable: GoalVariable): VarType | undefined {
  const name = asString(variable.definition['type']);
  if (name === undefined) return undefined;
  if ((BASIC_VAR_TYPES as readonly string[]).includes(name)) return { kind: name as 'string' | 'int' | 'float' };
  const custom = ctx.catalog.types.get(name);
  if (custom) return { kind: 'custom', type: custom };
  const alias = TYPE_ALIASES[name.toLowerCase()];
  const known = [...BASIC_VAR_TYPES, ...ctx.catalog.types.keys()];
  const suggestion = alias ?? closest(name, known);
  ctx.sink.error(
    'var-type-unknown',
    [...variable.path, 'type'],
    `variable \`${variable.name}\` has unknown type \`${name}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
    {
      hint: `Use string, int, float or a custom type (${[...ctx.catalog.types.keys()].join(', ')}); custom types live in the project's types/ folder.`,
    },
  );
  return undefined;
}

function typeLabel(type: VarType): string {
  return type.kind === 'custom' ? type.type.name : type.kind;
}

function checkListItems(
  ctx: ProfileContext,
  variable: GoalVariable,
  type: VarType,
  items: unknown[],
  dataPath: DocPath,
): void {
  for (const [index, item] of items.entries()) {
    const path = [...dataPath, index];
    const prompt = anyPrompt(item);
    if (prompt !== undefined) {
      if (type.kind === 'int' || type.kind === 'float') {
        ctx.sink.error(
          'var-any-type',
          path,
          `any() generates text, so it cannot fill the ${type.kind} variable \`${variable.name}\``,
          {
            hint: 'Use a range {min, max, step} for numbers, or make the variable a string.',
          },
        );
      } else if (prompt === '') {
        ctx.sink.error(
          'var-any-type',
          path,
          'any() needs a description of the values to generate, like any(3 soft drinks)',
        );
      }
      continue;
    }
    switch (type.kind) {
      case 'string': {
        // YAML 1.1 words such as `no` were turned back into text before the rules ran (see coerceImplicitStrings).
        if (typeof item === 'string') break;
        ctx.sink.error(
          'var-data-type',
          path,
          `\`${String(item)}\` is not text, but \`${variable.name}\` is a string variable`,
          {
            hint: `Quote it ("${String(item)}"), or change the variable's type.`,
          },
        );
        break;
      }
      case 'int':
        if (typeof item !== 'number' || !Number.isInteger(item)) {
          ctx.sink.error(
            'var-data-type',
            path,
            `\`${String(item)}\` is not an integer, but \`${variable.name}\` is an int variable`,
            {
              hint: 'Use whole numbers, or make the variable a float or string.',
            },
          );
        }
        break;
      case 'float':
        if (typeof item !== 'number') {
          ctx.sink.error(
            'var-data-type',
            path,
            `\`${String(item)}\` is not a number, but \`${variable.name}\` is a float variable`,
          );
        }
        break;
      case 'custom':
        if (!matchesFormat(type.type, item)) {
          const format = type.type.format?.source ?? '';
          ctx.sink.error(
            'var-format-mismatch',
            path,
            `\`${String(item)}\` does not match the format of type \`${type.type.name}\``,
            {
              hint: `Values of ${type.type.name} must fully match ${format}.`,
            },
          );
        }
        break;
    }
  }
}

function checkRange(ctx: ProfileContext, variable: GoalVariable, type: VarType, data: Rec, dataPath: DocPath): void {
  if (type.kind !== 'int' && type.kind !== 'float') {
    ctx.sink.error(
      'var-range',
      dataPath,
      `a {min, max} range makes numbers, but \`${variable.name}\` is a ${typeLabel(type)} variable`,
      {
        hint: 'Set `type: int` or `type: float`, or list the values.',
      },
    );
    return;
  }
  for (const key of ['min', 'max'] as const) {
    if (!(key in data))
      ctx.sink.error('var-range', dataPath, `the range of \`${variable.name}\` needs \`${key}\``, { key: true });
  }
  const numbers = (['min', 'max', 'step'] as const).filter((k) => k in data);
  for (const key of numbers) {
    const value = data[key];
    const ok = type.kind === 'int' ? typeof value === 'number' && Number.isInteger(value) : typeof value === 'number';
    if (!ok) {
      ctx.sink.error(
        'var-range',
        [...dataPath, key],
        `\`${key}\` of the ${type.kind} range of \`${variable.name}\` must be ${type.kind === 'int' ? 'an integer' : 'a number'}, not ${JSON.stringify(value)}`,
      );
    }
  }
  const { min, max, step } = data;
  if (typeof step === 'number' && step <= 0) {
    ctx.sink.error('var-range', [...dataPath, 'step'], `\`step\` must be greater than 0, not ${step}`);
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    ctx.sink.error(
      'var-range',
      dataPath,
      `the range of \`${variable.name}\` is empty: min ${min} is greater than max ${max}`,
      { hint: 'Swap min and max.' },
    );
  }
  if (type.kind === 'int' && 'linspace' in data) {
    ctx.sink.error('var-range', [...dataPath, 'linspace'], '`linspace` is for float ranges; int ranges use `step`', {
      key: true,
    });
  }
  if (type.kind === 'float' && !('step' in data) && !('linspace' in data)) {
    ctx.sink.error('var-range', dataPath, `the float range of \`${variable.name}\` needs \`step\` or \`linspace\``, {
      hint: 'Add `step: 0.5` (values min, min+step, ... and max) or `linspace: 5` (5 evenly spaced values).',
    });
  }
  if ('step' in data && 'linspace' in data) {
    ctx.sink.error('var-range', dataPath, 'use either `step` or `linspace`, not both');
  }
  const size = numericRangeSize(type.kind, data);
  if (size !== undefined && size > MAX_VARIABLE_VALUES) {
    const where = 'step' in data ? 'step' : type.kind === 'float' ? 'linspace' : 'max';
    ctx.sink.error(
      'var-too-many-values',
      [...dataPath, where],
      `the range of \`${variable.name}\` makes ${countText(size)} values, more than the ${countText(MAX_VARIABLE_VALUES)} simsim expands for one variable`,
      {
        hint:
          type.kind === 'float' && where === 'linspace'
            ? 'Ask linspace for fewer values.'
            : 'Narrow min..max or use a larger step; a few values picked from a huge range can come from a list function.',
      },
    );
  }
}

async function checkListFunction(
  ctx: ProfileContext,
  variable: GoalVariable,
  data: Rec,
  dataPath: DocPath,
): Promise<void> {
  const file = asString(data['file']);
  if (file === undefined) {
    ctx.sink.error('var-list-function', dataPath, `the list function of \`${variable.name}\` needs \`file\``, {
      key: true,
    });
  }
  if (asString(data['function_name']) === undefined) {
    ctx.sink.error('var-list-function', dataPath, `the list function of \`${variable.name}\` needs \`function_name\``, {
      key: true,
    });
  }
  if (file === undefined) return;
  const extension = extname(file).toLowerCase();
  if (!LIST_FUNCTION_EXTENSIONS.includes(extension)) {
    ctx.sink.error(
      'var-list-function',
      [...dataPath, 'file'],
      `list function file \`${file}\` must be a JavaScript/TypeScript module or a Python file (${LIST_FUNCTION_EXTENSIONS.join(', ')})`,
    );
    return;
  }
  const candidates = [resolve(ctx.catalog.projectDir, file), resolve(ctx.profileDir, file)];
  for (const candidate of candidates) {
    try {
      const info = await stat(candidate);
      if (info.isFile()) return;
      ctx.sink.error(
        'var-list-function',
        [...dataPath, 'file'],
        `list function file \`${file}\` is a folder, not a file`,
      );
      return;
    } catch {
      // try the next place
    }
  }
  ctx.sink.error('var-list-function', [...dataPath, 'file'], `list function file \`${file}\` does not exist`, {
    hint: 'Paths are relative to the project folder (or to the profile). Create the file or fix the path.',
  });
}

function checkDate(ctx: ProfileContext, variable: GoalVariable, type: VarType, data: Rec, dataPath: DocPath): void {
  if (type.kind === 'int' || type.kind === 'float') {
    ctx.sink.error(
      'var-date',
      [...dataPath, 'date'],
      `date generators make text dates, but \`${variable.name}\` is a ${type.kind} variable`,
      { key: true, hint: 'Use `type: string`.' },
    );
  }
  const range = asRecord(asRecord(data['date'])?.['range']);
  if (range && !('step' in range) && !('random' in range)) {
    ctx.sink.error(
      'var-date',
      [...dataPath, 'date', 'range'],
      'a date range needs `step` (day(k), month(k), year(k), linspace(k)) or `random: n`',
      { key: true },
    );
  }
  if (range && 'step' in range && 'random' in range) {
    ctx.sink.error(
      'var-date',
      [...dataPath, 'date', 'range'],
      'a date range takes either `step` or `random`, not both',
      { key: true },
    );
  }
  const date = asRecord(data['date']);
  const fake = date?.['fake'];
  if (typeof fake === 'number' && fake > FAKE_DATE_COUNT) {
    ctx.sink.error(
      'var-too-many-values',
      [...dataPath, 'date', 'fake'],
      `\`fake\` asks for ${countText(fake)} different fake dates, but there are only ${countText(FAKE_DATE_COUNT)}`,
      { hint: 'Ask for fewer.' },
    );
  }
  const size = date ? dateListSize(date) : undefined;
  if (size !== undefined && size > MAX_VARIABLE_VALUES) {
    ctx.sink.error(
      'var-too-many-values',
      [...dataPath, 'date'],
      `the date generator of \`${variable.name}\` makes ${countText(size)} dates, more than the ${countText(MAX_VARIABLE_VALUES)} simsim expands for one variable`,
      {
        key: true,
        hint: 'Ask for fewer dates, or use a larger step.',
      },
    );
  }
}

/** The data of one variable, checked against its type (what Sensei checks, plus what Sensei misses). */
export async function checkVariableData(ctx: ProfileContext, variable: GoalVariable): Promise<void> {
  const type = resolveType(ctx, variable);
  const data = variable.definition['data'];
  const dataPath: DocPath = [...variable.path, 'data'];
  if (type === undefined) return;
  const items = asArray(data);
  if (items) {
    checkListItems(ctx, variable, type, items, dataPath);
    return;
  }
  const record = asRecord(data);
  if (!record) return;
  const kinds = [
    ['min', 'max', 'step', 'linspace'].some((k) => k in record) ? 'range' : undefined,
    ['file', 'function_name', 'args'].some((k) => k in record) ? 'function' : undefined,
    'date' in record ? 'date' : undefined,
  ].filter((k) => k !== undefined);
  if (kinds.length > 1) {
    ctx.sink.error(
      'var-range',
      dataPath,
      `the data of \`${variable.name}\` mixes a ${kinds.join(' and a ')}; use one`,
      { key: true },
    );
    return;
  }
  if (kinds[0] === 'range') checkRange(ctx, variable, type, record, dataPath);
  else if (kinds[0] === 'function') await checkListFunction(ctx, variable, record, dataPath);
  else if (kinds[0] === 'date') checkDate(ctx, variable, type, record, dataPath);
}
