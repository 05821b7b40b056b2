import { describe, expect, it } from 'vitest';
import { optionsFromFlags, optionsFromRunYml } from './run-options.ts';

describe('run options', () => {
  it('takes Sensei\'s flags, relative to the working directory', () => {
    const options = optionsFromFlags({ technology: 'taskyto', projectPath: 'proj', userProfile: 'a.yml', extract: 'out', connectorParams: '{"api_url": "x"}', verbose: true }, '/work');
    expect(options).toMatchObject({
      projectDir: '/work/proj',
      userProfile: 'a.yml',
      technology: 'taskyto',
      connectorParameters: '{"api_url": "x"}',
      outputDir: '/work/out',
      verbose: true,
      concurrency: 4,
      failOn: { errors: true, rules: true },
      check: true,
    });
  });

  it('reads run.yml: execution parameters become flags, paths are relative to the project', () => {
    const runYml = {
      project_folder: 'shop',
      user_profile: 'pizza.yml',
      technology: 'taskyto',
      connector: 'connectors/bot.yml',
      connector_params: { api_url: 'http://localhost:5000' },
      extract: 'results',
      execution_parameters: ['verbose', 'ignore-cache', 'clean_cache'],
    };
    expect(optionsFromRunYml(runYml, { seed: 7, concurrency: 2 }, '/p/shop')).toMatchObject({
      projectDir: '/p/shop',
      userProfile: 'pizza.yml',
      connector: '/p/shop/connectors/bot.yml',
      connectorParameters: { api_url: 'http://localhost:5000' },
      outputDir: '/p/shop/results',
      verbose: true,
      ignoreCache: true,
      cleanCache: true,
      updateCache: false,
      seed: 7,
      concurrency: 2,
    });
  });

  it('fills Sensei\'s defaults for the empty keys of the init template', () => {
    const options = optionsFromRunYml({ project_folder: 'x', user_profile: null, technology: null, connector_params: null, extract: null }, {}, '/p/x');
    expect(options).toMatchObject({ userProfile: undefined, technology: undefined, connectorParameters: undefined, outputDir: '/p/x/output', verbose: false });
  });

  it('refuses flags that run.yml already sets, naming them', () => {
    expect(() => optionsFromRunYml({}, { userProfile: 'a.yml', technology: 'rasa' }, '/p')).toThrow('--technology, --user-profile cannot be combined with --run-from-yaml');
  });
});
