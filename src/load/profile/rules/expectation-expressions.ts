import type { DiagnosticCode } from '../../../base/diagnostics/codes.ts';
import { closest } from '../../../base/diagnostics/did-you-mean.ts';
import { asArray, asRecord, singleEntry } from '../../../base/access.ts';
import { freeNames } from '../../../check/expression/free-names.ts';
import { parseExpression } from '../../../check/expression/parser.ts';
import { CALLABLE_NAMES, CONVERSATION_NAMES, GLOBAL_HELPER_NAMES } from '../../../check/helpers/registry.ts';
import { scalarLocatorAt } from '../../../check/rules/expression-location.ts';
import { profileVariableNames } from '../../../check/rules/profile-variables.ts';
import { CRITERION_FORMS, outputExpectText, readCriterion } from '../../../model/expectation.ts';
import type { DocPath } from '../../../yaml/source-file.ts';
import type { ProfileContext } from './context.ts';

/** What an output's `expect:` may start with: the rest of a comparison whose left side is the output. */
const OUTPUT_EXPECT_START = /^(?:==|!=|<=|>=|<|>|not\s+in\b|in\b|is\b)/;

const EXPRESSION_HINT =
  'An expectation is a Python expression over the conversation, as in rules: outputs and variables by name, interaction, chatbot_phrases, user_phrases and the helpers.';

function push(
  ctx: ProfileContext,
  path: DocPath,
  at: { start: number; end: number },
  code: DiagnosticCode,
  message: string,
  hint: string,
): void {
  const locate = scalarLocatorAt(ctx.file, path);
  if (!locate) {
    ctx.sink.error(code, path, message, { hint });
    return;
  }
  const start = locate(Math.max(0, at.start));
  const end = locate(Math.max(at.start, at.end));
  ctx.sink.items.push({
    code,
    severity: 'error',
    message,
    file: ctx.file.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    hint,
    field: path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''),
  });
}

/**
 * Parses an expectation expression and reports its syntax errors and the names its profile's
 * conversations do not have, at the line and column inside it. `offset` is where the scalar's
 * text starts in `source` (an output's `expect:` is checked as `<name> <expect>`).
 */
function checkExpression(ctx: ProfileContext, path: DocPath, source: string, offset: number, known: Set<string>): void {
  const parsed = parseExpression(source);
  if (!parsed.ok) {
    for (const error of parsed.errors)
      push(
        ctx,
        path,
        { start: error.start - offset, end: error.end - offset },
        'expect-syntax',
        `expectation: ${error.message}`,
        EXPRESSION_HINT,
      );
    return;
  }
  for (const use of freeNames(parsed.ast)) {
    const at = { start: use.start - offset, end: use.end - offset };
    if (use.called && !use.attributeOfConv) {
      if (GLOBAL_HELPER_NAMES.has(use.name)) {
        push(
          ctx,
          path,
          at,
          'expect-unknown-name',
          `expectation: \`${use.name}()\` compares conversations, so it only works in a rule with \`conversations: all\``,
          'An expectation is checked on each conversation alone.',
        );
      } else if (!CALLABLE_NAMES.has(use.name) && !known.has(use.name)) {
        const suggestion = closest(use.name, CALLABLE_NAMES);
        push(
          ctx,
          path,
          at,
          'expect-unknown-name',
          `expectation: unknown function \`${use.name}()\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
          "Expectations can call Sensei's helpers, simsim's additions and Python builtins; see the README section on rules.",
        );
      }
      continue;
    }
    if (use.attributeOfConv || CALLABLE_NAMES.has(use.name) || CONVERSATION_NAMES.has(use.name) || known.has(use.name))
      continue;
    const suggestion = closest(use.name, [...known, ...CONVERSATION_NAMES]);
    push(
      ctx,
      path,
      at,
      'expect-unknown-name',
      `expectation: this profile's conversations have no \`${use.name}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
      `Known here: ${[...known, ...CONVERSATION_NAMES].filter((n) => !/^(data_output|conversation)_/.test(n)).join(', ')}.`,
    );
  }
}

function checkItem(ctx: ProfileContext, item: unknown, path: DocPath, known: Set<string>): void {
  if (typeof item === 'string') {
    if (item.trim() === 'goal_achieved') return;
    const form = /^\s*(judge|says|never_says|goal_achieved)\s*:/.exec(item)?.[1];
    if (form !== undefined) {
      ctx.sink.error('expect-invalid', path, `\`${form}:\` is written inside quotes, so it reads as an expression`, {
        hint: `Write it as a map, without the quotes around the whole item: - ${form}: ${item.slice(item.indexOf(':') + 1).trim()}`,
      });
      return;
    }
    const leading = item.length - item.trimStart().length;
    checkExpression(ctx, path, item.trim(), -leading, known);
    return;
  }
  const record = asRecord(item);
  if (!record) return;
  const read = readCriterion(record);
  if (read === undefined) {
    ctx.sink.error('expect-invalid', path, `an expectation item needs one of ${CRITERION_FORMS.join(', ')}`, {
      hint: 'Write an expression as text (- price == 12.5), or a map like - judge: the chatbot confirms the order',
    });
    return;
  }
  // The profile schema already reports a samples: that is not a whole number from 1 to 15.
  if (read.ok || read.message.startsWith('samples')) return;
  const forms = CRITERION_FORMS.filter((f) => f in record);
  const form = forms[0];
  const pattern = form === 'says' || form === 'never_says';
  const extra = Object.keys(record).find((k) => k !== form && !(k === 'samples' && !pattern));
  if (forms.length > 1 || extra !== undefined) {
    ctx.sink.error('expect-invalid', [...path, forms[1] ?? extra ?? ''], read.message, {
      key: true,
      hint: 'Each item is one expectation; samples: goes only with judge: or goal_achieved.',
    });
    return;
  }
  ctx.sink.error('expect-invalid', form === undefined ? path : [...path, form], read.message, {
    hint: pattern
      ? `${form}: takes a Python regular expression, searched in each chatbot message (re.search).`
      : 'judge: takes a criterion in plain words; samples: a whole number from 1 to 15.',
  });
}

/**
 * `chatbot.expect` and the outputs' `expect:`: each item reads as an expectation, expressions
 * parse, and every name they use is one the profile's conversations have (the goal variables,
 * the outputs, the conversation settings, the interaction) or a helper.
 */
export function checkExpectationExpressions(ctx: ProfileContext): void {
  const chatbot = asRecord(ctx.profile['chatbot']);
  if (!chatbot) return;
  const known = profileVariableNames(ctx.profile, ctx.catalog.types);
  for (const [index, item] of (asArray(chatbot['expect']) ?? []).entries())
    checkItem(ctx, item, ['chatbot', 'expect', index], known);
  for (const [index, output] of (asArray(chatbot['output']) ?? []).entries()) {
    const entry = singleEntry(output);
    const raw = asRecord(entry?.[1])?.['expect'];
    if (!entry || raw === undefined) continue;
    const [name] = entry;
    const path: DocPath = ['chatbot', 'output', index, name, 'expect'];
    const text = outputExpectText(raw);
    if (text === undefined) {
      ctx.sink.error('expect-invalid', path, `output \`${name}\`: expect: must not be empty`, {
        hint: 'Write the comparison, e.g. expect: "== 12.5".',
      });
      continue;
    }
    if (typeof raw !== 'string') continue;
    if (!OUTPUT_EXPECT_START.test(text)) {
      ctx.sink.error(
        'expect-invalid',
        path,
        `output \`${name}\`: expect: starts with a comparison (==, !=, <, <=, >, >=, in, not in, is), not \`${text}\``,
        {
          hint: `Write a comparison, e.g. expect: "== 12.5" (quote text: "== 'small'"), or a whole expression in chatbot.expect (- ${name} == ...).`,
        },
      );
      continue;
    }
    const leading = raw.length - raw.trimStart().length;
    checkExpression(ctx, path, `${name} ${text}`, name.length + 1 - leading, known);
  }
}
