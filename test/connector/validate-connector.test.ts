import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConnectorConfigError } from '../../src/connector/errors.ts';
import { loadConnector } from '../../src/connector/index.ts';
import { validateConnectorFile } from '../../src/connector/validate-file.ts';
import { validateRunFile } from '../../src/load/validate-files.ts';
import { parseYamlText } from '../../src/yaml/source-file.ts';
import { tempProject } from '../helpers/temp-project.ts';

const codes = (found: Array<{ code: string; line: number; column: number; message: string }>) =>
  found.map((d) => [d.code, d.line, d.column, d.message]);

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
    const file = parseYamlText(
      [
        'base_url: http://x',
        'send_message:',
        '  payload_template:',
        '    a: "{{user_mesage}}"',
        '    b: "{{#if}}"',
      ].join('\n'),
      'c.yml',
    );
    expect(codes(validateConnectorFile(file))).toEqual([
      [
        'connector-template',
        4,
        8,
        '`{{user_mesage}}` is neither a parameter of this connector nor one of user_message, conversation_id, turn, history, env, button_payload, button_title',
      ],
      ['connector-template', 5, 8, expect.stringContaining('this template does not parse') as string],
    ]);
  });

  it('tells the two formats apart and needs an address', () => {
    expect(
      codes(validateConnectorFile(parseYamlText('payload: {a: 1}\nsend_message: {path: /x}\n', 'c.yml'))).map(
        (c) => c[0],
      ),
    ).toEqual(['connector-format']);
    expect(codes(validateConnectorFile(parseYamlText('send_message: {path: /x}\n', 'c.yml'))).map((c) => c[3])).toEqual(
      ['the custom connector is missing `base_url` (or a full `send_message.url`)'],
    );
    expect(validateConnectorFile(parseYamlText('send_message: {url: "http://x/y"}\n', 'c.yml'))).toEqual([]);
  });
});

describe('connector mistakes that used to fail only at run time', () => {
  const check = (lines: string[]) => codes(validateConnectorFile(parseYamlText(lines.join('\n'), 'c.yml')));
  const custom = (extra: string[]) => [
    'base_url: http://bot:5000',
    'send_message: {path: /chat, payload_template: {m: "{user_msg}"}}',
    'response_path: reply',
    ...extra,
  ];

  it('addresses that are not full http(s) URLs', () => {
    expect(check(['base_url: not a url', 'send_message: {path: /chat}'])).toEqual([
      ['connector-url', 1, 11, '`base_url` is not an address: `not a url`'],
    ]);
    expect(check(['base_url: localhost:5000', 'send_message: {path: /chat}'])[0]?.[3]).toBe(
      '`base_url` starts with localhost: where http:// or https:// is needed: `localhost:5000`',
    );
    expect(check(['config: {api_url: "ftp://bot/chat", response_key: reply}'])).toEqual([
      [
        'connector-url',
        1,
        19,
        '`config.api_url` starts with ftp: where http:// or https:// is needed: `ftp://bot/chat`',
      ],
    ]);
    expect(check(['send_message: {url: "http//bot/chat"}'])[0]?.slice(0, 3)).toEqual(['connector-url', 1, 21]);
    // Templates and Sensei's replaced keys are placeholders: their values are checked once given.
    expect(check(['base_url: "{{base_url}}"', 'parameters: {base_url: {}}', 'send_message: {path: /chat}'])).toEqual(
      [],
    );
    expect(check(['parameters: [api_url]', 'config: {api_url: PLACEHOLDER, response_key: reply}'])).toEqual([]);
  });

  it('response paths that do not parse, pointed at inside the value', () => {
    expect(check(custom([]).slice(0, 2).concat(['response_path: messages.['])).map((c) => c.slice(0, 4))).toEqual([
      ['connector-path', 3, 25, '`response_path`: `[` is not closed'],
    ]);
    expect(check(custom([]).slice(0, 2).concat(['response_path: a..b']))).toEqual([
      ['connector-path', 3, 18, '`response_path`: two dots in a row: a step of the path is empty'],
    ]);
    expect(check(custom([]).slice(0, 2).concat(['response_path: "message[*]"']))).toEqual([
      ['connector-path', 3, 24, '`response_path`: `[*]` (every item) is not supported: a path names one value'],
    ]);
    expect(
      check(['config: {api_url: "http://bot", response_key: "data.]x", request_key: "q[a]"}']).map((c) =>
        c.slice(0, 4),
      ),
    ).toEqual([
      ['connector-path', 1, 53, '`config.response_key`: `]` closes no `[`'],
      ['connector-path', 1, 73, '`config.request_key`: `[a]` is not a list index'],
    ]);
    expect(
      check(custom(['start: {path: /new, conversation_id_path: "id.", response_path: "greeting[0]text"}'])).map(
        (c) => c[3],
      ),
    ).toEqual([
      '`start.conversation_id_path`: the path ends with a dot',
      '`start.response_path`: `text` follows an index; a key after an index needs a dot',
    ]);
    for (const fine of ['messages.-1.text', 'data.items[0][1].text', '$.reply', '.', '$', 'reply']) {
      expect(
        check(
          custom([])
            .slice(0, 2)
            .concat([`response_path: "${fine}"`]),
        ),
        fine,
      ).toEqual([]);
    }
  });

  it('a custom connector without send_message, a Sensei one without response_key', () => {
    expect(check(['base_url: http://bot:5000', 'response_path: reply'])).toEqual([
      [
        'schema-missing-key',
        1,
        1,
        'the custom connector has no `send_message`: nothing says how a user message is sent',
      ],
    ]);
    expect(check(['config:', '  api_url: http://bot/chat', 'payload: {a: 1}'])).toEqual([
      [
        'schema-missing-key',
        1,
        1,
        "`config` has no `response_key`: nothing says where the reply is in the chatbot's answer",
      ],
    ]);
  });

  it('header names and values HTTP cannot carry', () => {
    expect(check(custom(['headers:', '  X-Token: "abc\\r\\nX-Injected: 1"', '  "Bad Name": x']))).toEqual([
      [
        'connector-header',
        5,
        12,
        'the value of header `X-Token` has a line break or control character, which HTTP does not allow',
      ],
      ['connector-header', 6, 3, '`Bad Name` is not a valid HTTP header name'],
    ]);
    expect(check(custom(['start: {path: /new, headers: {X-A: "line\\n"}}']))[0]?.slice(0, 3)).toEqual([
      'connector-header',
      4,
      36,
    ]);
  });

  it('timeouts beyond an hour (setTimeout would fire at once) or that round to nothing', () => {
    expect(check(custom(['timeout: 1000000000000']))).toEqual([
      ['schema-value', 4, 10, '`timeout` is 1000000000000 seconds; it must be between 0.001 and 3600 (an hour)'],
    ]);
    expect(check(['base_url: http://bot', 'send_message: {path: /chat, timeout: [5, 7200]}'])).toEqual([
      ['schema-value', 2, 42, '`send_message.timeout[1]` is 7200 seconds; it must be between 0.001 and 3600 (an hour)'],
    ]);
    expect(check(custom(['timeout: 0.0001']))[0]?.[0]).toBe('schema-value');
    expect(check(custom(['timeout: 3600']))).toEqual([]);
  });

  it('retries and backoffs that would keep a conversation waiting for ever', () => {
    expect(check(custom(['retries: 1000000']))).toEqual([['schema-value', 4, 10, '1000000 retries is more than 10']]);
    expect(check(custom(['retries: {attempts: 3, backoff: 1000000000000}']))).toEqual([
      ['schema-value', 4, 33, 'a backoff of 1000000000000 seconds is more than 60'],
    ]);
    expect(check(custom(['retries: {attempts: 10, backoff: 60}']))).toEqual([]);
  });

  it('the new keys: follow_redirects and max_response_bytes', () => {
    expect(check(custom(['follow_redirects: any', 'max_response_bytes: 5000000']))).toEqual([]);
    expect(check(custom(['follow_redirects: always']))[0]?.slice(0, 3)).toEqual(['schema-value', 4, 19]);
    expect(check(custom(['max_response_bytes: 0']))[0]?.slice(0, 3)).toEqual(['schema-value', 4, 21]);
    expect(check(custom(['max_response_bytes: 1.5']))[0]?.[0]).toBe('schema-type');
  });

  it('reply parts, fetch_links, media_tokens and the audio section, with the position of each mistake', () => {
    const good = custom([
      'links_path: links',
      'images_path: data.images',
      'files_path: "files[0]"',
      'buttons_path: buttons',
      'fetch_links: true',
      'media_tokens: 500',
      'audio: {send_as: base64, field: voice.data, format: wav, path: /voice, payload_template: {id: "{{conversation_id}}"}, audio_path: audio, transcript_path: text, heard_path: heard}',
    ]);
    expect(check(good)).toEqual([]);
    expect(check(custom(['links_path: "links[*]"', 'buttons_path: a..b']))).toEqual([
      ['connector-path', 4, 19, '`links_path`: `[*]` (every item) is not supported: a path names one value'],
      ['connector-path', 5, 17, '`buttons_path`: two dots in a row: a step of the path is empty'],
    ]);
    expect(check(custom(['fetch_links: "yes"']))[0]?.slice(0, 3)).toEqual(['schema-type', 4, 14]);
    expect(check(custom(['media_tokens: 0']))[0]?.slice(0, 3)).toEqual(['schema-value', 4, 15]);
    expect(check(custom(['audio:', '  send_as: stream']))[0]?.slice(0, 3)).toEqual(['schema-value', 5, 12]);
    expect(check(custom(['audio:', '  send_as: base64', '  field: "a]"', '  url: ftp://x']))).toEqual([
      ['connector-url', 7, 8, '`audio.url` starts with ftp: where http:// or https:// is needed: `ftp://x`'],
      ['connector-path', 6, 12, '`audio.field`: `]` closes no `[`'],
    ]);
    expect(check(custom(['audio: {audio_path: "x.[0"}']))[0]?.slice(0, 2)).toEqual(['connector-path', 4]);
  });

  it('send_message keys that only start reads are flagged, not silently ignored', () => {
    const found = validateConnectorFile(
      parseYamlText(
        custom(['end: {path: /bye, conversation_id_path: id}'])
          .join('\n')
          .replace('path: /chat,', 'path: /chat, response_path: data.reply,'),
        'c.yml',
      ),
    );
    expect(found.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['warning', 'schema-unknown-key', '`response_path` is read only in `start`; here it is ignored'],
      ['warning', 'schema-unknown-key', '`conversation_id_path` is read only in `start`; here it is ignored'],
    ]);
  });
});

describe('values given at run time are checked before the first call', () => {
  it('an address from --connector-parameters, a header from the environment', async () => {
    await expect(
      loadConnector({ technology: 'taskyto', parameters: { base_url: 'localhost:5000' }, baseDir: '.' }),
    ).rejects.toThrow(
      'connector Taskyto: the send_message address `localhost:5000/conversation/user_message` starts with localhost: where http:// or https:// is needed',
    );
    const error = await loadConnector(
      { technology: 'dialogflow', parameters: { project_id: 'p' }, baseDir: '.' },
      { env: { DIALOGFLOW_ACCESS_TOKEN: 'ya29.token-from-a-file\n' } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorConfigError);
    expect((error as Error).message).toBe(
      'connector Dialogflow ES: the header Authorization of send_message has a line break or control character in its value',
    );
    expect((error as ConnectorConfigError).hint).toContain('a trailing newline from a file is a common cause');
  });
});

describe("validating run.yml's chatbot settings", () => {
  it('checks the technology, the connector parameters and the server block', async () => {
    const project = tempProject({
      'connectors/mine.yml': 'parameters: {a: {}, b: {default: 1}}\nbase_url: http://x\nsend_message: {path: /c}\n',
      'elsewhere/broken.yml': 'base_url: http://x\nsend_message: {path: /c, payload_template: {m: "{{mesage}}"}}\n',
    });
    const run = (text: string) => validateRunFile(parseYamlText(text, 'run.yml'), project);
    expect(
      await run(
        'technology: mine\nconnector_parameters: "a=1,b=2"\nserver: {command: [node, bot.mjs], url: "http://127.0.0.1:5050/", reuse_existing: true}\n',
      ),
    ).toEqual([]);
    expect(await run('technology: OpenAI_Chat\n')).toEqual([]);
    expect(await run('technology: millionbot\nconnector_parameters: {bot: b, conversation: c, sender: s}\n')).toEqual(
      [],
    );
    expect(codes(await run('technology: dialogflow\nconnector_parameters: "project_id=p,projct=x"\n'))).toEqual([
      ['schema-value', 2, 23, 'connector Dialogflow ES has no parameter `projct`'],
    ]);
    expect(codes(await run('technology: mine\n'))).toEqual([
      ['schema-value', 1, 13, 'connector mine needs the parameter `a`'],
    ]);
    expect(codes(await run('connector: elsewhere/broken.yml\n')).map((c) => c[0])).toEqual(['connector-template']);
    const found = codes(await run('technology: taskyo\nconnector_params: "a=1,b"\nserver: {url: "localhost:5000"}\n'));
    expect(found.map((c) => [c[0], c[1]]).sort()).toEqual([
      ['run-reference', 1],
      ['schema-missing-key', 3],
      ['schema-value', 2],
      ['schema-value', 3],
    ]);
    expect(found.find((c) => c[0] === 'run-reference')?.[3]).toBe(
      'technology `taskyo` is neither built in nor a file in connectors/ (did you mean `taskyto`?)',
    );
  });

  it('checks the addresses and paths the connector parameters make', async () => {
    const project = tempProject({
      'connectors/paths.yml':
        'parameters: [response_path]\nbase_url: http://x\nsend_message: {path: /c}\nresponse_path: PLACEHOLDER\n',
    });
    const run = (text: string) => validateRunFile(parseYamlText(text, 'run.yml'), project);
    expect(codes(await run('technology: taskyto\nconnector_parameters: {base_url: not a url}\n'))).toEqual([
      [
        'connector-url',
        2,
        23,
        'connector Taskyto: the send_message address `not a url/conversation/user_message` is not an address',
      ],
      ['connector-url', 2, 23, 'connector Taskyto: the start address `not a url/conversation/new` is not an address'],
    ]);
    expect(await run('technology: taskyto\nconnector_parameters: {base_url: "http://127.0.0.1:5000"}\n')).toEqual([]);
    expect(codes(await run('technology: paths\nconnector_parameters: {response_path: "a..b"}\n'))).toEqual([
      [
        'connector-path',
        2,
        23,
        'connector paths: response_path `a..b`: two dots in a row: a step of the path is empty',
      ],
    ]);
    expect(await run('technology: paths\nconnector_parameters: {response_path: "data.reply"}\n')).toEqual([]);
    rmSync(project, { recursive: true, force: true });
  });
});
