import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, SourcePosition } from '../base/diagnostics/diagnostic.ts';
import { parseYamlText, type DocPath, type SourceFile } from '../yaml/source-file.ts';
import {
  BARE_LIST_FUNCTION,
  bareListType,
  OLD_CONVERSATION,
  SECTION_RENAMES,
  TOP_LEVEL_MOVES,
  type Section,
} from './legacy-format.ts';
import { isLegacyProfile, migrateProfileValue } from './migrate-value.ts';
import {
  editSlice,
  indentOf,
  indentUnit,
  isComment,
  shiftLine,
  shiftRight,
  splitTrailingBlanks,
  type LineEdit,
} from './text-lines.ts';

export type MigrationResult =
  | { readonly status: 'migrated'; readonly text: string; readonly changes: readonly string[] }
  | { readonly status: 'current' }
  | { readonly status: 'not-profile' }
  | { readonly status: 'failed'; readonly diagnostics: readonly Diagnostic[] };

/** Something in the file that the rewrite cannot handle; the file is left as it is. */
class Refusal extends Error {
  readonly at: SourcePosition;
  readonly hint: string;
  constructor(
    message: string,
    at: SourcePosition,
    hint = 'Migrate this part by hand; "simsim validate" explains each 2024-format key.',
  ) {
    super(message);
    this.at = at;
    this.hint = hint;
  }
}

const SECTIONS: readonly Section[] = ['user', 'chatbot', 'llm'];
const isSection = (key: string): key is Section => (SECTIONS as readonly string[]).includes(key);

interface Entry {
  readonly key: string;
  readonly pair: Pair;
  /** First line (comments just above the key included), the key's line, and the line after the entry. */
  readonly begin: number;
  readonly keyLine: number;
  readonly end: number;
}

interface SectionBlock {
  readonly name: Section;
  /** The file's own `user:`/`chatbot:`/`llm:` entry, when it has one. */
  readonly existing: Entry | undefined;
  readonly childIndent: number;
  /** Keys the section will hold, for refusing a key given twice. */
  readonly keys: Set<string>;
  readonly children: string[][];
  trailing: string[];
}

type Block =
  { readonly kind: 'lines'; readonly lines: string[] } | { readonly kind: 'section'; readonly section: SectionBlock };

/** Rewrites one profile's text; works on a parsed file, never throws for what the file holds. */
class ProfileRewrite {
  readonly #source: SourceFile;
  readonly #lines: string[];
  readonly #unit: number;
  readonly #edits: LineEdit[] = [];
  readonly changes: string[] = [];

  constructor(source: SourceFile) {
    this.#source = source;
    this.#lines = source.text.split('\n');
    if (this.#lines.at(-1) === '') this.#lines.pop();
    this.#unit = indentUnit(this.#lines);
  }

  #pos(offset: number): { line: number; col: number } {
    const { line, col } = this.#source.lines.linePos(offset);
    return { line: line - 1, col: col - 1 };
  }

  #at(node: Node | null | undefined): SourcePosition {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.#source.lines.linePos(offset);
    return { line, column: col };
  }

  /** The last line a node's value is written on. */
  #lastLine(node: Node): number {
    const range = node.range ?? [0, 0, 0];
    return this.#pos(Math.max(range[0], range[1] - 1)).line;
  }

  #value(path: DocPath): unknown {
    let node: unknown = this.#source.value;
    for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
    return node;
  }

  #renameKey(pair: Pair, to: string): void {
    const key = pair.key as Node;
    const range = key.range ?? [0, 0, 0];
    const start = this.#pos(range[0]);
    const end = this.#pos(range[1]);
    if (start.line !== end.line) throw new Refusal('a key written over several lines', this.#at(key));
    const line = this.#lines[start.line] ?? '';
    this.#edits.push({
      from: start.line,
      to: start.line + 1,
      lines: [line.slice(0, start.col) + to + line.slice(end.col)],
    });
  }

  /** `- number: 1`, `- goal_style: ...` → one map, indented under the key at `keyCol`. */
  #listToMap(pair: Pair, keyCol: number, where: string): void {
    const seq = pair.value;
    if (!isSeq(seq)) return;
    if (seq.flow) throw new Refusal(`\`${where}\` is an inline list`, this.#at(seq));
    const target = keyCol + this.#unit;
    const seen = new Set<string>();
    const starts: Array<{ line: number; col: number }> = [];
    for (const item of seq.items) {
      if (!isMap(item) || item.flow || item.items.length === 0)
        throw new Refusal(`an item of the \`${where}\` list is not a map like \`- number: 1\``, this.#at(item as Node));
      for (const p of item.items) {
        const name = isScalar(p.key) ? String(p.key.value) : '';
        if (seen.has(name))
          throw new Refusal(
            `\`${name}\` is given twice in the \`${where}\` list`,
            this.#at(p.key as Node),
            'Keep one of them, then run migrate again.',
          );
        seen.add(name);
      }
      const first = this.#pos((item.items[0]?.key as Node).range?.[0] ?? 0);
      if ((this.#lines[first.line] ?? '').slice(0, first.col).trim() !== '-')
        throw new Refusal(`an item of the \`${where}\` list does not start on its dash's line`, this.#at(item));
      starts.push(first);
    }
    const from = starts[0]?.line;
    if (from === undefined) return;
    const to = this.#lastLine(seq) + 1;
    const out: string[] = [];
    let item = -1;
    for (let n = from; n < to; n++) {
      while (item + 1 < starts.length && (starts[item + 1]?.line ?? Infinity) <= n) item++;
      const start = starts[item] ?? { line: from, col: target };
      const line = this.#lines[n] ?? '';
      if (n === start.line) {
        out.push(' '.repeat(target) + line.slice(start.col));
        continue;
      }
      const moved = shiftLine(line, target - start.col, target);
      if (moved === undefined)
        throw new Refusal(`a line of the \`${where}\` list is indented less than its item`, { line: n + 1, column: 1 });
      out.push(moved);
    }
    this.#edits.push({ from, to, lines: out });
    this.changes.push(`turned the list under \`${where}\` into one map`);
  }

  /** `- drinks: [coke, water]` → `- drinks: {function: default(), type: string, data: [coke, water]}`, as block YAML. */
  #wrapVariables(pair: Pair, path: DocPath): void {
    const seq = pair.value;
    if (!isSeq(seq)) return;
    seq.items.forEach((item, index) => {
      if (!isMap(item) || item.items.length !== 1) return;
      const variable = item.items[0];
      if (variable === undefined || !isSeq(variable.value) || !isScalar(variable.key)) return;
      const name = String(variable.key.value);
      if (item.flow || seq.flow)
        throw new Refusal(
          `variable \`${name}\` is written inline`,
          this.#at(item),
          `Write it as a block: - ${name}: {function: ${BARE_LIST_FUNCTION}, type: string, data: [...]}.`,
        );
      const data = this.#value([...path, index, name]);
      const type = bareListType(Array.isArray(data) ? data : []);
      const key = this.#pos(variable.key.range?.[0] ?? 0);
      const value = variable.value;
      const start = this.#pos(value.range?.[0] ?? 0);
      const last = this.#lastLine(value);
      const pad = ' '.repeat(key.col + this.#unit);
      const keyLine = this.#lines[key.line] ?? '';
      const header = [`${pad}function: ${BARE_LIST_FUNCTION}`, `${pad}type: ${type}`];
      const rest = shiftRight(this.#lines.slice(key.line + 1, last + 1), this.#unit);
      const lines =
        start.line === key.line
          ? [keyLine.slice(0, start.col).trimEnd(), ...header, `${pad}data: ${keyLine.slice(start.col)}`, ...rest]
          : [keyLine, ...header, `${pad}data:`, ...rest];
      this.#edits.push({ from: key.line, to: last + 1, lines });
      this.changes.push(`wrote variable \`${name}\` as {function: ${BARE_LIST_FUNCTION}, type: ${type}, data: ...}`);
    });
  }

  #entries(root: YAMLMap): Entry[] {
    const entries: Entry[] = [];
    let base: number | undefined;
    root.items.forEach((pair, i) => {
      const key = pair.key;
      if (!isScalar(key) || key.range === undefined || key.range === null)
        throw new Refusal('a top-level key that is not plain text', this.#at(key as Node));
      const { line, col } = this.#pos(key.range[0]);
      base ??= col;
      if (col !== base || (this.#lines[line] ?? '').slice(0, col).trim() !== '')
        throw new Refusal('top-level keys that do not start their lines at the same column', this.#at(key));
      let begin = line;
      const previous = entries[i - 1];
      if (previous !== undefined) {
        while (
          begin - 1 > previous.keyLine &&
          isComment(this.#lines[begin - 1] ?? '') &&
          indentOf(this.#lines[begin - 1] ?? '') <= base
        )
          begin--;
      }
      entries.push({ key: String(key.value), pair, begin, keyLine: line, end: this.#lines.length });
    });
    return entries.map((entry, i) => ({ ...entry, end: entries[i + 1]?.begin ?? this.#lines.length }));
  }

  run(): string {
    const root = this.#source.doc?.contents;
    if (!isMap(root) || root.flow) throw new Refusal('the profile is not a block map of keys', this.#at(root));
    for (const line of this.#lines)
      if (/^(---|\.\.\.)(\s|$)/.test(line))
        throw new Refusal('a document marker (--- or ...) in the file', {
          line: this.#lines.indexOf(line) + 1,
          column: 1,
        });
    const entries = this.#entries(root);
    const base = this.#pos((entries[0]?.pair.key as Node).range?.[0] ?? 0).col;
    const byKey = new Map(entries.map((e) => [e.key, e]));
    if (byKey.has(OLD_CONVERSATION) && byKey.has('conversation')) {
      throw new Refusal(
        'both `conversations` (the old name) and `conversation` are given',
        this.#at(byKey.get(OLD_CONVERSATION)?.pair.key as Node),
        'Keep one of them, then run migrate again.',
      );
    }

    // Sections the file already has, with the keys they hold after their own renames.
    const blocks = new Map<Section, SectionBlock>();
    for (const name of SECTIONS) {
      const entry = byKey.get(name);
      if (entry === undefined) continue;
      const value = entry.pair.value as Node | null;
      const receives = entries.some((e) => TOP_LEVEL_MOVES[e.key]?.section === name);
      if (value !== null && (!isMap(value) || value.flow)) {
        if (receives)
          throw new Refusal(`\`${name}\` is not a block map, so keys cannot be moved into it`, this.#at(value));
        continue;
      }
      if (value === null && !receives) continue;
      const map = value;
      const first = map?.items[0]?.key as Node | undefined;
      const childIndent = first?.range ? this.#pos(first.range[0]).col : base + this.#unit;
      const keys = new Set<string>();
      for (const p of map?.items ?? []) {
        const key = isScalar(p.key) ? String(p.key.value) : '';
        const to = SECTION_RENAMES[name][key];
        if (to !== undefined) {
          if (map?.items.some((q) => isScalar(q.key) && q.key.value === to))
            throw new Refusal(
              `\`${name}\` has both \`${key}\` (the old name) and \`${to}\``,
              this.#at(p.key as Node),
              'Keep one of them, then run migrate again.',
            );
          this.#renameKey(p, to);
          this.changes.push(`renamed \`${name}.${key}\` to \`${name}.${to}\``);
        }
        keys.add(to ?? key);
        if (name === 'user' && (to ?? key) === 'goals') this.#wrapVariables(p, ['user', key]);
      }
      blocks.set(name, { name, existing: entry, childIndent, keys, children: [], trailing: [] });
    }

    for (const entry of entries) {
      if (entry.key === OLD_CONVERSATION) {
        this.#renameKey(entry.pair, 'conversation');
        this.changes.push('renamed `conversations` to `conversation`');
      }
      if (entry.key === OLD_CONVERSATION || entry.key === 'conversation')
        this.#listToMap(entry.pair, base, 'conversation');
      const move = TOP_LEVEL_MOVES[entry.key];
      if (move !== undefined && move.key !== entry.key) this.#renameKey(entry.pair, move.key);
      if (entry.key === 'ask_about') this.#wrapVariables(entry.pair, ['ask_about']);
    }

    const out: Block[] = [];
    const header = this.#lines.slice(0, entries[0]?.begin ?? 0);
    if (header.length > 0) out.push({ kind: 'lines', lines: header });
    for (const entry of entries) {
      const lines = editSlice(this.#lines, entry.begin, entry.end, this.#edits);
      const move = TOP_LEVEL_MOVES[entry.key];
      if (isSection(entry.key) && blocks.get(entry.key)?.existing === entry) {
        out.push({ kind: 'section', section: blocks.get(entry.key) as SectionBlock });
        continue;
      }
      if (move === undefined) {
        out.push({ kind: 'lines', lines });
        continue;
      }
      let block = blocks.get(move.section);
      const { body, blanks } = splitTrailingBlanks(lines);
      if (block === undefined) {
        block = {
          name: move.section,
          existing: undefined,
          childIndent: base + this.#unit,
          keys: new Set(),
          children: [],
          trailing: blanks,
        };
        blocks.set(move.section, block);
        out.push({ kind: 'section', section: block });
      }
      if (block.keys.has(move.key))
        throw new Refusal(
          `\`${entry.key}\` would become \`${move.section}.${move.key}\`, which the profile already has`,
          this.#at(entry.pair.key as Node),
          'Keep one of them, then run migrate again.',
        );
      block.keys.add(move.key);
      block.children.push(shiftRight(body, block.childIndent - base));
      this.changes.push(`moved \`${entry.key}\` to \`${move.section}.${move.key}\``);
    }
    const chatbot = blocks.get('chatbot');
    if (chatbot !== undefined && !chatbot.keys.has('output')) {
      chatbot.children.push([`${' '.repeat(chatbot.childIndent)}output: []`]);
      this.changes.push('added `chatbot.output: []` (the current format needs the list, even empty)');
    }
    return `${out.flatMap((block) => this.#render(block, base)).join('\n')}\n`;
  }

  #render(block: Block, base: number): string[] {
    if (block.kind === 'lines') return block.lines;
    const { section } = block;
    if (section.existing === undefined)
      return [`${' '.repeat(base)}${section.name}:`, ...section.children.flat(), ...section.trailing];
    const own = editSlice(this.#lines, section.existing.begin, section.existing.end, this.#edits);
    const { body, blanks } = splitTrailingBlanks(own);
    return [...body, ...section.children.flat(), ...blanks];
  }
}

function refused(file: string, refusal: Refusal): MigrationResult {
  return {
    status: 'failed',
    diagnostics: [
      {
        code: 'migrate-conflict',
        severity: 'error',
        message: `cannot migrate automatically: ${refusal.message}`,
        file,
        line: refusal.at.line,
        column: refusal.at.column,
        hint: refusal.hint,
      },
    ],
  };
}

/**
 * Rewrites a 2024-format Sensei profile to the current format, moving the text of each key so
 * that comments, quoting, key order and every value stay as written; only indentation changes
 * (and the few keys and lines the format needs). The result is read back with PyYAML's rules
 * and must mean exactly what the old file meant; otherwise the file is refused, not changed.
 */
export function migrateProfileText(input: string, file: string): MigrationResult {
  const bom = input.startsWith('\uFEFF');
  const crlf = input.includes('\r\n');
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const source = parseYamlText(text, file);
  // Conversation outputs hold three documents; Sensei reads a profile from one.
  if (source.diagnostics.some((d) => d.code === 'yaml-multiple-documents')) return { status: 'not-profile' };
  const errors = source.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { status: 'failed', diagnostics: errors };
  const value = source.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('test_name' in value))
    return { status: 'not-profile' };
  if (!isLegacyProfile(value)) return { status: 'current' };
  const rewrite = new ProfileRewrite(source);
  let migrated: string;
  try {
    migrated = rewrite.run();
  } catch (error) {
    if (error instanceof Refusal) return refused(file, error);
    throw error;
  }
  const check = parseYamlText(migrated, file);
  const expected = migrateProfileValue(value);
  if (check.diagnostics.some((d) => d.severity === 'error') || !isDeepStrictEqual(check.value, expected)) {
    return refused(
      file,
      new Refusal(
        'the rewritten file would not mean what this one means (an unusual layout: anchors, inline maps, odd indentation)',
        { line: 1, column: 1 },
      ),
    );
  }
  let out = crlf ? migrated.replace(/\n/g, '\r\n') : migrated;
  if (bom) out = `\uFEFF${out}`;
  if (source.text !== text)
    rewrite.changes.push(
      'indented continuation lines of quoted text (PyYAML accepts them unindented, other YAML readers do not)',
    );
  return { status: 'migrated', text: out, changes: rewrite.changes };
}
