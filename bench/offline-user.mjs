#!/usr/bin/env node
// Offline simulated user benchmark: CPU time per user message (and per goal check) over 2,000
// pizza-ordering conversations against a tiny keyword bot, with every interaction style.
// Needs `npm run build` first (npm run bench does it). Target: under 0.5 ms per message, so the
// offline user stays a small part of the engine's 2 ms-per-turn budget.
import { checkGoals } from '../dist/offline/goal-checker.js';
import { createOfflineUser } from '../dist/offline/offline-user.js';
import { createRng } from '../dist/base/random/rng.js';

const SIZES = ['small', 'medium', 'large'];
const PIZZAS = ['margherita', 'pepperoni', 'hawaiian'];
const DRINKS = ['cola', 'water', 'sprite'];
const STYLES = [
  ['default'],
  ['single questions'],
  ['all questions'],
  ['long phrases'],
  ['make spelling mistakes'],
  ['change your mind'],
];
const TARGET_MS = 0.5;

function bot() {
  const order = {};
  return (text) => {
    const lower = text.toLowerCase();
    for (const size of SIZES) if (lower.includes(size)) order.size = size;
    for (const pizza of PIZZAS) if (lower.includes(pizza)) order.pizza = pizza;
    for (const drink of DRINKS) if (lower.includes(drink)) order.drink = drink;
    const extra = /how long/.test(lower) ? 'It takes 30 minutes. ' : /how much/.test(lower) ? 'That is $12.50. ' : '';
    if (!order.pizza) return `${extra}Which pizza would you like? We have ${PIZZAS.join(', ')}.`;
    if (!order.size) return `${extra}What size would you like: small, medium or large?`;
    if (!order.drink) return `${extra}Would you like a drink? We have cola, water and sprite.`;
    return `${extra}Your ${order.size} ${order.pizza} pizza and ${order.drink} are confirmed. Order id ORD-1234. Anything else?`;
  };
}

const at = new Date(0).toISOString();
let userNs = 0n;
let checkNs = 0n;
let messages = 0;
let checks = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < 2000; i++) {
  const seed = createRng(i);
  const size = seed.choice(SIZES);
  const pizza = seed.choice(PIZZAS);
  const drink = seed.choice(DRINKS);
  const goals = [
    `a ${size} ${pizza} pizza`,
    `2 cans of ${drink}`,
    'how long is going to take the pizza to arrive',
    'how much will it cost',
  ];
  const user = createOfflineUser({
    role: 'a customer',
    context: ['your name is Jon Doe'],
    language: 'English',
    goals,
    values: { size, pizza_type: pizza, cans: 2, drink },
    domains: { size: SIZES, pizza_type: PIZZAS, drink: DRINKS },
    styles: STYLES[i % STYLES.length],
    random: seed.fork('offline-user'),
  });
  const reply = bot();
  const history = [];
  for (let step = 0; step < 10; step++) {
    let t = process.hrtime.bigint();
    const said = await user.next({ history, userTurns: step, notes: [] });
    userNs += process.hrtime.bigint() - t;
    messages++;
    history.push({ role: 'user', text: said.text, at });
    if (said.done) break;
    history.push({ role: 'assistant', text: reply(said.text), at });
    t = process.hrtime.bigint();
    checkGoals(goals, history);
    checkNs += process.hrtime.bigint() - t;
    checks++;
  }
}
const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
const perMessage = Number(userNs) / 1e6 / messages;
const perCheck = Number(checkNs) / 1e6 / checks;
console.log(`offline user: ${messages} messages in 2000 conversations, ${totalMs.toFixed(0)} ms in all`);
console.log(
  `  ${perMessage.toFixed(3)} ms per user message, ${perCheck.toFixed(3)} ms per offline goal check (target < ${TARGET_MS} ms each)`,
);
process.exitCode = perMessage < TARGET_MS && perCheck < TARGET_MS ? 0 : 1;
