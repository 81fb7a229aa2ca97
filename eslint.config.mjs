// Lint rules that hold the architecture in place:
// - main/ is the engine: plain Node, never `electron`, never the shell or the UI;
// - renderer/ reaches the engine only through the typed API client: no `electron`,
//   no main/ code (the contract may be imported for TYPES only, via `@contract`), no Node built-ins.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'main/ runs under plain Node: never import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**/*.ts', 'electron/**/*.ts', 'tests/**/*.ts', '*.config.{ts,mjs}', 'resources/**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['resources/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['electron/*'], message: 'main/ runs under plain Node: never import electron.' },
            { group: ['**/electron/**', '../electron', '../../electron'], message: 'main/ must not depend on the Electron shell.' },
            { group: ['**/renderer/**'], message: 'main/ must not depend on the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer never imports electron: use the API client.' },
            { name: '@contract', allowTypeImports: true, message: 'Only types may come from the contract (import type).' },
          ],
          patterns: [
            { group: ['**/main/**', '**/main'], message: 'The renderer reaches the engine only through the API client.' },
            { group: ['**/electron/**', 'electron/*'], message: 'The renderer never imports the Electron shell.' },
            { group: ['node:*'], message: 'No Node built-ins in the renderer.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcRenderer']", message: 'ipcRenderer is never exposed to the renderer.' },
      ],
    },
  },
);
