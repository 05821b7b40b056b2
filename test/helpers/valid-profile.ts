/** A small valid profile (one variable, one output) that the malformed-input tests break one line at a time. */
export const VALID_PROFILE = `test_name: ok
user:
  role: a customer
  goals:
    - "a {{size}} pizza"
    - size:
        function: forward()
        type: string
        data: [small, large]
chatbot:
  fallback: Sorry?
  output:
    - price:
        type: money
        description: the price
conversation:
  number: 1
  goal_style:
    steps: 2
  interaction_style:
    - default
`;

/** The valid profile with one piece of text replaced: `from` must occur exactly once. */
export function mutateValidProfile(from: string, to: string): string {
  if (VALID_PROFILE.split(from).length !== 2) throw new Error(`fixture text not unique: ${from}`);
  return VALID_PROFILE.replace(from, to);
}
