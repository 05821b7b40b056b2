/** `1 profile`, `2 profiles`, `1 missing output`: a count with its noun agreeing. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
