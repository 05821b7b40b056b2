import { describe, expect, it } from 'vitest';
import type { Turn } from '../conversation/types.ts';
import { checkEvidence, normalizeForMatch, quoteAppears } from './evidence.ts';
import { criterionLabel, readCriterion } from '../model/expectation.ts';
import { goalsOf } from './goals.ts';
import { judgeModelSpec } from '../model/judge-model.ts';
import { compileSearch } from '../model/search-pattern.ts';
import { evaluatePattern } from './pattern-criterion.ts';
import { judgeUserMessage } from './prompt.ts';
import { numberedTranscript, transcriptHash } from './transcript.ts';
import { majorityVerdict } from './vote.ts';

const at = '2026-01-01T00:00:00Z';
const turns: Turn[] = [
  { role: 'user', text: 'Hi, a small margherita please.', at },
  { role: 'assistant', text: 'Your order: a small margherita pizza ($8.00).\nShall I place the order?', at },
  { role: 'user', text: 'Yes — place it.', at },
  { role: 'assistant', text: 'Your order is placed! Your order id is ORD-9074. It’s $8.00, to pay on delivery.', at },
  { role: 'user', text: 'Is it ready?', at },
  { role: 'assistant', text: 'Error: timeout', error: { code: 504, message: 'timeout' }, at },
];

describe('evidence checking', () => {
  it('ignores case, curly quotes, dashes, ellipsis characters and whitespace runs', () => {
    expect(normalizeForMatch('  It’s  “Great” —\n OK…  ')).toBe('it\'s "great" - ok...');
    expect(quoteAppears("it's $8.00", turns[3]?.text ?? '')).toBe(true);
    expect(quoteAppears('"Shall I place the order?"', turns[1]?.text ?? '')).toBe(true);
    expect(quoteAppears('($8.00). Shall I', turns[1]?.text ?? '')).toBe(true);
  });

  it('lets ... stand for left-out words, in order', () => {
    expect(quoteAppears('Your order is placed! … to pay on delivery', turns[3]?.text ?? '')).toBe(true);
    expect(quoteAppears('to pay on delivery ... Your order is placed', turns[3]?.text ?? '')).toBe(false);
  });

  it('does not forgive other differences: words, digits, currency', () => {
    expect(quoteAppears('$9.00', turns[3]?.text ?? '')).toBe(false);
    expect(quoteAppears('order number ORD-9074', turns[3]?.text ?? '')).toBe(false);
    expect(quoteAppears('...', turns[3]?.text ?? '')).toBe(false);
  });

  it('checks each quote against the chatbot turn it names', () => {
    const checked = checkEvidence(turns, [
      { turn: 4, quote: 'ORD-9074' },
      { turn: 2, quote: 'ORD-9074' },
      { turn: 1, quote: 'small margherita' },
      { turn: 6, quote: 'timeout' },
      { turn: 9, quote: 'x' },
      { turn: 4, quote: '  ' },
    ]);
    expect(checked.found).toEqual([{ turn: 4, quote: 'ORD-9074' }]);
    expect(checked.missing.map((m) => m.problem)).toEqual([
      'turn 2 does not contain "ORD-9074"',
      "turn 1 is the user's, not the chatbot's",
      'turn 6 is a connector error, not a chatbot reply',
      'there is no turn 9 (the conversation has 6)',
      'the quote for turn 4 is empty',
    ]);
  });
});

describe('the transcript the judge reads', () => {
  it('numbers every message and marks connector errors', () => {
    const text = numberedTranscript(turns);
    expect(text).toContain('[turn 1] User: Hi, a small margherita please.');
    expect(text).toContain('[turn 2] Chatbot: Your order: a small margherita pizza ($8.00).\nShall I place the order?');
    expect(text).toContain('[turn 6] (no chatbot reply: connector error 504: timeout)');
  });

  it('hashes content only: times do not change it, words do', () => {
    const later = turns.map((t) => ({ ...t, at: '2027-01-01T00:00:00Z', responseSeconds: 9 }));
    expect(transcriptHash(later)).toBe(transcriptHash(turns));
    expect(transcriptHash([...turns.slice(0, 3), { ...turns[3], text: 'Placed.' } as Turn])).not.toBe(
      transcriptHash(turns),
    );
  });

  it('tells later samples to judge afresh, and only them', () => {
    expect(judgeUserMessage('c', 't', 2, 1)).not.toContain('independent judgement');
    expect(judgeUserMessage('c', 't', 2, 3)).toContain('This is independent judgement number 3 of this criterion');
    expect(judgeUserMessage('the chatbot is polite', '[turn 1] User: hi', 1, 1)).toBe(
      'Criterion:\n<criterion>\nthe chatbot is polite\n</criterion>\n\nTranscript (1 turn):\n<transcript>\n[turn 1] User: hi\n</transcript>',
    );
  });
});

describe('majority vote', () => {
  it('takes the verdict most samples gave; a tie is inconclusive', () => {
    expect(majorityVerdict(['passed'])).toBe('passed');
    expect(majorityVerdict(['passed', 'failed', 'passed'])).toBe('passed');
    expect(majorityVerdict(['failed', 'failed', 'inconclusive'])).toBe('failed');
    expect(majorityVerdict(['passed', 'failed', 'inconclusive'])).toBe('inconclusive');
    expect(majorityVerdict(['passed', 'failed'])).toBe('inconclusive');
    expect(majorityVerdict(['passed', 'passed', 'failed', 'inconclusive'])).toBe('passed');
    expect(majorityVerdict([])).toBe('inconclusive');
  });
});

describe('says / never_says (offline, Python regular expressions)', () => {
  it('says: passes on the first chatbot message that matches, with the match as evidence', () => {
    const result = evaluatePattern({ kind: 'says', pattern: 'ORD-\\d{4}' }, turns);
    expect(result).toMatchObject({
      verdict: 'passed',
      label: 'says: ORD-\\d{4}',
      reason: 'turn 4 says "ORD-9074"',
      evidence: [{ turn: 4, quote: 'ORD-9074' }],
      calls: 0,
    });
    expect(evaluatePattern({ kind: 'says', pattern: 'credit card' }, turns)).toMatchObject({
      verdict: 'failed',
      reason: 'no chatbot message matches credit card',
    });
  });

  it('never_says: fails on every matching message, and reads only the chatbot', () => {
    const result = evaluatePattern({ kind: 'never_says', pattern: r`\$\d+\.\d\d` }, turns);
    expect(result).toMatchObject({
      verdict: 'failed',
      reason: 'turn 2 says "$8.00" (matches in turns 2, 4)',
      evidence: [
        { turn: 2, quote: '$8.00' },
        { turn: 4, quote: '$8.00' },
      ],
    });
    expect(evaluatePattern({ kind: 'never_says', pattern: 'margherita please' }, turns).verdict).toBe('passed');
    expect(evaluatePattern({ kind: 'never_says', pattern: 'timeout' }, turns).verdict).toBe('passed');
  });

  it('is case-sensitive like re.search unless (?i); Python syntax is translated', () => {
    expect(evaluatePattern({ kind: 'says', pattern: 'your order' }, turns).verdict).toBe('failed');
    expect(evaluatePattern({ kind: 'says', pattern: '(?i)your order' }, turns).verdict).toBe('passed');
    expect(evaluatePattern({ kind: 'says', pattern: "r'(?P<id>ORD-\\d+)'" }, turns).evidence).toEqual([
      { turn: 4, quote: 'ORD-9074' },
    ]);
    expect(compileSearch('(?x)a b')).toEqual({
      ok: false,
      message: 'the inline flag (?x) is not supported (supported: (?i), (?m), (?s))',
    });
    expect(compileSearch('(unclosed')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a valid regular expression') as unknown,
    });
  });

  it('is inconclusive without any chatbot message, or with a broken pattern', () => {
    expect(evaluatePattern({ kind: 'says', pattern: 'x' }, [turns[0] as Turn]).reason).toBe(
      'the chatbot sent no message to check',
    );
    expect(evaluatePattern({ kind: 'never_says', pattern: '[' }, turns).verdict).toBe('inconclusive');
  });
});

function r(strings: TemplateStringsArray): string {
  return strings.raw.join('');
}

describe('reading expect: items of the judge family', () => {
  it('reads every form with its samples', () => {
    expect(readCriterion('goal_achieved')).toEqual({ ok: true, criterion: { kind: 'goal_achieved', samples: 1 } });
    expect(readCriterion({ goal_achieved: true, samples: 3 })).toEqual({
      ok: true,
      criterion: { kind: 'goal_achieved', samples: 3 },
    });
    expect(readCriterion({ judge: ' the chatbot never asks for card details ', samples: 3 })).toEqual({
      ok: true,
      criterion: { kind: 'judge', text: 'the chatbot never asks for card details', samples: 3 },
    });
    expect(readCriterion({ says: 'ORD-\\d+' })).toEqual({ ok: true, criterion: { kind: 'says', pattern: 'ORD-\\d+' } });
    expect(readCriterion({ never_says: '(?i)card' })).toEqual({
      ok: true,
      criterion: { kind: 'never_says', pattern: '(?i)card' },
    });
  });

  it('leaves expressions to the check evaluator', () => {
    expect(readCriterion('price == 12.5')).toBeUndefined();
    expect(readCriterion({ price: 1 })).toBeUndefined();
  });

  it('explains what is wrong', () => {
    expect(readCriterion({ judge: 'x', samples: 0 })).toEqual({
      ok: false,
      message: 'samples must be a whole number from 1 to 15, got 0',
    });
    expect(readCriterion({ judge: '' })).toEqual({ ok: false, message: 'judge: needs a non-empty text' });
    expect(readCriterion({ says: 'x', samples: 2 })).toEqual({
      ok: false,
      message: 'says: unknown key samples (allowed: says)',
    });
    expect(readCriterion({ never_says: '(' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^never_says: not a valid regular expression/) as unknown,
    });
    expect(readCriterion({ goal_achieved: 'yes' })).toMatchObject({ ok: false });
  });

  it('labels criteria as they are written', () => {
    expect(criterionLabel({ kind: 'judge', text: 'polite', samples: 3 })).toBe('judge: polite');
    expect(criterionLabel({ kind: 'never_says', pattern: 'x' })).toBe('never_says: x');
  });
});

describe('goals and the judge model', () => {
  it('rebuilds the goal sentences of a stored conversation from its metadata', () => {
    const goals = goalsOf({
      askAbout: [
        'a {{size}} {{pizza}} pizza',
        '{{cans}} cans of {{drink}}',
        'toppings: {{toppings}}',
        'how long',
        { size: 'small' },
        { pizza: 'margherita' },
        { cans: 2 },
        { drink: 'water' },
        { toppings: ['ham', 'olives'] },
      ],
    });
    expect(goals).toEqual(['a small margherita pizza', '2 cans of water', 'toppings: ham, olives', 'how long']);
  });

  it('is the profile model at temperature 0 unless the judge has its own', () => {
    const profile = { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.8 };
    expect(judgeModelSpec(profile)).toEqual({ provider: 'openai', model: 'gpt-4o-mini', temperature: 0 });
    expect(judgeModelSpec(profile, { model: 'anthropic:claude-haiku-4-5', temperature: 0.2 })).toEqual({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      temperature: 0.2,
    });
  });
});
