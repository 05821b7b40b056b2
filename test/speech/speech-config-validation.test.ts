import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const profile = (config: string) => `test_name: voice
llm:
  model: gpt-4o-mini
  format:
    type: speech
    config: ${config}
user:
  language: English
  role: you are a customer of a pizza shop
  goals:
    - "a large margherita pizza"
chatbot:
  is_starter: false
  fallback: I did not understand
  output: []
conversation:
  number: 1
  goal_style:
    steps: 2
  interaction_style:
    - single question
`;

/** Sensei's own speech configuration (its speech_configuration/speech_config.yml). */
const SENSEI_CONFIG = `stt:
  energy_threshold: 100
  pause_threshold: 1

tts:
  model: "tts-1-hd"
  voice: "onyx"
  speed: 1.0
`;

const BROKEN_CONFIG = `stt:
  energy_threshold: 100
  pause_treshold: 1
  phrases: [hello, 3]
tts:
  model: "tts-1-hd"
  voise: "onyx"
  speed: fast
  engine: espeak
volume: 3
`;

const CONFIG = 'speech_configuration/speech_config.yml';

describe('the speech configuration is validated like every project file', () => {
  it("accepts Sensei's speech configuration and simsim's keys", async () => {
    const dir = tempProject({
      'profiles/voice.yml': profile(CONFIG),
      [CONFIG]: `${SENSEI_CONFIG.replace('tts:\n', 'tts:\n  engine: espeak-ng\n')}  # more
`.replace('stt:\n', 'stt:\n  engine: pocketsphinx\n  model: whisper-1\n  phrases: [Welcome to the pizza shop.]\n'),
    });
    const result = await runCli(['validate', '--project', dir]);
    expect(result.stderr).not.toContain('error');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\b2 files\b/);
  });

  it('unknown keys and wrong types are errors at file:line:col, with did-you-mean; run refuses with exit 2', async () => {
    const dir = tempProject({ 'profiles/voice.yml': profile(CONFIG), [CONFIG]: BROKEN_CONFIG });
    const validate = await runCli(['validate', '--project', dir], { cwd: dir });
    expect(validate.code).toBe(1);
    const lines = validate.stderr.split('\n').filter((line) => line.startsWith(CONFIG));
    expect(lines).toEqual([
      `${CONFIG}:3:3  error  unknown key \`pause_treshold\` in \`stt\` (did you mean \`pause_threshold\`?)  [schema-unknown-key]`,
      `${CONFIG}:4:20  error  \`stt.phrases[1]\` must be text, not the integer 3  [schema-type]`,
      `${CONFIG}:7:3  error  unknown key \`voise\` in \`tts\` (did you mean \`voice\`?)  [schema-unknown-key]`,
      `${CONFIG}:8:10  error  \`tts.speed\` must be a number, not text  [schema-type]`,
      `${CONFIG}:9:11  error  \`tts.engine\` must be one of openai, espeak-ng (did you mean \`espeak-ng\`?)  [schema-value]`,
      `${CONFIG}:10:1  error  unknown key \`volume\`  [schema-unknown-key]`,
    ]);

    const run = await runCli(
      ['run', '--project-path', dir, '-t', 'taskyto', '--model', 'offline', '--output', join(dir, 'out')],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${CONFIG}:7:3  error  unknown key \`voise\``);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out', 'conversations.jsonl'))).toBe(false);
  });

  it('a speed OpenAI cannot speak at and a configuration that is not a map are errors', async () => {
    const dir = tempProject({
      'profiles/voice.yml': profile(CONFIG),
      'profiles/list.yml': profile('list.yml').replace('test_name: voice', 'test_name: list'),
      [CONFIG]: 'tts: {speed: 9}\n',
      'list.yml': '- tts\n',
    });
    const result = await runCli(['validate', '--project', dir], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${CONFIG}:1:14 {2}error {2}\`tts.speed\` .*4`));
    expect(result.stderr).toContain('list.yml:1:1  error  the speech configuration must be a map of keys and values');
  });

  it('a configuration that does not exist is an error at the profile line that names it', async () => {
    const dir = tempProject({ 'profiles/voice.yml': profile('speech_configuration/missing.yml') });
    const result = await runCli(['validate', '--project', dir], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'profiles/voice.yml:6:13  error  the speech configuration `speech_configuration/missing.yml` does not exist  [file-unreadable]',
    );
  });
});
