export interface PizzaSession {
  menu: Record<string, number>;
  kind: string | undefined;
  size: string | undefined;
  toppings: string[];
  drinks: Array<{ name: string; count: number }>;
  drinksAsked: boolean;
  drinksAnswered: boolean;
  stage: 'idle' | 'ordering' | 'confirm' | 'placed';
  orderId: string | undefined;
  log: string[];
}
export const SHOP_NAME: string;
export const FALLBACK: string;
export const OPENING_HOURS: string;
export const DELIVERY_MINUTES: number;
export const GREETING: string;
export const PIZZAS: Record<string, number>;
export const SIZES: Record<string, number>;
export const TOPPINGS: string[];
export const DRINKS: Record<string, number>;
export function newSession(prices?: Record<string, number>): PizzaSession;
export function reply(session: PizzaSession, message: string): string;
export function pizzaPrice(order: PizzaSession): number | undefined;
export function orderTotal(order: PizzaSession): number;
