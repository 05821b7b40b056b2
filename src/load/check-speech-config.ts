import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { asRecord, asString, type Rec } from '../base/access.ts';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { structural } from '../schema/structural.ts';
import { speechConfigCandidates } from '../speech/speech-config.ts';
import { FileDiagnostics } from '../yaml/file-diagnostics.ts';
import type { SourceFile } from '../yaml/source-file.ts';

export interface SpeechReference {
  /** What is wrong with the profile's `llm.format.config` itself (a file that is not there). */
  readonly diagnostics: readonly Diagnostic[];
  /** The configuration file it names, when there is one. */
  readonly absPath?: string | undefined;
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * The speech configuration a speech profile names (`llm.format: {type: speech, config: FILE}`),
 * looked for where the run looks for it: the project folder first, then the profile's.
 */
export async function findSpeechConfig(
  profile: Rec | undefined,
  source: SourceFile,
  absPath: string,
  projectDir: string,
): Promise<SpeechReference> {
  const format = asRecord(asRecord(profile?.['llm'])?.['format']);
  const config = asString(format?.['config'])?.trim();
  if (format?.['type'] !== 'speech' || config === undefined || config === '') return { diagnostics: [] };
  const candidates = speechConfigCandidates(config, projectDir, dirname(absPath));
  for (const candidate of candidates) if (await isFile(candidate)) return { diagnostics: [], absPath: candidate };
  const sink = new FileDiagnostics(source);
  sink.error('file-unreadable', ['llm', 'format', 'config'], `the speech configuration \`${config}\` does not exist`, {
    hint: `simsim looked for ${candidates.join(' and ')}. Write it (tts: {model, voice, speed}, stt: {...}), or drop llm.format.config to use the defaults.`,
  });
  return { diagnostics: sink.items };
}

/** A speech configuration file: Sensei's keys and simsim's, with their types (schemas/speech.schema.json). */
export function validateSpeechFile(file: SourceFile): Diagnostic[] {
  return structural('speech', file).sink.items;
}
