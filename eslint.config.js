import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/ as layers: each may import only the folders listed for it (and itself), so
 * every arrow points down and no two folders can depend on each other. ARCHITECTURE.md explains
 * what each layer owns; test/architecture/boundaries.test.ts checks that this table has no cycle.
 */
const LAYERS = {
  base: [],
  yaml: ['base'],
  schema: ['base', 'yaml'],
  styles: ['base'],
  model: ['base', 'styles'],
  variables: ['base', 'model'],
  net: ['base'],
  cost: ['base', 'model'],
  llm: ['base', 'model', 'net', 'cost'],
  connector: ['base', 'model', 'yaml', 'schema', 'net', 'conversation'],
  server: ['base', 'model', 'connector'],
  conversation: ['base', 'model', 'styles', 'cost'],
  offline: ['base', 'model', 'styles', 'conversation'],
  extraction: ['base', 'model', 'conversation', 'cost'],
  cases: ['base', 'yaml'],
  output: ['base', 'model', 'conversation', 'cost', 'cases', 'stats'],
  stats: ['base'],
  calibrate: ['base', 'yaml', 'stats'],
  migrate: ['base', 'yaml'],
  diff: ['base', 'yaml', 'llm', 'stats'],
  judge: ['base', 'model', 'variables', 'llm', 'conversation'],
  'simulator-faults': ['base', 'styles', 'model', 'conversation'],
  verdict: [
    'base',
    'model',
    'styles',
    'variables',
    'conversation',
    'cost',
    'llm',
    'output',
    'check',
    'judge',
    'simulator-faults',
  ],
  targets: ['base', 'model', 'variables', 'connector'],
  media: ['base', 'model', 'net', 'cost', 'llm', 'connector', 'conversation'],
  speech: ['base', 'model', 'yaml', 'cost', 'llm', 'connector', 'conversation'],
  check: ['base', 'yaml', 'schema', 'model', 'cost', 'llm', 'output'],
  report: ['base', 'model', 'output'],
  load: [
    'base',
    'yaml',
    'schema',
    'model',
    'styles',
    'variables',
    'cost',
    'llm',
    'connector',
    'server',
    'speech',
    'check',
    'cases',
    'targets',
  ],
  app: [
    'base',
    'yaml',
    'schema',
    'model',
    'styles',
    'variables',
    'net',
    'cost',
    'llm',
    'connector',
    'server',
    'conversation',
    'offline',
    'extraction',
    'cases',
    'output',
    'stats',
    'calibrate',
    'diff',
    'judge',
    'simulator-faults',
    'verdict',
    'targets',
    'media',
    'speech',
    'check',
    'report',
    'load',
  ],
  reporters: ['base', 'model', 'conversation', 'output', 'app'],
  cli: [
    'base',
    'yaml',
    'model',
    'styles',
    'llm',
    'connector',
    'server',
    'cases',
    'output',
    'stats',
    'calibrate',
    'migrate',
    'diff',
    'judge',
    'verdict',
    'targets',
    'check',
    'report',
    'load',
    'app',
    'reporters',
  ],
  bin: ['cli'],
};

const terminalPackages = ['chalk', 'ora', 'commander'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/', '**/*.mjs', '**/*.d.mts', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core returns data; only the CLI and reporters touch the terminal.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/reporters/**', 'src/bin/**', 'src/**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: terminalPackages.map((name) => ({
            name,
            message: 'Only src/cli and src/reporters may use terminal packages.',
          })),
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Throw a typed error; src/bin sets the exit code.' },
        { object: 'process', property: 'stdout', message: 'The core never prints.' },
        { object: 'process', property: 'stderr', message: 'The core never prints.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    // Tests may reach into any layer to set up what they check.
    ignores: ['src/**/*.test.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': Object.keys(LAYERS).map((type) => ({ type, pattern: `src/${type}` })),
      'boundaries/include': ['src/**/*.ts'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message:
            'src/{{from.type}} may not import src/{{to.type}}: imports go down the layers of ARCHITECTURE.md (eslint.config.js lists them)',
          policies: Object.entries(LAYERS).map(([type, below]) => ({
            from: { element: { type } },
            allow: { to: { element: { types: { anyOf: [type, ...below] } } } },
          })),
        },
      ],
      'boundaries/no-unknown-files': 'error',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
