import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'drizzle', 'tests/artifacts', 'coverage'] },
  js.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core never depends on the edges: adapters and workers depend on src/, not the reverse.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/bots/**', '**/workers/**'], message: 'src/ must not import adapters or workers.' },
            { group: ['telegraf', 'telegraf/*', 'whatsapp-web.js'], message: 'Only bots/ may import chat SDKs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main.ts', 'src/entry/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Only the config module reads the environment.
    files: ['src/**/*.ts', 'bots/**/*.ts', 'workers/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read Config, not process.env.' }],
    },
  },
);
