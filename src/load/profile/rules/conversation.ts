import { didYouMean } from '../../../base/diagnostics/did-you-mean.ts';
import type { DocPath } from '../../../yaml/source-file.ts';
import { parseConversationNumber } from '../../../model/conversation-number.ts';
import { asArray, asRecord, asString } from '../../../base/access.ts';
import { canonicalStyle, STYLE_SPELLINGS } from '../../../styles/interaction/index.ts';
import { GOAL_STYLE_KEYS } from '../../../styles/goal/index.ts';
import type { ProfileContext } from './context.ts';
import type { GoalVariable } from './goals.ts';
import { checkLanguage } from './language.ts';

function checkNumber(
  ctx: ProfileContext,
  conversation: Record<string, unknown>,
  variables: readonly GoalVariable[],
): void {
  if (!('number' in conversation)) return;
  const path: DocPath = ['conversation', 'number'];
  const raw = conversation['number'];
  if (typeof raw !== 'number' && typeof raw !== 'string') return;
  const parsed = parseConversationNumber(raw);
  if (!parsed.ok) {
    ctx.sink.error('conversation-number', path, parsed.message, { hint: parsed.hint });
    return;
  }
  const value = parsed.value;
  if (value.kind === 'fixed') {
    if (value.count === 0)
      ctx.sink.warning('conversation-number', path, 'conversation.number is 0, so this profile runs no conversation');
    return;
  }
  const forward = variables.some((v) => v.fn?.kind === 'forward');
  const pairwise = variables.filter((v) => v.fn?.kind === 'pairwise').length;
  const need = value.source;
  if (need === 'forward' && !forward) {
    ctx.sink.error(
      'conversation-number',
      path,
      `\`${value.spelling}\` counts forward() combinations, but no variable uses forward()`,
    );
  } else if (need === 'pairwise' && pairwise === 0) {
    ctx.sink.error(
      'conversation-number',
      path,
      `\`${value.spelling}\` counts pairwise() combinations, but no variable uses pairwise()`,
    );
  } else if (need === 'max' && !forward && pairwise === 0) {
    ctx.sink.error(
      'conversation-number',
      path,
      `\`${value.spelling}\` counts forward() and pairwise() combinations, but no variable uses either`,
      {
        hint: 'Give a number of conversations instead, or make a variable forward() or pairwise().',
      },
    );
  }
}

function checkGoalStyle(ctx: ProfileContext, conversation: Record<string, unknown>): void {
  const style = asRecord(conversation['goal_style']);
  if (!style) return;
  const path: DocPath = ['conversation', 'goal_style'];
  const present = GOAL_STYLE_KEYS.filter((k) => k in style);
  if ('limit' in style && !('until' in style)) {
    ctx.sink.error('goal-style', [...path, 'limit'], 'goal_style `limit:` goes with `until: goal_achieved`', {
      key: true,
      hint: 'all_answered takes its limit inside: `all_answered: {limit: 10}`.',
    });
  }
  if (
    present.length === 0 &&
    Object.keys(style).length > 0 &&
    Object.keys(style).every((k) => k === 'max_cost' || k === 'limit')
  ) {
    ctx.sink.error('goal-style', path, 'goal_style needs one of steps, random steps, all_answered, until or default', {
      key: true,
      hint: 'For example `steps: 5`, or `all_answered: {limit: 10}`.',
    });
  } else if (present.length > 1) {
    ctx.sink.error(
      'goal-style',
      [...path, present[1] ?? ''],
      `goal_style has ${present.join(' and ')}; use exactly one`,
      { key: true },
    );
  }
  const randomSteps = style['random steps'];
  if (typeof randomSteps === 'number' && randomSteps >= 20) {
    ctx.sink.warning(
      'goal-style',
      [...path, 'random steps'],
      `random steps ${randomSteps}: Sensei rejects 20 or more (simsim accepts it)`,
    );
  }
}

function checkStyleItem(
  ctx: ProfileContext,
  item: unknown,
  path: DocPath,
  insideRandom: boolean,
  index: number,
  count: number,
): void {
  const name = asString(item);
  if (name !== undefined) {
    if (canonicalStyle(name) !== undefined) return;
    const known = STYLE_SPELLINGS.filter((s) => s !== 'random' && s !== 'change language');
    if (name.trim() === 'random' || name.trim() === 'change language') {
      ctx.sink.error('interaction-style', path, `\`${name.trim()}\` needs a list: write \`- ${name.trim()}: [...]\``);
      return;
    }
    ctx.sink.error('interaction-style', path, `unknown interaction style \`${name}\`${didYouMean(name, known)}`, {
      hint: `Known styles: ${known.join(', ')}, change language: [...], random: [...].`,
    });
    return;
  }
  const record = asRecord(item);
  if (!record) return;
  const languages = asArray(record['change language']);
  if (languages) {
    for (const [i, language] of languages.entries()) {
      if (typeof language === 'string') checkLanguage(ctx.sink, language, [...path, 'change language', i]);
    }
  }
  const options = asArray(record['random']);
  if (!options) return;
  if (insideRandom) {
    ctx.sink.error('interaction-style', path, '`random` cannot be nested inside `random`', { key: true });
    return;
  }
  if (index > 0) {
    ctx.sink.error(
      'interaction-style',
      path,
      '`random` must be the first interaction style; Sensei ignores it anywhere else',
      {
        key: true,
        hint: 'Move it to the top of interaction_style, and put the other styles inside it.',
      },
    );
  } else if (count > 1) {
    ctx.sink.warning('interaction-style', path, 'with `random` first, the other interaction styles are ignored', {
      key: true,
      hint: 'Move them inside the `random` list.',
    });
  }
  for (const [i, option] of options.entries())
    checkStyleItem(ctx, option, [...path, 'random', i], true, i, options.length);
}

/** conversation: the number form, the goal style, the interaction styles. */
export function checkConversation(ctx: ProfileContext): void {
  const variables = ctx.variables;
  const conversation = asRecord(ctx.profile['conversation']);
  if (!conversation) return;
  checkNumber(ctx, conversation, variables);
  checkGoalStyle(ctx, conversation);
  const styles = asArray(conversation['interaction_style']);
  if (!styles) return;
  for (const [index, item] of styles.entries())
    checkStyleItem(ctx, item, ['conversation', 'interaction_style', index], false, index, styles.length);
}
