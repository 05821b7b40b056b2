import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface PizzaBot {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  readonly sessions: Map<string, unknown>;
}
export interface RunningPizzaBot {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}
export function createPizzaBot(options?: { rich?: boolean; prices?: Record<string, number> }): PizzaBot;
export function startPizzaBot(options?: {
  port?: number;
  host?: string;
  rich?: boolean;
  prices?: Record<string, number>;
}): Promise<RunningPizzaBot>;
export function parsePrice(text: string): Record<string, number>;
