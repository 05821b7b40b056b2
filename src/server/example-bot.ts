import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../base/errors.ts';
import { PACKAGE_ROOT } from '../base/package-paths.ts';
import type { parsePrice, RunningPizzaBot, startPizzaBot } from '../../examples/pizza-bot/server.mjs';

interface PizzaBotModule {
  readonly startPizzaBot: typeof startPizzaBot;
  readonly parsePrice: typeof parsePrice;
}

/** The bundled example chatbot, shipped with the package (examples/pizza-bot). */
const SERVER = join(PACKAGE_ROOT, 'examples', 'pizza-bot', 'server.mjs');

/**
 * Starts the example pizza bot; port 0 picks a free port. A taken port is a usage error.
 * `prices`: `NAME=USD` texts that change a pizza's medium price (a new release of the shop).
 */
export async function startExampleBot(options: {
  port: number;
  host: string;
  prices?: readonly string[] | undefined;
}): Promise<RunningPizzaBot> {
  const bot = (await import(pathToFileURL(SERVER).href)) as PizzaBotModule;
  let prices: Record<string, number> = {};
  for (const text of options.prices ?? []) {
    try {
      prices = { ...prices, ...bot.parsePrice(text) };
    } catch (error) {
      throw new UsageError((error as Error).message, { hint: 'Write --price pepperoni=12.50 (a pizza of the menu).' });
    }
  }
  try {
    return await bot.startPizzaBot({ port: options.port, host: options.host, prices });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new UsageError(
        `the example chatbot cannot listen on ${options.host}:${options.port}: the port is already in use`,
        {
          hint: 'Pass another port with --port, or --port 0 for a free one.',
        },
      );
    }
    throw new UsageError(
      `the example chatbot cannot listen on ${options.host}:${options.port}: ${code ?? (error as Error).message}`,
      {
        hint: 'Check --host (an address of this machine, such as 127.0.0.1) and --port (0 to 65535).',
      },
    );
  }
}
