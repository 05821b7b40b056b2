import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import type { CliContext } from '../context.ts';

interface ReportFlags {
  output?: string;
  open?: boolean;
}

export function registerReport(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('report')
    .description('Write the HTML report of a run (one file that opens offline) from its output folder')
    .argument('<run-dir>', 'the output folder of a run (its --output, default output)')
    .option('-o, --output <file>', 'where to write it (default <run-dir>/report.html)')
    .option('--open', "open it in the browser ($BROWSER, else the system's default)")
    .addHelpText('after', '\nExit codes: 0 written, 2 not a run folder or the file cannot be written.')
    .action(async (runDir: string, flags: ReportFlags) => {
      const { writeRunReportHtml } = await import('../../report/write-report-html.ts');
      const dir = resolve(ctx.cwd, runDir);
      const path = await writeRunReportHtml(dir, {
        output: flags.output === undefined ? undefined : resolve(ctx.cwd, flags.output),
      });
      const shown = relative(ctx.cwd, path);
      ctx.stdout.write(`report written to ${shown === '' || shown.startsWith('..') ? path : shown}\n`);
      if (flags.open) {
        const { openInBrowser } = await import('../../report/open-in-browser.ts');
        const problem = await openInBrowser(path, ctx.env);
        if (problem !== undefined) ctx.stderr.write(`${problem}; open ${path} in a browser yourself\n`);
      }
      setExit(ExitCode.Ok);
    });
}
