/**
 * A profile (as data, for `stringify`) whose user orders `a {{size}} pizza`: one conversation per
 * size (`number: combinations`), each `steps` user turns long, against a chatbot with no outputs.
 */
export function sizesProfile(options: {
  testName: string;
  sizes: readonly string[];
  steps: number;
  model?: string;
}): Record<string, unknown> {
  return {
    test_name: options.testName,
    llm: { model: options.model ?? 'offline' },
    user: {
      role: 'a customer',
      goals: ['a {{size}} pizza', { size: { function: 'forward()', type: 'string', data: [...options.sizes] } }],
    },
    chatbot: { is_starter: false, fallback: 'Sorry?', output: [] },
    conversation: { number: 'combinations', goal_style: { steps: options.steps }, interaction_style: ['default'] },
  };
}
