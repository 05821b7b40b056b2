import { iterate } from '../expression/conversions.ts';
import { attribute } from '../expression/methods.ts';
import { PyDict, PyException, PyList, shortTypeName, type PyValue } from '../expression/values.ts';
import type { Budget } from '../expression/budget.ts';
import { defineHelper } from './define.ts';
import type { HelperHost } from './host.ts';

/** `conv[0].data_output` items whose value is None or the text 'None', as (key, missing) pairs. */
function* outputs(host: HelperHost, budget: Budget): Generator<[PyValue, boolean]> {
  const first = host.conv.items[0];
  if (first === undefined) throw new PyException('IndexError', 'list index out of range');
  for (const item of iterate(attribute(first, 'data_output', budget), budget)) {
    if (!(item instanceof PyDict))
      throw new PyException('AttributeError', `'${shortTypeName(item)}' object has no attribute 'items'`);
    for (const [key, value] of item.items()) yield [key, value === null || value === 'None'];
  }
}

/** `data_collected()`: False when some extracted output is missing (None or 'None'). */
export const DATA_COLLECTED = defineHelper('data_collected', [], (_a, host, budget) => {
  for (const [, missing] of outputs(host, budget)) if (missing) return false;
  return true;
});

function missingKeys(host: HelperHost, budget: Budget): PyList {
  const keys: PyValue[] = [];
  for (const [key, missing] of outputs(host, budget)) if (missing) keys.push(key);
  return new PyList(keys);
}

/** `missing_slots()` (also `missing_outputs()`): the names of the missing outputs, in order. */
export const MISSING_SLOTS = defineHelper('missing_slots', [], (_a, host, budget) => missingKeys(host, budget));
export const MISSING_OUTPUTS = defineHelper('missing_outputs', [], (_a, host, budget) => missingKeys(host, budget));
