import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  listFinishedConversations,
  listFinishedRefs,
  readResultRecord,
} from '../../src/output/finished-conversations.ts';
import { appendRecordLine, eachRecordLine, readRecordLine, type LineRange } from '../../src/output/result-journal.ts';
import { RESULT_RECORD_FORMAT } from '../../src/output/result-record.ts';
import { resultJournalPath, resultRecordPath } from '../../src/output/run-layout.ts';
import { writeConversation } from '../../src/output/write-conversation.ts';
import { pizzaResult } from '../helpers/conversation-fixtures.ts';

const SERIAL = '2025-01-27-13-39-17';
const FOLDER = 'pizza_order_test_custom';
let runDir: string;

beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'simsim-journal-'));
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

async function lines(path: string): Promise<{ text: string; range: LineRange }[]> {
  const found: { text: string; range: LineRange }[] = [];
  await eachRecordLine(path, (text, range) => found.push({ text, range }));
  return found;
}

describe('the results journal', () => {
  it('gives back every line with the byte range it can be read again from, across read chunks', async () => {
    const path = join(runDir, 'a', 'b.jsonl');
    const texts = ['{"a":1}', `{"long":"${'é'.repeat(700_000)}"}`, '', '{"ü":"ß"}', 'x'.repeat(1_500_000)];
    for (const text of texts) appendRecordLine(path, text);
    const found = await lines(path);
    expect(found.map((line) => line.text)).toEqual(texts);
    for (const line of found) expect(await readRecordLine(path, line.range)).toBe(line.text);
    expect(await lines(join(runDir, 'missing.jsonl'))).toEqual([]);
  });

  it('starts on a new line after a line an earlier process left unfinished', async () => {
    const path = join(runDir, 'torn.jsonl');
    writeFileSync(path, '{"whole":true}\n{"cut sh');
    appendRecordLine(path, '{"next":true}');
    expect(readFileSync(path, 'utf8')).toBe('{"whole":true}\n{"cut sh\n{"next":true}\n');
    expect((await lines(path)).map((line) => line.text)).toEqual(['{"whole":true}', '{"cut sh', '{"next":true}']);
  });

  it('holds one line per finished conversation, and no record file of its own', async () => {
    await writeConversation(runDir, pizzaResult(), { folder: FOLDER });
    await writeConversation(runDir, pizzaResult({ id: `${FOLDER}/1`, index: 1 }), { folder: FOLDER });
    const journal = readFileSync(resultJournalPath(runDir, SERIAL), 'utf8');
    expect(journal.split('\n')).toHaveLength(3);
    const first = JSON.parse(journal.split('\n')[0] ?? '') as { format: string; files: string[] };
    expect(first.format).toBe(RESULT_RECORD_FORMAT);
    expect(first.files).toEqual([`conversation_outputs/${FOLDER}/${SERIAL}/0_${FOLDER}_${SERIAL}.yml`]);
    const refs = await listFinishedRefs(runDir, SERIAL);
    expect(refs.map((ref) => [ref.index, ref.recordPath === resultJournalPath(runDir, SERIAL)])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect((await readResultRecord(refs[1]!.recordPath, refs[1]!.range))?.result).toEqual(
      pizzaResult({ id: `${FOLDER}/1`, index: 1 }),
    );
  });

  it('records conversations written at once in the order they were handed over, each after its file', async () => {
    const indexes = Array.from({ length: 24 }, (_, i) => i);
    const written = await Promise.all(
      indexes.map((index) =>
        writeConversation(runDir, pizzaResult({ id: `${FOLDER}/${index}`, index }), { folder: FOLDER }),
      ),
    );
    const records = (await lines(resultJournalPath(runDir, SERIAL))).map(
      (line) => JSON.parse(line.text) as { result: { index: number } },
    );
    expect(records.map((record) => record.result.index)).toEqual(indexes);
    for (const { files } of written)
      for (const file of files) expect(readFileSync(file, 'utf8')).toContain('conversation:');
  });

  it('gives a conversation whose file failed no record, and still records the ones after it', async () => {
    const yaml = (index: number) =>
      join(runDir, 'conversation_outputs', FOLDER, SERIAL, `${index}_${FOLDER}_${SERIAL}.yml`);
    // A folder where conversation 1's file goes: its rename fails.
    mkdirSync(join(yaml(1), 'inside'), { recursive: true });
    const outcomes = await Promise.allSettled(
      [0, 1, 2].map((index) =>
        writeConversation(runDir, pizzaResult({ id: `${FOLDER}/${index}`, index }), { folder: FOLDER }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const records = (await lines(resultJournalPath(runDir, SERIAL))).map(
      (line) => JSON.parse(line.text) as { result: { index: number } },
    );
    expect(records.map((record) => record.result.index)).toEqual([0, 2]);
  });

  it('counts the last record of a conversation, skips cut lines, and still reads the record files of older runs', async () => {
    // An older run's record file for conversation 5, and conversation 2 interrupted there.
    const old = (index: number, status: 'completed' | 'interrupted') => {
      const path = resultRecordPath(runDir, SERIAL, FOLDER, index);
      mkdirSync(join(path, '..'), { recursive: true });
      const result = pizzaResult({ id: `${FOLDER}/${index}`, index, status });
      writeFileSync(path, JSON.stringify({ format: RESULT_RECORD_FORMAT, folder: FOLDER, files: [], result }, null, 2));
    };
    old(5, 'completed');
    old(2, 'interrupted');
    // The journal of a process killed while it wrote a line: 0 interrupted, 1 finished, a cut line.
    const record = (index: number, status: 'completed' | 'interrupted' = 'completed') =>
      JSON.stringify({
        format: RESULT_RECORD_FORMAT,
        folder: FOLDER,
        files: [],
        result: pizzaResult({ id: `${FOLDER}/${index}`, index, status }),
      });
    appendFileSync(
      resultJournalPath(runDir, SERIAL),
      `${record(0, 'interrupted')}\n${record(1)}\n${record(4).slice(0, 50)}`,
    );
    // Its resume: 0 and 2 finish, 3 is interrupted again.
    const write = (index: number, status: 'completed' | 'interrupted' = 'completed') =>
      writeConversation(runDir, pizzaResult({ id: `${FOLDER}/${index}`, index, status }), { folder: FOLDER });
    await write(0);
    await write(2);
    await write(3, 'interrupted');
    const finished = await listFinishedConversations(runDir);
    expect(finished.map((record) => [record.result.index, record.result.status])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
      [5, 'completed'],
    ]);
    expect((await listFinishedRefs(runDir, SERIAL)).map((ref) => ref.index).sort()).toEqual([0, 1, 2, 5]);
    expect(await listFinishedConversations(runDir, 'another-serial')).toEqual([]);
  });
});
