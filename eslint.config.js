import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': ['error', { paths: terminalPackages.map((name) => ({ name, message: 'Only src/cli and src/reporters may use terminal packages.' })) }],
      'no-restricted-properties': ['error',
        { object: 'process', property: 'exit', message: 'Throw a typed error; src/bin sets the exit code.' },
        { object: 'process', property: 'stdout', message: 'The core never prints.' },
        { object: 'process', property: 'stderr', message: 'The core never prints.' }],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
