import { basename, extname, join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { compileFullMatch } from '../base/python-regex.ts';
import { checkRunChatbotSettings } from './check-run-chatbot.ts';
import { checkServerBlock } from './check-server.ts';
import { checkRunCasesAndTarget } from './check-run-cases.ts';
import { BUILTIN_PROVIDERS } from '../llm/registry.ts';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { asRecord, asString } from '../base/access.ts';
import { parseOutputType } from '../model/output-type.ts';
import { structural } from '../schema/structural.ts';
import type { SourceFile } from '../yaml/source-file.ts';
import type { ReadSource } from '../connector/registry.ts';
import { PROJECT_FOLDERS } from '../base/layout.ts';

async function pathKind(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

export async function validateRunFile(file: SourceFile, projectDir: string, read?: ReadSource): Promise<Diagnostic[]> {
  const { sink, value } = structural('run', file);
  if (!value) return sink.items;
  const profile = asString(value['user_profile']);
  if (profile !== undefined && profile.trim() !== '') {
    const kind = await pathKind(resolve(projectDir, PROJECT_FOLDERS.profiles, profile));
    if (kind === undefined) {
      sink.error(
        'run-reference',
        ['user_profile'],
        `user_profile \`${profile}\` is not a file or folder in ${PROJECT_FOLDERS.profiles}/`,
        {
          hint: "Profiles are looked up under the project's profiles/ folder.",
        },
      );
    }
  }
  const connector = asString(value['connector']);
  if (connector !== undefined && connector.trim() !== '') {
    const kind = await pathKind(resolve(projectDir, connector));
    if (kind !== 'file') {
      sink.error(
        'run-reference',
        ['connector'],
        `connector \`${connector}\` ${kind === 'dir' ? 'is a folder, not a file' : 'does not exist'}`,
        {
          hint: 'The path is relative to the project folder.',
        },
      );
    }
  }
  // A target is the chatbot: no connector is loaded, so there is none to check.
  if (value['target'] === undefined || value['target'] === null)
    await checkRunChatbotSettings(value, projectDir, sink, read);
  await checkRunCasesAndTarget(value, projectDir, sink);
  checkServerBlock(value, sink);
  for (const [id, entry] of Object.entries(asRecord(value['providers']) ?? {})) {
    const provider = asRecord(entry);
    if (!provider) continue;
    if (!(id in BUILTIN_PROVIDERS) && !('kind' in provider)) {
      sink.error(
        'schema-missing-key',
        ['providers', id],
        `provider \`${id}\` is not built in, so it needs \`kind: openai\` or \`kind: anthropic\``,
        { key: true },
      );
    }
    const keyEnv = provider['api_key_env'];
    // Never echo the value: a key pasted here by mistake must not reach logs or CI annotations.
    if (typeof keyEnv === 'string' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) {
      sink.error(
        'schema-value',
        ['providers', id, 'api_key_env'],
        'api_key_env must be the name of an environment variable (letters, digits and _), not the key itself',
        {
          hint: "Write e.g. `api_key_env: CORP_LLM_KEY` and put the key in that variable or in the project's .env file.",
        },
      );
    }
  }
  for (const pair of [
    ['connector_params', 'connector_parameters'],
    ['extract', 'output'],
  ] as const) {
    if (pair[0] in value && pair[1] in value) {
      sink.error(
        'schema-value',
        [pair[1]],
        `\`${pair[0]}\` and \`${pair[1]}\` are two names for the same setting; keep one`,
        { key: true },
      );
    }
  }
  return sink.items;
}

export function validateTypeFile(file: SourceFile, absPath: string): Diagnostic[] {
  const { sink, value } = structural('type', file);
  if (!value) return sink.items;
  const name = asString(value['name']);
  const fileStem = basename(absPath, extname(absPath));
  if (name !== undefined && name !== fileStem) {
    sink.warning(
      'type-name-mismatch',
      ['name'],
      `type \`${name}\` is in ${basename(absPath)}; name the file ${name}.yml so it is easy to find`,
    );
  }
  const format = asString(value['format']);
  if (format !== undefined) {
    const compiled = compileFullMatch(format);
    if (!compiled.ok)
      sink.error('type-regex', ['format'], `format is not a valid regular expression: ${compiled.message}`);
  }
  const extraction = value['extraction'];
  const check = (text: string, path: (string | number)[]) => {
    const parsed = parseOutputType(text);
    if (parsed.kind === 'invalid') sink.error('output-type', path, parsed.message);
  };
  if (typeof extraction === 'string') check(extraction, ['extraction']);
  for (const [component, spec] of Object.entries(asRecord(extraction) ?? {})) {
    const type = asString(asRecord(spec)?.['type']);
    if (type !== undefined) check(type, ['extraction', component, 'type']);
  }
  return sink.items;
}

export function validatePersonalityFile(file: SourceFile): Diagnostic[] {
  return structural('personality', file).sink.items;
}

export function joinProject(projectDir: string, folder: keyof typeof PROJECT_FOLDERS): string {
  return join(projectDir, PROJECT_FOLDERS[folder]);
}
