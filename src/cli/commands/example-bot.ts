import { InvalidArgumentError, type Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import type { CliContext } from '../context.ts';

interface ExampleBotFlags {
  port: number;
  host: string;
  price?: string[];
}

function portArg(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('--port must be a whole number from 0 to 65535 (0: a free port)');
  return port;
}

export function registerExampleBot(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('example-bot')
    .description("Run the bundled example chatbot (a pizza shop with Taskyto's HTTP API) until Ctrl-C")
    .option('--port <n>', 'port to listen on (0: a free one, printed)', portArg, 5050)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option(
      '--price <name=usd>',
      "change a pizza's medium price, e.g. pepperoni=12.50 (repeatable): a new release to replay or diff against",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action(async (flags: ExampleBotFlags) => {
      const { startExampleBot } = await import('../../server/example-bot.ts');
      const bot = await startExampleBot({ port: flags.port, host: flags.host, prices: flags.price });
      ctx.stdout.write(`example chatbot (Taskyto API) listening on ${bot.url}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await bot.close();
      setExit(ExitCode.Ok);
    });
}
