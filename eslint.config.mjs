// Typed lint rules. The boundary rule makes "the core never imports vscode or touches the file system" an error,
// not a convention (model: Foam's .oxlintrc.json, "Domain modules must not depend on VS Code").
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'sample-workspace/**', 'media/**', '**/*.mjs', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/test return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', name: ['describe', 'test', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'], package: 'node:test' }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is host-agnostic: it must not depend on VS Code. Put this in src/vscode.' },
            { name: 'fs', message: 'src/core does no I/O: take a port (src/core/ports.ts) instead.' },
            { name: 'node:fs', message: 'src/core does no I/O: take a port (src/core/ports.ts) instead.' },
            { name: 'fs/promises', message: 'src/core does no I/O: take a port (src/core/ports.ts) instead.' },
            { name: 'node:fs/promises', message: 'src/core does no I/O: take a port (src/core/ports.ts) instead.' },
          ],
        },
      ],
    },
  },
);
