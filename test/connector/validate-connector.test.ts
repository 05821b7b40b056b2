import { describe, expect, it } from 'vitest';
import { validateConnectorFile, validateRunFile } from '../../src/project/validate-other-files.ts';
import { parseYamlText } from '../../src/yaml/source-file.ts';
import { tempProject } from '../helpers/temp-project.ts';

const codes = (found: Array<{ code: string; line: number; column: number; message: string }>) => found.map((d) => [d.code, d.line, d.column, d.message]);

describe('validating connector files', () => {
  it('accepts our extensions on the custom format', () => {
    const file = parseYamlText(
      [
        'name: Shop',
        'parameters:',
        '  base_url: {default: "http://localhost:5000"}',
        '  token: {env: SHOP_TOKEN, secret: true}',
        'base_url: "{{base_url}}"',
        'headers: {Authorization: "Bearer {{token}}", X-Trace: "{{env.TRACE_ID}}"}',
        'start: {path: /new, conversation_id_path: data.id, response_path: data.greeting}',
        'send_message:',
        '  path: /c/{{conversation_id}}',
        '  payload_template: {text: "{user_msg}", n: "{{turn}}", h: "{{history}}"}',
        'end: {path: "/c/{{conversation_id}}", method: DELETE}',
        'response_path: messages[-1].text',
        'replies: {mode: separate, buttons_path: quick_replies}',
        'retries: {attempts: 1, backoff: 0.2}',
        'cookies: false',
      ].join('\n'),
      'c.yml',
    );
    expect(validateConnectorFile(file)).toEqual([]);
  });

  it('points at templates that do not parse or name unknown values', () => {
    const file = parseYamlText(['base_url: http://x', 'send_message:', '  payload_template:', '    a: "{{user_mesage}}"', '    b: "{{#if}}"'].join('\n'), 'c.yml');
    expect(codes(validateConnectorFile(file))).toEqual([
      ['connector-template', 4, 8, '`{{user_mesage}}` is neither a parameter of this connector nor one of user_message, conversation_id, turn, history, env'],
      ['connector-template', 5, 8, expect.stringContaining('this template does not parse') as string],
    ]);
  });

  it('tells the two formats apart and needs an address', () => {
    expect(codes(validateConnectorFile(parseYamlText('payload: {a: 1}\nsend_message: {path: /x}\n', 'c.yml'))).map((c) => c[0])).toEqual(['connector-format']);
    expect(codes(validateConnectorFile(parseYamlText('send_message: {path: /x}\n', 'c.yml'))).map((c) => c[3])).toEqual(['the custom connector is missing `base_url` (or a full `send_message.url`)']);
    expect(validateConnectorFile(parseYamlText('send_message: {url: "http://x/y"}\n', 'c.yml'))).toEqual([]);
  });
});

describe('validating run.yml\'s chatbot settings', () => {
  it('checks the technology, the connector parameters and the server block', async () => {
    const project = tempProject({
      'connectors/mine.yml': 'parameters: {a: {}, b: {default: 1}}\nbase_url: http://x\nsend_message: {path: /c}\n',
      'elsewhere/broken.yml': 'base_url: http://x\nsend_message: {path: /c, payload_template: {m: "{{mesage}}"}}\n',
    });
    const run = (text: string) => validateRunFile(parseYamlText(text, 'run.yml'), project);
    expect(await run('technology: mine\nconnector_parameters: "a=1,b=2"\nserver: {command: [node, bot.mjs], url: "http://127.0.0.1:5050/", reuse_existing: true}\n')).toEqual([]);
    expect(await run('technology: OpenAI_Chat\n')).toEqual([]);
    expect(await run('technology: millionbot\nconnector_parameters: {bot: b, conversation: c, sender: s}\n')).toEqual([]);
    expect(codes(await run('technology: dialogflow\nconnector_parameters: "project_id=p,projct=x"\n'))).toEqual([
      ['schema-value', 2, 23, 'connector Dialogflow ES has no parameter `projct`'],
    ]);
    expect(codes(await run('technology: mine\n'))).toEqual([['schema-value', 1, 13, 'connector mine needs the parameter `a`']]);
    expect(codes(await run('connector: elsewhere/broken.yml\n')).map((c) => c[0])).toEqual(['connector-template']);
    const found = codes(await run('technology: taskyo\nconnector_params: "a=1,b"\nserver: {url: "localhost:5000"}\n'));
    expect(found.map((c) => [c[0], c[1]]).sort()).toEqual([
      ['run-reference', 1],
      ['schema-missing-key', 3],
      ['schema-value', 2],
      ['schema-value', 3],
    ]);
    expect(found.find((c) => c[0] === 'run-reference')?.[3]).toBe('technology `taskyo` is neither built in nor a file in connectors/ (did you mean `taskyto`?)');
  });
});
