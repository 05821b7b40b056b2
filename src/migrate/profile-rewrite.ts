import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceFile } from '../yaml/source-file.ts';
import { OLD_CONVERSATION, SECTION_RENAMES, TOP_LEVEL_MOVES, type Section } from './legacy-format.ts';
import { listToMap, renameKey, wrapVariables } from './key-edits.ts';
import { ProfileLines } from './profile-lines.ts';
import { Refusal } from './refusal.ts';
import { editSlice, indentOf, isComment, shiftRight, splitTrailingBlanks } from './text-lines.ts';

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
export class ProfileRewrite {
  readonly #text: ProfileLines;
  /** What the rewrite did, one sentence each. */
  readonly changes: string[];

  constructor(source: SourceFile) {
    this.#text = new ProfileLines(source);
    this.changes = this.#text.changes;
  }

  #entries(root: YAMLMap): Entry[] {
    const entries: Entry[] = [];
    let base: number | undefined;
    root.items.forEach((pair, i) => {
      const key = pair.key;
      if (!isScalar(key) || key.range === undefined || key.range === null)
        throw new Refusal('a top-level key that is not plain text', this.#text.at(key as Node));
      const { line, col } = this.#text.pos(key.range[0]);
      base ??= col;
      if (col !== base || (this.#text.lines[line] ?? '').slice(0, col).trim() !== '')
        throw new Refusal('top-level keys that do not start their lines at the same column', this.#text.at(key));
      let begin = line;
      const previous = entries[i - 1];
      if (previous !== undefined) {
        while (
          begin - 1 > previous.keyLine &&
          isComment(this.#text.lines[begin - 1] ?? '') &&
          indentOf(this.#text.lines[begin - 1] ?? '') <= base
        )
          begin--;
      }
      entries.push({ key: String(key.value), pair, begin, keyLine: line, end: this.#text.lines.length });
    });
    return entries.map((entry, i) => ({ ...entry, end: entries[i + 1]?.begin ?? this.#text.lines.length }));
  }

  run(): string {
    const root = this.#text.source.doc?.contents;
    if (!isMap(root) || root.flow) throw new Refusal('the profile is not a block map of keys', this.#text.at(root));
    for (const line of this.#text.lines)
      if (/^(---|\.\.\.)(\s|$)/.test(line))
        throw new Refusal('a document marker (--- or ...) in the file', {
          line: this.#text.lines.indexOf(line) + 1,
          column: 1,
        });
    const entries = this.#entries(root);
    const base = this.#text.pos((entries[0]?.pair.key as Node).range?.[0] ?? 0).col;
    const byKey = new Map(entries.map((e) => [e.key, e]));
    if (byKey.has(OLD_CONVERSATION) && byKey.has('conversation')) {
      throw new Refusal(
        'both `conversations` (the old name) and `conversation` are given',
        this.#text.at(byKey.get(OLD_CONVERSATION)?.pair.key as Node),
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
          throw new Refusal(`\`${name}\` is not a block map, so keys cannot be moved into it`, this.#text.at(value));
        continue;
      }
      if (value === null && !receives) continue;
      const map = value;
      const first = map?.items[0]?.key as Node | undefined;
      const childIndent = first?.range ? this.#text.pos(first.range[0]).col : base + this.#text.unit;
      const keys = new Set<string>();
      for (const p of map?.items ?? []) {
        const key = isScalar(p.key) ? String(p.key.value) : '';
        const to = SECTION_RENAMES[name][key];
        if (to !== undefined) {
          if (map?.items.some((q) => isScalar(q.key) && q.key.value === to))
            throw new Refusal(
              `\`${name}\` has both \`${key}\` (the old name) and \`${to}\``,
              this.#text.at(p.key as Node),
              'Keep one of them, then run migrate again.',
            );
          renameKey(this.#text, p, to);
          this.changes.push(`renamed \`${name}.${key}\` to \`${name}.${to}\``);
        }
        keys.add(to ?? key);
        if (name === 'user' && (to ?? key) === 'goals') wrapVariables(this.#text, p, ['user', key]);
      }
      blocks.set(name, { name, existing: entry, childIndent, keys, children: [], trailing: [] });
    }

    for (const entry of entries) {
      if (entry.key === OLD_CONVERSATION) {
        renameKey(this.#text, entry.pair, 'conversation');
        this.changes.push('renamed `conversations` to `conversation`');
      }
      if (entry.key === OLD_CONVERSATION || entry.key === 'conversation')
        listToMap(this.#text, entry.pair, base, 'conversation');
      const move = TOP_LEVEL_MOVES[entry.key];
      if (move !== undefined && move.key !== entry.key) renameKey(this.#text, entry.pair, move.key);
      if (entry.key === 'ask_about') wrapVariables(this.#text, entry.pair, ['ask_about']);
    }

    const out: Block[] = [];
    const header = this.#text.lines.slice(0, entries[0]?.begin ?? 0);
    if (header.length > 0) out.push({ kind: 'lines', lines: header });
    for (const entry of entries) {
      const lines = editSlice(this.#text.lines, entry.begin, entry.end, this.#text.edits);
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
          childIndent: base + this.#text.unit,
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
          this.#text.at(entry.pair.key as Node),
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
    const own = editSlice(this.#text.lines, section.existing.begin, section.existing.end, this.#text.edits);
    const { body, blanks } = splitTrailingBlanks(own);
    return [...body, ...section.children.flat(), ...blanks];
  }
}
