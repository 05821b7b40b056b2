import { writeFileAtomicFrom } from '../../base/atomic-write.ts';
import { redactText } from '../../base/redaction.ts';
import { runManifestPath } from '../../output/run-layout.ts';
import { PartFile } from './part-file.ts';

const indent = (text: string, by: string) => text.replace(/^/gm, by);

/** What is known of a conversation only after it was written, merged into its entry when run.json is written. */
export interface LaterFacts {
  /** The results of the rules checked at the end of the run, by the conversation's first file. */
  readonly rulesOf?: ReadonlyMap<string, unknown> | undefined;
  /** A replay's comparison, by the conversation's id. */
  readonly replays?: ReadonlyMap<string, Readonly<Record<string, unknown>>> | undefined;
}

/**
 * run.json's `conversations` as conversations end: each entry goes to a hidden temporary file at
 * once, with its byte range in a second one, so `write` copies them into run.json between the
 * run-wide text before and after, and rewrites only the entries that later facts change.
 */
export class ManifestPart {
  readonly #entries: PartFile;
  /** A line `start end` per conversation: its entry's byte offsets in the entries part (its id and files are in the entry). */
  readonly #offsets: PartFile;
  readonly #secrets: readonly string[];
  #count = 0;
  /** True when an entry's text could not be told apart from the separator before it: report.html reads run.json back. */
  #shifted = false;

  private constructor(entries: PartFile, offsets: PartFile, secrets: readonly string[]) {
    this.#entries = entries;
    this.#offsets = offsets;
    this.#secrets = secrets;
  }

  static async open(runDir: string, secrets: readonly string[]): Promise<ManifestPart> {
    const [entries, offsets] = await Promise.all([
      PartFile.open(runManifestPath(runDir)),
      PartFile.open(runManifestPath(runDir)),
    ]);
    return new ManifestPart(entries, offsets, secrets);
  }

  get parts(): readonly PartFile[] {
    return [this.#entries, this.#offsets];
  }

  get shifted(): boolean {
    return this.#shifted;
  }

  /** Appends a conversation's entry; returns its text as written (redacted). */
  add(entry: unknown): string {
    const text = indent(JSON.stringify(entry, null, 2), '    ');
    const separator = this.#count === 0 ? '' : ',\n';
    const start = this.#entries.size + Buffer.byteLength(separator);
    const written = redactText(`${separator}${text}`, this.#secrets);
    this.#entries.append(written);
    this.#offsets.append(`${start} ${this.#entries.size}\n`);
    this.#count += 1;
    if (!written.startsWith(separator)) this.#shifted = true;
    return written.slice(separator.length);
  }

  /** Writes run.json from the closed parts: `before`, the entries (with what `later` adds to them), `after`. */
  async write(runDir: string, before: string, after: string, later: LaterFacts): Promise<void> {
    const redact = (text: string) => redactText(text, this.#secrets);
    const { rulesOf, replays } = later;
    const entries = this.#entries;
    const offsets = this.#offsets;
    const count = this.#count;
    const anyLater = ManifestPart.anyLater(later);
    await writeFileAtomicFrom(runManifestPath(runDir), async function* () {
      if (count === 0) {
        yield `${before}[]${after}\n`;
        return;
      }
      yield `${before}[\n`;
      if (!anyLater) yield* entries.range(0, entries.size);
      else {
        const ranges = async function* () {
          for await (const line of offsets.lines()) {
            const [start = 0, end = 0] = line.split(' ').map(Number);
            yield [start, end] as const;
          }
        };
        let leading = true;
        for await (const text of entries.slices(ranges())) {
          if (!leading) yield ',\n';
          leading = false;
          const { files, ...rest } = JSON.parse(text) as Record<string, unknown>;
          const first = Array.isArray(files) && typeof files[0] === 'string' ? files[0] : '';
          const rules = rulesOf?.get(first);
          const replay = typeof rest['id'] === 'string' ? replays?.get(rest['id']) : undefined;
          if (rules === undefined && replay === undefined) {
            yield text;
            continue;
          }
          const entry = {
            ...rest,
            ...(rules === undefined ? {} : { rules }),
            ...(replay === undefined ? {} : { replay }),
            files,
          };
          yield redact(indent(JSON.stringify(entry, null, 2), '    '));
        }
      }
      yield `\n  ]${after}\n`;
    });
  }

  /** Entries with neither rules nor a replay are copied as they are. */
  static anyLater(later: LaterFacts): boolean {
    return (later.rulesOf?.size ?? 0) > 0 || (later.replays?.size ?? 0) > 0;
  }
}
