import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Audio } from './engines.ts';
import { extensionOf } from './engines.ts';
import { runTool } from './run-tool.ts';
import { SpeechEngineMissingError, SpeechFailedError } from './speech-errors.ts';

const TOOL_TIMEOUT_MS = 60_000;

/** The Debian packages that teach sox a format it does not read out of the box. */
const FORMAT_PACKAGES: Readonly<Record<string, readonly string[]>> = { mp3: ['libsox-fmt-mp3'] };

let known: Promise<ReadonlySet<string>> | undefined;

/** The file formats this machine's sox reads and writes (its `-h` lists them); asked once. */
export function soxFormats(): Promise<ReadonlySet<string>> {
  known ??= runTool('sox', ['-h'], { timeoutMs: TOOL_TIMEOUT_MS }).then((run) => {
    const line = /^AUDIO FILE FORMATS:(.*)$/m.exec(run.stdout.toString('utf8'))?.[1] ?? '';
    return new Set(line.trim().split(/\s+/));
  });
  return known;
}

/** Fails before any audio is converted when sox cannot handle `format`: naming the package that adds it, when there is one. */
export async function requireSoxFormat(format: string, purpose: string): Promise<void> {
  if ((await soxFormats()).has(format)) return;
  const packages = FORMAT_PACKAGES[format];
  if (packages !== undefined)
    throw new SpeechEngineMissingError(`sox's ${format.toUpperCase()} support (${purpose})`, packages);
  throw new SpeechFailedError(
    `sox cannot read or write ${format} audio (${purpose}); use OpenAI speech instead (stt: {engine: openai} in the speech configuration)`,
  );
}

/** What sox makes: `wav` as it is, `mp3`, or `speech-wav`, the 16 kHz mono 16-bit WAV speech recognisers take. */
export type SoxTarget = 'wav' | 'mp3' | 'speech-wav';

/** Converts audio with sox (through files: sox reads MP3 from a pipe unreliably), bounded in time. */
export async function convertAudio(audio: Audio, target: SoxTarget, signal?: AbortSignal): Promise<Audio> {
  const from = extensionOf(audio.mediaType);
  const to = target === 'mp3' ? 'mp3' : 'wav';
  await requireSoxFormat(from, "to read the chatbot's audio");
  if (to !== 'wav') await requireSoxFormat(to, 'to send the audio format the connector asks for');
  const work = await mkdtemp(join(tmpdir(), 'simsim-sox-'));
  try {
    const input = join(work, `in.${from}`);
    const output = join(work, `out.${to}`);
    await writeFile(input, audio.data);
    // 64 kbit/s: sox's default MP3 bitrate (32) loses enough of a voice to double a recogniser's errors.
    const shape =
      target === 'speech-wav' ? ['-r', '16000', '-c', '1', '-b', '16'] : target === 'mp3' ? ['-C', '64'] : [];
    await runTool('sox', ['-t', from, input, ...shape, '-t', to, output], { timeoutMs: TOOL_TIMEOUT_MS, signal });
    return { data: new Uint8Array(await readFile(output)), mediaType: to === 'mp3' ? 'audio/mpeg' : 'audio/wav' };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
