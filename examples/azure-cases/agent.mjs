// TrailBot, a small outdoor-shop assistant written as a function target: simsim calls
// reply(messages, context) in its own process for every user message, with the whole
// conversation so far. No server, no LLM: the answers are fixed, so runs are reproducible.

const PRODUCTS = {
  backpack: { name: 'StormPack 40 backpack', price: 129, about: 'is waterproof, holds 40 litres and weighs 1.2 kg' },
  tent: { name: 'TrailDome 2 tent', price: 249, about: 'sleeps two and weighs 1.8 kg' },
  boots: { name: 'Ridge GTX boots', price: 179, about: 'are waterproof and good for rocky trails' },
};
const OFFER = 'to your cart?';

const has = (text, ...words) => words.some((word) => new RegExp(`\\b${word}`, 'i').test(text));

/** The product the conversation is about: the last one the user named. */
function productOf(messages) {
  for (const message of [...messages].reverse()) {
    if (message.role !== 'user') continue;
    const key = Object.keys(PRODUCTS).find((k) => has(message.content, k));
    if (key) return PRODUCTS[key];
  }
  return undefined;
}

export function reply(messages, context) {
  const last = messages.at(-1)?.content ?? '';
  const product = productOf(messages);
  if (has(last, 'bye', 'goodbye', 'thanks', 'thank')) return 'Goodbye, and enjoy your trip!';
  if (has(last, 'return', 'refund')) return 'Returns are accepted within 30 days with the receipt.';
  const offered = messages.at(-2)?.content.endsWith(OFFER) ?? false;
  if (product && offered && has(last, 'yes', 'sure', 'please')) {
    const number = 1000 + (context.turn ?? 0) + messages.length;
    return `Done! Your order number is TB-${number} for the ${product.name}. Happy hiking, see you on the trail!`;
  }
  if (product)
    return `The ${product.name} ${product.about}. It costs $${product.price}. Shall I add the ${product.name} ${OFFER}`;
  return 'I am TrailBot. I can help with backpacks, tents, boots and returns. What are you looking for?';
}
