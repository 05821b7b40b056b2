// The conversation logic of the example pizza shop: rule-based, deterministic, no LLM.
// Each session remembers one order: a pizza (predefined, or custom with toppings), its size and drinks.

export const SHOP_NAME = 'Simsim Pizza';
export const FALLBACK = "I'm sorry, I did not understand. Can you say that again?";
export const OPENING_HOURS = 'We are open every day from 1pm to 11:30pm.';
export const DELIVERY_MINUTES = 30;
export const GREETING = `Welcome to ${SHOP_NAME}! I can take your order for pizzas and drinks, and tell you our opening hours. What can I do for you?`;

/** Medium prices; small is 2.00 less and large 3.00 more. */
export const PIZZAS = { margherita: 10, pepperoni: 11.5, vegetarian: 11, hawaiian: 12, 'four cheese': 12.5 };
export const CUSTOM_BASE = 9;
export const TOPPING_PRICE = 1;
export const SIZES = { small: -2, medium: 0, large: 3 };
export const TOPPINGS = [
  'cheese',
  'mushrooms',
  'pepper',
  'ham',
  'bacon',
  'pepperoni',
  'olives',
  'corn',
  'chicken',
  'onion',
  'pineapple',
  'tomato',
];
export const DRINKS = { cola: 2, lemonade: 2.5, water: 1.5, sprite: 2, beer: 3 };

const SIZE_WORDS = {
  small: 'small',
  little: 'small',
  medium: 'medium',
  regular: 'medium',
  normal: 'medium',
  large: 'large',
  big: 'large',
  huge: 'large',
  family: 'large',
};
const PIZZA_WORDS = {
  margherita: 'margherita',
  margarita: 'margherita',
  pepperoni: 'pepperoni',
  vegetarian: 'vegetarian',
  veggie: 'vegetarian',
  hawaiian: 'hawaiian',
  hawaii: 'hawaiian',
  'four cheese': 'four cheese',
  'four cheeses': 'four cheese',
  '4 cheese': 'four cheese',
  quattro: 'four cheese',
};
const TOPPING_WORDS = {
  cheese: 'cheese',
  mushroom: 'mushrooms',
  mushrooms: 'mushrooms',
  pepper: 'pepper',
  peppers: 'pepper',
  ham: 'ham',
  bacon: 'bacon',
  pepperoni: 'pepperoni',
  olive: 'olives',
  olives: 'olives',
  corn: 'corn',
  chicken: 'chicken',
  onion: 'onion',
  onions: 'onion',
  pineapple: 'pineapple',
  tomato: 'tomato',
  tomatoes: 'tomato',
};
const DRINK_WORDS = {
  cola: 'cola',
  colas: 'cola',
  coke: 'cola',
  cokes: 'cola',
  lemonade: 'lemonade',
  lemonades: 'lemonade',
  water: 'water',
  waters: 'water',
  sprite: 'sprite',
  sprites: 'sprite',
  beer: 'beer',
  beers: 'beer',
};
const NUMBER_WORDS = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  couple: 2,
};

const money = (n) => `$${n.toFixed(2)}`;
const list = (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const has = (text, pattern) => pattern.test(text);

/**
 * A new conversation. `prices` overrides medium prices of the menu (e.g. `{ pepperoni: 12 }`), for
 * a shop that changed its prices: every answer that quotes a price uses the session's menu.
 */
export function newSession(prices = {}) {
  return {
    menu: { ...PIZZAS, ...prices },
    kind: undefined,
    size: undefined,
    toppings: [],
    drinks: [],
    drinksAsked: false,
    drinksAnswered: false,
    stage: 'idle',
    orderId: undefined,
    log: [],
  };
}

const menuOf = (session) => session.menu ?? PIZZAS;

export function pizzaPrice(order) {
  if (!order.kind || !order.size) return undefined;
  const base =
    order.kind === 'custom' ? CUSTOM_BASE + TOPPING_PRICE * order.toppings.length : menuOf(order)[order.kind];
  return base + SIZES[order.size];
}

export function orderTotal(order) {
  const pizza = pizzaPrice(order) ?? 0;
  return pizza + order.drinks.reduce((sum, d) => sum + DRINKS[d.name] * d.count, 0);
}

function describePizza(order) {
  const kind = order.kind === 'custom' ? `custom pizza with ${list(order.toppings)}` : `${order.kind} pizza`;
  return `a ${order.size ? `${order.size} ` : ''}${kind}`;
}

const DRINK_UNITS = { cola: 'can', lemonade: 'can', sprite: 'can', water: 'bottle', beer: 'bottle' };

function describeDrinks(order) {
  return list(order.drinks.map((d) => `${d.count} ${DRINK_UNITS[d.name]}${d.count > 1 ? 's' : ''} of ${d.name}`));
}

function words(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function findAll(text, table) {
  const found = [];
  const padded = ` ${words(text).join(' ')} `;
  for (const [word, value] of Object.entries(table).sort((a, b) => b[0].length - a[0].length)) {
    const at = padded.indexOf(` ${word} `);
    if (at !== -1 && !found.some((f) => f.value === value)) found.push({ value, at });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.value);
}

function findDrinks(text) {
  const tokens = words(text);
  const drinks = [];
  tokens.forEach((token, i) => {
    const name = DRINK_WORDS[token];
    if (!name || drinks.some((d) => d.name === name)) return;
    let count = 1;
    for (const back of [tokens[i - 1], tokens[i - 2], tokens[i - 3]]) {
      if (back === undefined) continue;
      const n = /^\d+$/.test(back) ? Number(back) : NUMBER_WORDS[back];
      if (n !== undefined) {
        count = n;
        break;
      }
    }
    drinks.push({ name, count: Math.max(1, Math.min(count, 20)) });
  });
  return drinks;
}

/** FNV-1a over the conversation, so the same dialogue always gets the same order id. */
function orderIdFor(log) {
  let hash = 0x811c9dc5;
  for (const ch of log.join('\n')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `ORD-${1000 + (hash % 9000)}`;
}

function nextQuestion(order) {
  if (!order.kind)
    return `Which pizza would you like? We have ${list(Object.keys(menuOf(order)))}, or a custom pizza with the toppings you choose.`;
  if (order.kind === 'custom' && order.toppings.length === 0)
    return `Which toppings would you like on your custom pizza? We have ${list(TOPPINGS)}.`;
  if (!order.size) return 'What size would you like: small, medium or large?';
  if (order.drinks.length === 0 && !order.drinksAnswered) {
    order.drinksAsked = true;
    return `Would you like something to drink? We have ${list(Object.keys(DRINKS))}.`;
  }
  order.stage = 'confirm';
  const drinks = order.drinks.length > 0 ? ` and ${describeDrinks(order)}` : '';
  return `Your order: ${describePizza(order)} (${money(pizzaPrice(order))})${drinks}. The total is ${money(orderTotal(order))}. Shall I place the order?`;
}

/** Updates the session with one user message and returns the shop's answer. */
export function reply(session, message) {
  const text = String(message ?? '');
  session.log.push(text);
  const lower = ` ${words(text).join(' ')} `;
  const parts = [];
  let understood = false;

  const sizes = findAll(text, SIZE_WORDS);
  const pizzas = findAll(text, PIZZA_WORDS);
  const toppings = findAll(text, TOPPING_WORDS);
  const drinks = findDrinks(text);
  const wantsCustom = has(lower, / (custom|own|build|make my|choose the toppings|with toppings) /);
  const yes = has(
    lower,
    / (yes|yeah|yep|sure|ok|okay|correct|confirm|confirmed|go ahead|please do|sounds good|perfect|right|place it|place the order) /,
  );
  const no = has(lower, / (no|nope|nothing|not|don't|dont|without) /);
  const asksHours = has(lower, / (open|opening|hours|close|closing|closed) /);
  const asksDelivery = has(
    lower,
    / (how long|delivery|deliver|delivered|arrive|arrival|waiting time|minutes|ready|when will) /,
  );
  const asksPrice = has(lower, / (how much|price|prices|cost|costs|total|pay) /);
  const asksMenu = has(
    lower,
    / (menu|what pizzas|which pizzas|what do you have|options|toppings do you|drinks do you) /,
  );
  const asksOrderId = has(lower, / (order number|order id|order code|reference|tracking) /);
  const greets = has(lower, / (hi|hello|hey|good morning|good evening|good afternoon|greetings) /);
  const thanks = has(lower, / (thanks|thank you|bye|goodbye|see you) /);
  const ordering = has(lower, / (order|pizza|pizzas|want|like|get|have|buy|hungry) /);

  if (session.stage === 'placed') {
    if (pizzas.length || sizes.length || toppings.length || drinks.length) {
      parts.push(`Your order ${session.orderId} is already placed and on its way.`);
      understood = true;
    }
  } else {
    const before = JSON.stringify([session.kind, session.size, session.toppings, session.drinks]);
    const customNow = wantsCustom || session.kind === 'custom' || (pizzas.length === 0 && toppings.length > 0);
    if (customNow && (wantsCustom || toppings.length > 0)) {
      session.kind = 'custom';
      if (toppings.length > 0) session.toppings = toppings;
    } else if (pizzas.length > 0) {
      session.kind = pizzas.at(-1);
      session.toppings = [];
    }
    if (sizes.length > 0) session.size = sizes.at(-1);
    if (drinks.length > 0) {
      session.drinks = drinks;
      session.drinksAnswered = true;
    }
    const changed = before !== JSON.stringify([session.kind, session.size, session.toppings, session.drinks]);
    if (changed) {
      understood = true;
      session.stage = 'ordering';
      if (
        session.kind &&
        session.size &&
        !(session.kind === 'custom' && session.toppings.length === 0) &&
        !session.drinksAnswered
      ) {
        parts.push(`Great, ${describePizza(session)}.`);
      }
    }

    if (!changed && session.stage === 'confirm' && yes && !no) {
      session.stage = 'placed';
      session.orderId = orderIdFor(session.log);
      parts.push(
        `Your order is placed! Your order id is ${session.orderId}. The total is ${money(orderTotal(session))}, to pay on delivery. It will arrive in about ${DELIVERY_MINUTES} minutes.`,
      );
      understood = true;
    } else if (!changed && session.stage === 'confirm' && no) {
      session.stage = 'ordering';
      parts.push('No problem. What would you like to change? You can pick another pizza, size, toppings or drinks.');
      understood = true;
    } else if (!changed && session.stage === 'ordering' && session.drinksAsked && session.drinks.length === 0 && no) {
      session.drinksAnswered = true;
      understood = true;
    } else if (
      !changed &&
      session.stage === 'idle' &&
      ordering &&
      !asksHours &&
      !asksDelivery &&
      !asksPrice &&
      !asksMenu
    ) {
      session.stage = 'ordering';
      understood = true;
    }
  }

  if (asksHours) {
    parts.push(OPENING_HOURS);
    understood = true;
  }
  if (asksDelivery) {
    parts.push(
      session.stage === 'placed'
        ? `Your order ${session.orderId} will arrive in about ${DELIVERY_MINUTES} minutes.`
        : `Delivery takes about ${DELIVERY_MINUTES} minutes.`,
    );
    understood = true;
  }
  if (asksPrice) {
    const price = pizzaPrice(session);
    if (session.stage === 'placed') parts.push(`Your order ${session.orderId} costs ${money(orderTotal(session))}.`);
    else if (price !== undefined)
      parts.push(
        `${describePizza(session)[0].toUpperCase()}${describePizza(session).slice(1)} costs ${money(price)}; your order comes to ${money(orderTotal(session))} so far.`,
      );
    else
      parts.push(
        `A medium pizza costs from ${money(Math.min(...Object.values(menuOf(session))))} (margherita) to ${money(Math.max(...Object.values(menuOf(session))))} (four cheese); small is $2.00 less and large $3.00 more. A custom pizza is ${money(CUSTOM_BASE)} plus ${money(TOPPING_PRICE)} per topping. Drinks cost ${money(1.5)} to ${money(3)}.`,
      );
    understood = true;
  }
  if (asksMenu) {
    parts.push(
      `Our pizzas: ${list(Object.entries(menuOf(session)).map(([name, price]) => `${name} (${money(price)})`))}, medium size. Custom pizzas can have ${list(TOPPINGS)}. Drinks: ${list(Object.entries(DRINKS).map(([name, price]) => `${name} (${money(price)})`))}.`,
    );
    understood = true;
  }
  if (asksOrderId) {
    parts.push(
      session.stage === 'placed'
        ? `Your order id is ${session.orderId}.`
        : 'You get an order id as soon as the order is placed.',
    );
    understood = true;
  }
  if (session.stage === 'ordering') parts.push(nextQuestion(session));
  else if (session.stage === 'confirm' && parts.length > 0 && !parts.at(-1).endsWith('Shall I place the order?'))
    parts.push('Shall I place the order?');
  if (parts.length === 0 && greets) {
    parts.push(`Hello! ${GREETING.replace(`Welcome to ${SHOP_NAME}! `, '')}`);
    understood = true;
  }
  if (parts.length === 0 && thanks) {
    parts.push(`Thank you for choosing ${SHOP_NAME}. Enjoy your meal, goodbye!`);
    understood = true;
  }
  if (!understood || parts.length === 0) return FALLBACK;
  return parts.join(' ');
}
