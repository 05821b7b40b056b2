// `simsim check` at scale (issue 15), each case in its own process so its peak memory is its own:
//  (a) 10,000 conversations x 20 deterministic rules (reading the files included)
//  (b) a pairwise rule over 300 conversations: 89,700 ordered pairs
// Targets: under 10 s and under 300 MB each. On a shared machine wall time follows the load: the
// CPU time beside it is the process's own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const SIZES = ['small', 'medium', 'large'];
const PIZZAS = ['margherita', 'pepperoni', 'vegetarian', 'hawaiian'];
const DRINKS = ['cola', 'water', 'lemonade'];

function conversation(i) {
  const size = SIZES[i % 3];
  const pizza = PIZZAS[(i >> 2) % 4];
  const cans = 1 + (i % 3);
  const drink = DRINKS[(i >> 3) % 3];
  const price = (8 + SIZES.indexOf(size) * 3 + cans * 1.5 + (i % 7) * 0.25).toFixed(2);
  return [
    'serial: 2026-01-01-00-00-00',
    'language: English',
    'ask_about:',
    '- a {{size}} {{pizza}} pizza',
    "- '{{cans}} cans of {{drink}}'",
    `- size: ${size}`,
    `- pizza: ${pizza}`,
    `- cans: ${cans}`,
    `- drink: ${drink}`,
    'conversation:',
    '- interaction_style:',
    '  - default',
    '- number: 10000',
    '- steps: 6',
    'data_output:',
    `- price: $${price}`,
    `- order_id: ORD-${String(i).padStart(5, '0')}`,
    `- waiting_time: ${i % 5 === 0 ? 'null' : "'00:30:00'"}`,
    i % 11 === 0 ? 'errors:\n- 1001: 1 goals left to complete.' : 'errors: []',
    'total_cost($): 0.0',
    '---',
    'conversation time: 0.1',
    'assistant response time:',
    '- 0.01',
    '---',
    'interaction:',
    `- User: Hi! I would like a ${size} ${pizza} pizza and ${cans} cans of ${drink}, please.`,
    `- Assistant: 'Your order: a ${size} ${pizza} pizza and ${cans} cans of ${drink}. The total is $${price}. Shall I place the order?'`,
    '- User: Yes, please. How long will it take?',
    `- Assistant: Your order is placed! Your order id is ORD-${String(i).padStart(5, '0')}. It will arrive in about 30 minutes.`,
    '- User: Great, thanks. Bye!',
    '- Assistant: Thank you for choosing Simsim Pizza. Enjoy your meal, goodbye!',
    '',
  ].join('\n');
}

const RULES = [
  ['price_known', 'oracle: extract_float(price) > 0'],
  ['in_dollars', "oracle: currency(price) == 'USD'"],
  ['small_is_cheap', "when: size == 'small'\noracle: extract_float(price) < 14"],
  ['large_is_dear', "when: size == 'large'\nif: cans > 1\noracle: extract_float(price) > 14"],
  ['no_repeats_exact', "oracle: not repeated_answers(method='exact', threshold=1)"],
  ['no_repeats_sequence', "oracle: not repeated_answers(method='sequence-matcher', threshold=0.9)"],
  ['no_repeats_tfidf', "oracle: not repeated_answers(method='tf-idf', threshold=0.8)"],
  ['no_repeats_jaccard', "oracle: not repeated_answers(method='jaccard', threshold=0.8)"],
  ['short_answers', "oracle: length(chatbot_phrases, kind='max') < 300"],
  ['three_turns', "oracle: conversation_length('user') == 3 and conversation_length() == 6"],
  ['says_order_id', "oracle: chatbot_returns('order id')"],
  ['order_id_format', "oracle: chatbot_says(r'ORD-\\d{5}')"],
  ['all_collected', 'oracle: data_collected()'],
  ['no_missing', 'oracle: not missing_slots()'],
  ['drink_named', 'oracle: any(drink in phrase for phrase in chatbot_phrases)'],
  ['pizza_named', 'oracle: pizza in chatbot_phrases[0].lower()'],
  ['cans_range', 'oracle: 1 <= cans <= 3'],
  ['steps', 'oracle: steps == 6 and conversation_number == 10000'],
  [
    'f_string_price',
    "oracle: f'{size} {pizza}' in chatbot_phrases[0]\nyields: f'missing {size} {pizza} in {chatbot_phrases[0]!r}'",
  ],
  ['unique_ids', "conversations: all\noracle: is_unique('order_id')"],
];

const PAIRWISE = [
  'name: bigger_costs_more',
  'description: a bigger pizza costs more',
  'conversations: 2',
  'when: conv[0].pizza == conv[1].pizza and conv[0].cans == conv[1].cans',
  `if: "{'small': 1, 'medium': 2, 'large': 3}[conv[0].size] > {'small': 1, 'medium': 2, 'large': 3}[conv[1].size]"`,
  'then: extract_float(conv[0].price) > extract_float(conv[1].price)',
  '',
].join('\n');

function fixture(conversations, rules) {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-bench-check-'));
  const convDir = join(dir, 'conversations', 'bench', '2026-01-01-00-00-00');
  mkdirSync(convDir, { recursive: true });
  for (let i = 0; i < conversations; i++)
    writeFileSync(join(convDir, `${i}_bench_2026-01-01-00-00-00.yml`), conversation(i));
  mkdirSync(join(dir, 'rules'));
  for (const [name, text] of rules)
    writeFileSync(
      join(dir, 'rules', `${name}.yaml`),
      text.startsWith('name:') ? text : `name: ${name}\ndescription: ${name}\n${text}\n`,
    );
  return dir;
}

async function child(kind, dir) {
  const dist = new URL('../dist/', import.meta.url);
  const { readCheckInputs, runChecks } = await import(new URL('check/check-files.js', dist).href);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const inputs = await readCheckInputs(join(dir, 'rules'), join(dir, 'conversations'), dir);
  const loaded = performance.now();
  const result = await runChecks({ inputs });
  const done = performance.now();
  const checks = result.rows.reduce((n, r) => n + r.counts.checks, 0);
  const rss = process.resourceUsage().maxRSS / 1024;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      kind,
      conversations: result.conversations,
      rules: inputs.rules.length,
      checks,
      readMs: loaded - started,
      checkMs: done - loaded,
      totalMs: done - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakMb: rss,
    }),
  );
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else if (process.argv[2] === '--fixture') {
  process.stdout.write(
    fixture(Number(process.argv[3]), process.argv[4] === 'pairwise' ? [['pairwise', PAIRWISE]] : RULES),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  const cases = [
    ['10,000 conversations x 20 deterministic rules', fixture(10_000, RULES)],
    ['pairwise rule over 300 conversations (89,700 pairs)', fixture(300, [['pairwise', PAIRWISE]])],
  ];
  let failed = false;
  for (const [label, dir] of cases) {
    const run = spawnSync(process.execPath, [self, '--child', label, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
    rmSync(dir, { recursive: true, force: true });
    if (run.status !== 0) {
      console.log(`${label}: failed\n${run.stderr}`);
      failed = true;
      continue;
    }
    const r = JSON.parse(run.stdout);
    const ok = r.totalMs < 10_000 && r.peakMb < 300;
    failed ||= !ok;
    console.log(
      `${label}: ${r.checks} checks in ${(r.totalMs / 1000).toFixed(2)} s wall, ${(r.cpuMs / 1000).toFixed(2)} s CPU (read ${(r.readMs / 1000).toFixed(2)} s, check ${(r.checkMs / 1000).toFixed(2)} s), peak RSS ${r.peakMb.toFixed(0)} MB ${ok ? '(target < 10 s, < 300 MB: ok)' : '(target < 10 s, < 300 MB: MISSED)'}`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}
