// Lint rules: typescript-eslint's recommended set over the whole TypeScript tree.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.kubenest/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layering: imports point down to libs; an app never imports another app's code, a lib no app's.
  ...[
    ['apps/apiserver/**/*.ts', 'agent'],
    ['apps/agent/**/*.ts', 'apiserver'],
    ['libs/**/*.ts', 'apps'],
  ].map(([files, above]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: `^(\\.\\./)+${above}(/|$)`, message: 'imports point down to libs only' }] },
      ],
    },
  })),
);
