import { createInterface } from 'node:readline/promises';
import { Option, type Command } from 'commander';
import type { ChatSession, Reply } from '../../connector/types.ts';
import { ExitCode } from '../exit-codes.ts';
import { didYouMean } from '../../base/diagnostics/did-you-mean.ts';
import { terminalSafe } from '../../reporters/terminal-text.ts';
import type { CliContext } from '../context.ts';
import { addConnectorParameterOptions } from '../connector-parameter-options.ts';
import { loadForCommand, projectDirOf, type ProjectOptionFlags } from '../project-options.ts';
import { warningLine } from '../../reporters/format.ts';

interface ChatFlags extends ProjectOptionFlags {
  connector?: string;
  technology?: string;
  connectorParameters?: string;
  connectorParams?: string;
  message?: string[];
  raw?: boolean;
  server?: boolean;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** chat's own commands: handled here, never sent to the chatbot. */
const COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['/new', 'start a new conversation'],
  ['/help', 'list these commands'],
  ['/quit', 'end the chat (also /exit, or Ctrl-D)'],
];

const HELP = `${COMMANDS.map(([name, what]) => `  ${name.padEnd(6)} ${what}`).join('\n')}\nAnything else is sent to the chatbot; to send a message that starts with /, type // (//start sends /start).\n`;

export function registerChat(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  addConnectorParameterOptions(
    program
      .command('chat')
      .description('Talk to the chatbot through a connector, to debug it (interactive, or --message for scripts)')
      .option('--connector <file>', 'a connector YAML file')
      .option('-t, --technology <name>', 'a built-in technology (see "simsim connectors"); default taskyto'),
  )
    .option(
      '--project <dir>',
      'project folder: its run.yml (connector, technology, parameters, server) and connectors/ are used',
    )
    .addOption(new Option('--project-path <dir>', 'same as --project').hideHelp())
    .option('-m, --message <text...>', 'send these messages in one conversation, print the replies and exit')
    .option('--raw', 'also print each raw response body')
    .option('--no-server', "do not start run.yml's server: even if it has one")
    .addHelpText(
      'after',
      `\nInteractive commands:\n${HELP}\nExit codes: 0 every reply arrived, 1 a reply was an error, 2 the connector cannot be built.`,
    )
    .action(async (flags: ChatFlags) => {
      const { openChatbot } = await import('../../app/open-chatbot.ts');
      const { describeCommand } = await import('../../server/server-config.ts');
      const project = await loadForCommand(
        projectDirOf(flags, ctx),
        {
          technology: flags.technology,
          connector: flags.connector,
          connectorParameters: flags.connectorParameters ?? flags.connectorParams,
          server: flags.server,
        },
        ctx,
      );
      const chatbot = await openChatbot(project, {
        onServerStart: (server) =>
          ctx.stderr.write(`starting the chatbot server: ${describeCommand(server.command)}\n`),
      });
      const { connector } = chatbot;
      for (const warning of chatbot.warnings) ctx.stderr.write(`${warningLine(warning)}\n`);
      const stopServer = () => chatbot.stop();

      let failed = false;
      const show = (reply: Reply | undefined, label: string) => {
        if (reply === undefined) return;
        // The chatbot's text is shown escaped: it must not be able to drive the terminal.
        if (reply.ok) {
          ctx.stdout.write(`${terminalSafe(reply.text)}\n`);
        } else {
          failed = true;
          ctx.stderr.write(
            `error ${reply.error.code}${reply.error.status === undefined ? '' : ` (HTTP ${reply.error.status})`}: ${terminalSafe(reply.error.message)}\n`,
          );
        }
        if (flags.raw && reply.raw !== undefined)
          ctx.stdout.write(`--- raw response ---\n${terminalSafe(reply.raw)}\n--- end ---\n`);
        ctx.stderr.write(`(${label} in ${seconds(reply.elapsedMs)})\n`);
      };

      const sigint = () => void stopServer().then(() => process.exit(ExitCode.Interrupted));
      process.once('SIGINT', sigint);
      try {
        let session: ChatSession = await connector.open();
        show(await session.start(), 'greeting');
        if (flags.message !== undefined) {
          for (const message of flags.message) show(await session.send(message), 'reply');
          await session.close();
        } else {
          ctx.stderr.write(
            `chatting with ${connector.name} (${connector.source}); /help lists the commands, /quit ends\n`,
          );
          const rl = createInterface({
            input: process.stdin,
            output: process.stdin.isTTY ? process.stderr : undefined,
            terminal: process.stdin.isTTY,
          });
          rl.on('SIGINT', () => rl.close());
          if (process.stdin.isTTY) rl.setPrompt('you> ');
          rl.prompt();
          for await (const line of rl) {
            const text = line.trim();
            const command = /^\/[^/\s]*$/.test(text) ? text.toLowerCase() : undefined;
            if (command === '/quit' || command === '/exit') break;
            if (command === '/new') {
              await session.close();
              session = await connector.open();
              ctx.stderr.write('(new conversation)\n');
              show(await session.start(), 'greeting');
            } else if (command === '/help') {
              ctx.stderr.write(HELP);
            } else if (command !== undefined) {
              const names = [...COMMANDS.map(([name]) => name), '/exit'];
              ctx.stderr.write(
                `unknown command ${terminalSafe(text)}${didYouMean(text, names)}: nothing was sent. /help lists the commands; //${terminalSafe(text.slice(1))} sends ${terminalSafe(text)} to the chatbot.\n`,
              );
            } else if (text !== '') {
              show(await session.send(text.startsWith('//') ? text.slice(1) : text), 'reply');
            }
            rl.prompt();
          }
          rl.close();
          await session.close();
        }
      } finally {
        process.off('SIGINT', sigint);
        await stopServer();
      }
      setExit(failed ? ExitCode.Findings : ExitCode.Ok);
    });
}
