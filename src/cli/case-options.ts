import { InvalidArgumentError, Option, type Command } from 'commander';
import { CASE_LIMITS, CASE_STYLES, type CaseStyle } from '../cases/case-types.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../model/run-settings.ts';

/** The test-case flags of run, plan and validate, as commander hands them over. */
export interface CaseOptionFlags {
  cases?: string;
  style?: CaseStyle;
  turns?: number;
}

const turnsArg = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > CASE_LIMITS.turns)
    throw new InvalidArgumentError(`--turns must be a whole number from 1 to ${CASE_LIMITS.turns}`);
  return n;
};

/** `--cases FILE`, `--style`, `--turns`: test cases in the style of another simulator. */
export function addCaseOptions(command: Command, what: string): Command {
  return command
    .option(
      '--cases <file>',
      `${what} test cases (MLflow, Azure, Databricks or Vellum style: .jsonl, .json, .yaml, .csv), one conversation per row`,
    )
    .addOption(
      new Option('--style <style>', "the test cases' style, when the first row does not tell it").choices([
        ...CASE_STYLES,
      ]),
    )
    .option('--turns <n>', 'Vellum-style cases: user messages per conversation (default 3)', turnsArg);
}

export function caseFlagsOf(flags: CaseOptionFlags): {
  cases: string | undefined;
  caseStyle: CaseStyle | undefined;
  turns: number | undefined;
} {
  return { cases: flags.cases, caseStyle: flags.style, turns: flags.turns };
}

/** `--format azure,eval-set,csv` (or repeated): files written besides the Sensei outputs. */
export function formatsArg(value: string, previous: OutputFormat[] = []): OutputFormat[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) throw new InvalidArgumentError(`give one or more of ${OUTPUT_FORMATS.join(', ')}`);
  for (const name of names)
    if (!(OUTPUT_FORMATS as readonly string[]).includes(name))
      throw new InvalidArgumentError(`\`${name}\` is not a format; the formats are ${OUTPUT_FORMATS.join(', ')}`);
  return [...previous, ...(names as OutputFormat[])];
}
