import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import type { RunSettings } from '../../model/run-settings.ts';
import type { ReplaySetup } from '../replay/replay-setup.ts';
import type { RunInfo } from './run-info.ts';

/** A notice of the run about its own record (run.json): shown like the warnings. */
export function recordNotice(file: string, code: 'run-resumed' | 'replay-mismatch', message: string): Diagnostic {
  return { code, severity: 'warning', message, file, line: 1, column: 1 };
}

/** The settings a run records in run.json: no parameter values (they may hold secrets). */
export function settingsRecord(settings: RunSettings): Readonly<Record<string, unknown>> {
  const { llm: _llm, server: _server, chatbot, ...rest } = settings;
  return {
    ...rest,
    technology: chatbot.technology,
    connector: chatbot.connector,
    target: chatbot.target?.spec,
    connectorParameters: chatbot.parameters === undefined ? undefined : '(set)',
  };
}

/** What a replay adds to run.json: the run it replays and how, and each replayed conversation's comparison. */
export function replayRecord(
  replay: ReplaySetup | undefined,
  replays: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
  skipped: number,
): Pick<RunInfo, 'replayOf' | 'replays'> {
  if (replay === undefined) return {};
  return {
    replayOf: {
      dir: replay.source.dir,
      serial: replay.source.serial,
      mode: replay.mode,
      ...(replay.mode === 'fork' ? { threshold: replay.threshold } : {}),
      conversations: replays.size,
      skipped,
    },
    replays,
  };
}
