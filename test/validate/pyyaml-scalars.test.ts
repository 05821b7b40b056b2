import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { captureCli } from '../helpers/capture-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const PROFILE = `test_name: codes
user:
  role: a customer
  goals:
    - "code {{code}}"
    - code:
        function: forward()
        type: string
        data: [e1, e2, e3, e4, e5, e6, E5, .e1, 1e5, .]
chatbot:
  fallback: Sorry?
  output: []
conversation:
  number: combinations
  goal_style:
    steps: 2
  interaction_style:
    - default
`;

const CONNECTOR = `name: shop
base_url: http://localhost:5000
send_message:
  path: /chat
  method: POST
  payload_template:
    text: "{user_msg}"
response_path: .
`;

describe('values PyYAML keeps as text are text to simsim too', () => {
  it('accepts project_folder: ., response_path: . and a string variable with values e1..e6', async () => {
    const dir = tempProject({
      'run.yml': 'project_folder: .\nconnector: connectors/shop.yml\n',
      'connectors/shop.yml': CONNECTOR,
      'profiles/codes.yml': PROFILE,
    });
    dirs.push(dir);
    const validate = await captureCli(['validate', '--project', dir], dir);
    expect(validate.stderr).not.toContain('NaN');
    expect(validate.stderr).not.toMatch(/run\.yml|profiles\/codes\.yml/);
    expect(validate.stderr).not.toContain('[schema-type]');

    const plan = await captureCli(['plan', '--project', dir, '--seed', '1', '--json'], dir);
    expect(plan.code).toBe(0);
    const profiles = (JSON.parse(plan.stdout) as { profiles: { variables: { values: unknown[] }[] }[] }).profiles;
    expect(profiles[0]?.variables[0]?.values).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'E5', '.e1', '1e5', '.']);
  });
});
