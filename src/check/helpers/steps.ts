import { PyDict, PyException, PyList, shortTypeName, type PyValue } from '../expression/values.ts';
import { iterate } from '../expression/conversions.ts';
import type { Budget } from '../expression/budget.ts';

/** `for step in interaction: for key, value in step.items()`, with Python's errors for odd data. */
export function* stepEntries(
  interaction: PyValue,
  budget: Budget,
): Generator<{ index: number; key: PyValue; value: PyValue }> {
  let index = 0;
  for (const step of iterate(interaction, budget)) {
    if (!(step instanceof PyDict))
      throw new PyException('AttributeError', `'${shortTypeName(step)}' object has no attribute 'items'`);
    for (const [key, value] of step.items()) yield { index, key, value };
    index++;
  }
}

/** `key.lower()` of an interaction key (a non-text key raises, as in Python). */
export function lowerKey(key: PyValue): string {
  if (typeof key !== 'string')
    throw new PyException('AttributeError', `'${shortTypeName(key)}' object has no attribute 'lower'`);
  return key.toLowerCase();
}

export function isChatbotKey(key: PyValue): boolean {
  const lower = lowerKey(key);
  return lower === 'chatbot' || lower === 'assistant';
}

export const EMPTY_INTERACTION = new PyList([]);
