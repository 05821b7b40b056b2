/**
 * A small rule-based pizza shop for offline-user tests: it understands sizes, pizzas, drinks and
 * counts by keyword, asks for what is missing, quotes prices and gives an order id.
 */
export const FALLBACK = 'Sorry, I did not understand that. Can you say it again?';

const SIZES: Record<string, number> = { small: 8, medium: 10, large: 12 };
const PIZZAS = ['margarita', 'carbonara', 'hawaiian', 'four cheese'];
const DRINKS = ['sprite', 'coke', 'water'];
const DRINK_PRICE = 2;

export class RuleBasedPizzaBot {
  size: string | undefined;
  pizza: string | undefined;
  drink: string | undefined;
  cans: number | undefined;
  drinksDeclined = false;
  orderId: string | undefined;
  /** Every reply, for assertions. */
  readonly replies: string[] = [];

  greeting(): string {
    return this.#say('Hello! Welcome to Pizza Town. What would you like to order?');
  }

  reply(message: string): string {
    const text = message.toLowerCase();
    let understood = false;
    const notes: string[] = [];
    for (const size of Object.keys(SIZES))
      if (new RegExp(`\\b${size}\\b`).test(text)) {
        this.size = size;
        understood = true;
      }
    for (const pizza of PIZZAS)
      if (text.includes(pizza)) {
        this.pizza = pizza;
        understood = true;
      }
    for (const drink of DRINKS)
      if (text.includes(drink)) {
        this.drink = drink;
        understood = true;
      }
    const count =
      /\b(\d+)\s*(?:cans?|bottles?|drinks?)\b/.exec(text) ?? (this.drink && !this.cans ? /\b(\d+)\b/.exec(text) : null);
    if (count?.[1]) {
      this.cans = Number(count[1]);
      understood = true;
    }
    if (/how long|how much time/.test(text)) {
      notes.push('Your order will be ready in 25 minutes.');
      understood = true;
    }
    if (/how much|cost|price/.test(text)) {
      notes.push(
        this.#complete()
          ? `The total is $${this.#total().toFixed(2)}.`
          : 'A small pizza is $8.00, medium $10.00 and large $12.00; drinks are $2.00 each.',
      );
      understood = true;
    }
    if (/\b(bye|goodbye|that's all|that's everything)\b/.test(text)) return this.#say('Thank you for your order. Bye!');
    if (/\b(no drinks?|no thanks)\b/.test(text)) {
      this.drinksDeclined = true;
      understood = true;
    }
    if (/\b(yes|sure|please|fine|ok)\b/.test(text)) understood = true;
    if (!understood) return this.#say(FALLBACK);
    return this.#say([...notes, this.#nextQuestion()].join(' '));
  }

  #complete(): boolean {
    return (
      this.size !== undefined &&
      this.pizza !== undefined &&
      ((this.drink !== undefined && this.cans !== undefined) || this.drinksDeclined)
    );
  }

  #total(): number {
    return (SIZES[this.size ?? 'small'] ?? 0) + (this.cans ?? 0) * DRINK_PRICE;
  }

  #nextQuestion(): string {
    if (this.pizza === undefined) return `Which pizza would you like? We have ${PIZZAS.join(', ')}.`;
    if (this.size === undefined) return 'What size would you like: small, medium or large?';
    if (this.drink === undefined && !this.drinksDeclined)
      return `Would you like a drink? We have ${DRINKS.join(', ')}.`;
    if (this.drink !== undefined && this.cans === undefined) return 'How many cans would you like?';
    this.orderId ??= 'ORD-4217';
    return `Your ${this.size} ${this.pizza} pizza${this.cans ? ` and ${this.cans} cans of ${this.drink}` : ''} are confirmed. Your order id is ${this.orderId} and the total is $${this.#total().toFixed(2)}. Anything else?`;
  }

  #say(text: string): string {
    this.replies.push(text);
    return text;
  }
}
