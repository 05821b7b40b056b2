import type { ExtractedOutput, Turn } from '../conversation/types.ts';
import type { OutputSpec } from '../model/output-type.ts';
import type { Candidate } from './candidate.ts';
import { outputFinder, type FindOptions } from './find-candidates.ts';
import { findBool } from './find-bool.ts';
import { keywordDistance, keywordScore, keywordsOf, sentenceAround, stem, words } from './keywords.ts';

/**
 * The deterministic path: values the chatbot said (assistant turns only, as Sensei extracts
 * "only if the chatbot provides it or verifies it"), found by type patterns, chosen among by the
 * output's name and description words. Returns undefined when it cannot decide.
 */
interface Scored {
  readonly candidate: Candidate;
  readonly turn: number;
  readonly score: number;
  readonly distance: number;
  readonly specific: boolean;
}

const key = (value: unknown) => JSON.stringify(value);

function rank(a: Scored, b: Scored): number {
  return (
    b.score - a.score ||
    Number(b.specific) - Number(a.specific) ||
    a.distance - b.distance ||
    b.turn - a.turn ||
    a.candidate.index - b.candidate.index
  );
}

export interface DeterministicOptions extends FindOptions {
  /** With no LLM to ask, an ambiguous strong match falls back to the chatbot's latest one. */
  readonly guessWhenAmbiguous: boolean;
}

export function extractByPattern(
  spec: OutputSpec,
  history: readonly Turn[],
  options: DeterministicOptions,
): ExtractedOutput | undefined {
  const keywords = keywordsOf(spec.name, spec.description);
  if (spec.type.kind === 'bool') {
    const found = findBool(history, keywords);
    return found && { name: spec.name, value: found.value, status: 'ok', raw: found.raw, method: 'pattern' };
  }
  const finder = outputFinder(spec, options);
  if (!finder) return undefined;

  const scored: Scored[] = [];
  history.forEach((turn, turnIndex) => {
    if (turn.role !== 'assistant' || turn.error) return;
    for (const candidate of finder.find(turn.text)) {
      if (!finder.keep(candidate)) continue;
      const ownWords = words(candidate.raw);
      if (ownWords.length > 0 && ownWords.every((w) => keywords.has(stem(w)))) continue;
      const end = candidate.index + candidate.raw.length;
      const sentence = sentenceAround(turn.text, candidate.index, end);
      const context =
        sentence.text.slice(0, candidate.index - sentence.offset) + ' ' + sentence.text.slice(end - sentence.offset);
      scored.push({
        candidate,
        turn: turnIndex,
        score: keywordScore(context, keywords),
        distance: keywordDistance(sentence.text, candidate.index - sentence.offset, end - sentence.offset, keywords),
        specific: /\d/.test(candidate.raw),
      });
    }
  });
  if (scored.length === 0) return undefined;
  scored.sort(rank);
  const best = scored[0];
  if (!best) return undefined;
  const distinct = new Set(scored.map((s) => key(s.candidate.value)));
  const strong = finder.strength === 'strong';

  if (spec.type.kind === 'list') {
    const chosen = best.score > 0 ? scored.filter((s) => s.score === best.score) : strong ? scored : [];
    if (chosen.length === 0) return undefined;
    const inOrder = [...chosen].sort((a, b) => a.turn - b.turn || a.candidate.index - b.candidate.index);
    const values: unknown[] = [];
    const raws: string[] = [];
    for (const s of inOrder) {
      if (values.some((v) => key(v) === key(s.candidate.value))) continue;
      values.push(s.candidate.value);
      raws.push(s.candidate.raw);
    }
    return { name: spec.name, value: values, status: 'ok', raw: raws.join(', '), method: 'pattern' };
  }

  const decided = best.score > 0 || (strong && (distinct.size === 1 || options.guessWhenAmbiguous));
  if (!decided) return undefined;
  // Ambiguous strong matches with no words to go by: the chatbot's latest statement wins.
  const pick =
    best.score > 0 || distinct.size === 1
      ? best
      : ([...scored].sort((a, b) => b.turn - a.turn || b.candidate.index - a.candidate.index)[0] ?? best);
  return { name: spec.name, value: pick.candidate.value, status: 'ok', raw: pick.candidate.raw, method: 'pattern' };
}
