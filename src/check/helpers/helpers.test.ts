import { describe, expect, it } from 'vitest';
import { checkConversations } from '../engine/check-conversations.ts';
import { parseExpression } from '../expression/parser.ts';
import { OFFLINE_MODEL } from './llm/check-model.ts';
import { parseConversation } from '../conversations/read-conversation.ts';
import { resolvePlain } from '../conversations/pyyaml-values.ts';
import { conversationVariables } from '../conversations/namespace.ts';
import { fixedPoint, pyRepr, pyStr } from '../expression/index.ts';
import { PyException } from '../expression/values.ts';
import { currency } from './currency.ts';
import { extractFloat } from './extract-float.ts';
import { exactSimilarity, jaccard, sequenceMatcherRatio, tfidfCosine } from './text-similarity.ts';

// Every expected value below was printed once by CPython 3.11 (re, difflib, PyYAML 6) or by
// scikit-learn's TfidfVectorizer formula (smooth idf, l2 norm, cosine) and written in as a constant.

describe('Sensei helpers, exactly as Python computes them', () => {
  it.each<[string, number | null]>([
    ['12,50 €', 1250.0],
    ['1,5', 15.0],
    ['-5', 5.0],
    ['-5.5', -5.5],
    ['+3.25 USD', 3.25],
    ['no number', null],
    ['1,234,567.89 dollars', 1234567.89],
    ['.5', 0.5],
    ['abc 7.', 7.0],
    ['price: $ 20', 20.0],
    ['٣٫٥', 3.0],
    ['１２', 12.0],
  ])('extract_float(%j) = %j (decimal commas and signs as in Sensei)', (text, expected) => {
    expect(extractFloat(text)).toBe(expected);
  });

  it('extract_float(None) raises TypeError, so the rule is not applicable', () => {
    expect(() => extractFloat(null)).toThrow(PyException);
  });

  it.each<[string, string | null]>([
    ['$10', 'USD'],
    ['10 EUR', 'EUR'],
    ['EUR 10 $', 'USD'],
    ['10 euros', 'EUR'],
    ['USDollars', null],
    ['20 pounds and 5 $', 'USD'],
    ['nothing', null],
    ['JPY', 'JPY'],
    ['5 rupees', 'INR'],
  ])('currency(%j) = %j', (text, expected) => {
    expect(currency(text)).toBe(expected);
  });

  it('currency of a capitalised name raises KeyError like Sensei', () => {
    expect(() => currency('10 Euros')).toThrow("'Euros'");
  });

  it('sequence-matcher equals difflib.SequenceMatcher(None, a, b).ratio(), autojunk included', () => {
    expect(sequenceMatcherRatio('Hello, how can I help you?', 'Hello, how may I help you today?')).toBe(
      0.8275862068965517,
    );
    expect(sequenceMatcherRatio('abc', 'abd')).toBe(0.6666666666666666);
    expect(sequenceMatcherRatio('', '')).toBe(1.0);
    expect(sequenceMatcherRatio('a'.repeat(250) + 'b', 'a'.repeat(240) + 'c'.repeat(20))).toBe(0.9393346379647749);
    expect(
      sequenceMatcherRatio('The cost would be approximately $150.', 'The cost would be approximately $50.0.'),
    ).toBe(0.96);
  });

  it('tf-idf equals TfidfVectorizer() defaults with cosine similarity', () => {
    expect(tfidfCosine('Hello, how can I help you?', 'Hello, how may I help you today?')).toBe(0.5803329846765686);
    expect(tfidfCosine('I am sorry, I did not understand.', 'I am sorry, I did not understand.')).toBe(
      1.0000000000000002,
    );
    expect(tfidfCosine('a b c', 'hello there')).toBe(0.0);
    expect(tfidfCosine('Pizza pizza PIZZA', 'pizza')).toBe(1.0);
    expect(() => tfidfCosine('a b', '? !')).toThrow('empty vocabulary');
  });

  it('jaccard and exact', () => {
    expect(jaccard('A b c', 'a B d')).toBe(0.5);
    expect(jaccard('x', 'y')).toBe(0.0);
    expect(() => jaccard('', ' ')).toThrow('division by zero');
    expect(exactSimilarity('a', 'a')).toBe(1.0);
  });

  it("formats fail rates with Python's half-to-even :.2f", () => {
    expect([3.125, 15.625, 59.375, 2.675, 0.125, 100.0, 11.11111, 33.335].map((x) => fixedPoint(x, 2))).toEqual([
      '3.12',
      '15.62',
      '59.38',
      '2.67',
      '0.12',
      '100.00',
      '11.11',
      '33.34',
    ]);
  });

  it('reads YAML scalars as PyYAML does (dates, sexagesimal, yes, octal, 1e3 as text)', () => {
    const seen = Object.fromEntries(
      Object.entries({
        a: '2024-11-06',
        b: '10:00',
        c: 'yes',
        d: '1_000',
        e: '0o17',
        f: '017',
        g: '1e3',
        h: '1.5e+3',
        i: '2024-11-06 10:30:00',
        j: '.inf',
        k: '~',
        l: '0x1F',
        m: '1:30.5',
      }).map(([k, v]) => [k, pyStr(resolvePlain(v))]),
    );
    expect(seen).toEqual({
      a: '2024-11-06',
      b: '600',
      c: 'True',
      d: '1000',
      e: '0o17',
      f: '15',
      g: '1e3',
      h: '1500.0',
      i: '2024-11-06 10:30:00',
      j: 'inf',
      k: 'None',
      l: '31',
      m: '90.5',
    });
  });

  it('builds the namespace like Sensei: ask_about, flattened conversation and data_output, phrases', () => {
    const text = [
      'serial: s',
      'ask_about:',
      '- a {{size}} pizza',
      '- size: [small]',
      'conversation:',
      '- interaction_style: [default]',
      '- goal_style: {all_answered: {export: true, limit: 6}}',
      'data_output:',
      '- price: 12.5',
      '- confirmed_date: 2024-11-06',
      '---',
      'conversation time: 1.0',
      '---',
      'interaction:',
      '- User: hi',
      '- Assistant: hello',
      '',
    ].join('\n');
    const read = parseConversation(text, 'c.yml');
    if (!read.ok) throw new Error(read.problem);
    const vars = conversationVariables(read.conversation);
    expect([...vars.keys()].sort()).toEqual(
      [
        'chatbot_phrases',
        'confirmed_date',
        'conversation_goal_style_all_answered_export',
        'conversation_goal_style_all_answered_limit',
        'conversation_interaction_style',
        'data_output',
        'data_output_confirmed_date',
        'data_output_price',
        'export',
        'interaction',
        'interaction_style',
        'limit',
        'price',
        'size',
        'user_phrases',
      ].sort(),
    );
    expect(pyRepr(vars.get('confirmed_date') ?? null)).toBe('datetime.date(2024, 11, 6)');
    expect(pyRepr(vars.get('chatbot_phrases') ?? null)).toBe("['hello']");
    expect(pyRepr(vars.get('limit') ?? null)).toBe('6');
  });
});

describe('LLM helpers with --model offline', () => {
  const conversationIn = (file: string, steps: [string, string][]) => {
    const text = [
      'serial: s',
      'ask_about: []',
      'conversation: []',
      'data_output: []',
      '---',
      'conversation time: 1',
      '---',
      'interaction:',
      ...steps.map(([who, said]) => `- ${who}: ${JSON.stringify(said)}`),
      '',
    ].join('\n');
    const read = parseConversation(text, file);
    if (!read.ok) throw new Error(read.problem);
    return read.conversation;
  };
  const rule = (name: string, oracle: string) => {
    const parsed = parseExpression(oracle);
    if (!parsed.ok) throw new Error('bad test rule');
    return {
      file: 'r.yaml',
      name,
      description: undefined,
      kind: 'single' as const,
      conversations: 1,
      active: true,
      when: undefined,
      if: undefined,
      then: parsed.ast,
      yields: undefined,
      yieldsText: undefined,
      line: 1,
      column: 1,
    };
  };

  it('detects languages locally for language() and responds_in_same_language(); the others need an LLM', async () => {
    const spanishBot = conversationIn('es.yml', [
      ['User', 'Hello, I would like to order a large pepperoni pizza for tonight please'],
      ['Assistant', 'Perdona, pero no te he entendido, ¿puedes repetirlo por favor?'],
      ['User', 'I said that I would like a large pepperoni pizza, thank you very much'],
      ['Assistant', 'Lo siento, no entiendo lo que quieres decir con eso, de verdad'],
    ]);
    const englishBot = conversationIn('en.yml', [
      ['User', 'Hello, I would like to order a large pepperoni pizza for tonight please'],
      ['Assistant', 'Of course! A large pepperoni pizza. Would you like something to drink?'],
      ['Assistant', 'Error: The server answered 500'],
    ]);
    const result = await checkConversations({
      conversations: [spanishBot, englishBot],
      model: OFFLINE_MODEL,
      rules: [
        rule('same_language', 'responds_in_same_language()'),
        rule('english', "language(chatbot_phrases) == 'ENG'"),
        rule('tone', "'NEGATIVE' not in tone(chatbot_phrases)"),
      ],
    });
    const verdicts = Object.fromEntries(
      result.rows.filter((r) => r.rule).map((r) => [r.name, r.entries.map((e) => e.verdict)]),
    );
    expect(verdicts).toEqual({
      same_language: ['fail', 'pass'],
      english: ['fail', 'pass'],
      tone: ['not_applicable', 'not_applicable'],
    });
    expect(result.rows.find((r) => r.name === 'tone')?.entries[0]?.reason).toBe(
      'tone() needs an LLM (the model is offline)',
    );
  });
});

describe('the fast conversation reader agrees with the full one', () => {
  it.each([
    'a: 1\nb: [1, two, "3"]\nc: {x: yes, y: ~}\n',
    "text: 'It''s a\n  folded line'\nother: \"tab\\there\\nand \\u00e9\"\n",
    'block: |\n  line one\n    indented\n  line three\nkeep: |+\n  kept\n\nstrip: >-\n  folded\n  text\n',
    'list:\n- a\n# a comment\n- - nested\n  - 2024-11-06\n-\n# trailing comment\nmap:\n  k: v\n  # comment\n',
    'plain: a long plain\n  scalar over lines\nempty:\nnum: 0x1F\ntime: 10:00\nquoted_date: "2024-11-06"\n',
    'anchor: &a [1]\nalias: *a\n',
    '!!python/tuple [1, 2]\n',
    'first: 1\n---\nsecond: 2\n---\n- third\n',
    '- 1001: goals left\n- 500: server error\n',
  ])('%j', async (text) => {
    const { readDocuments } = await import('../conversations/read-conversation.ts');
    const fast = readDocuments(text);
    const full = readDocuments(text, { fast: false });
    expect(fast.ok && fast.values.map((v) => pyRepr(v))).toEqual(full.ok && full.values.map((v) => pyRepr(v)));
  });
});
