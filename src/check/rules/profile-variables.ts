import { asArray, asRecord, type Rec } from '../../base/access.ts';

/**
 * The variables a profile's conversations give rules, named as Sensei's checker names them:
 * goal variables, chatbot outputs (also as `data_output_<name>`), and the conversation settings
 * flattened (`number`/`conversation_number`, `steps`/`conversation_goal_style_steps`, ...).
 */
export function profileVariableNames(
  profile: Rec,
  types: ReadonlyMap<string, { readonly extraction: unknown }> = new Map(),
): Set<string> {
  const names = new Set<string>();
  for (const goal of asArray(asRecord(profile['user'])?.['goals']) ?? [])
    for (const key of Object.keys(asRecord(goal) ?? {})) names.add(key);
  for (const output of asArray(asRecord(profile['chatbot'])?.['output']) ?? []) {
    for (const [key, spec] of Object.entries(asRecord(output) ?? {})) {
      names.add(key);
      names.add(`data_output_${key}`);
      // Custom types with components (money: value, currency) give nested values:
      // data_output_<name>_<component> and the bare <component>.
      const typeName = asRecord(spec)?.['type'];
      const extraction = typeof typeName === 'string' ? types.get(typeName)?.extraction : undefined;
      for (const component of Object.keys(asRecord(extraction) ?? {})) {
        names.add(component);
        names.add(`data_output_${key}_${component}`);
      }
    }
  }
  const conversation = asRecord(profile['conversation']) ?? {};
  const flatten = (key: string, value: unknown, prefix: string) => {
    const map = asRecord(value);
    if (map) {
      for (const [k, v] of Object.entries(map)) flatten(k, v, `${prefix}${key}_`);
      return;
    }
    names.add(`${prefix}${key}`);
    names.add(key);
  };
  for (const [key, value] of Object.entries(conversation)) {
    flatten(key, value, 'conversation_');
    // simsim (like Sensei's later versions) writes the goal style as its own item, without the `goal_style` level.
    if (key === 'goal_style')
      for (const [k, v] of Object.entries(asRecord(value) ?? {}))
        flatten(k === 'random steps' ? 'steps' : k, v, 'conversation_');
  }
  return names;
}
