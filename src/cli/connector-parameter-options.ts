import { Option, type Command } from 'commander';
import { connectorParametersArg } from './value-parsers.ts';

/** `--connector-parameters` (`-cp` after argv normalisation) and its hidden older spelling `--connector-params`. */
export function addConnectorParameterOptions(command: Command): Command {
  return command
    .option(
      '--connector-parameters <params>',
      'connector parameters: JSON or k=v,k2=v2 (also -cp)',
      connectorParametersArg,
    )
    .addOption(
      new Option('--connector-params <params>', 'same as --connector-parameters')
        .hideHelp()
        .argParser(connectorParametersArg),
    );
}
