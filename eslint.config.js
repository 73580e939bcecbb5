import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layers point down only (DESIGN.md): core knows no I/O and no other package; server may not
// import cli or web code; nothing imports upward.
const noUpwardImports = (forbidden) => ({
  'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message: 'imports must point down the layers (DESIGN.md)' })) }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'packages/web/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: noUpwardImports(['@laoshi/server', '@laoshi/cli', '@laoshi/web', 'node:*', 'fs', 'path', 'http', 'https', 'child_process', 'net']),
  },
  { files: ['packages/server/src/**/*.ts'], rules: noUpwardImports(['@laoshi/cli', '@laoshi/cli/*']) },
);
