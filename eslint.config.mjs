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
      // The bundle extractor (npm run l10n) reads only literal messages: a concatenated or computed message would be
      // left out of l10n/bundle.l10n.json silently and never be translated. Tagged templates (l10n.t`...${x}`) are fine.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='t'][callee.object.name='l10n']:not([arguments.0.type='Literal']):not([arguments.0.type='ObjectExpression'])",
          message: 'l10n.t needs one string literal (or l10n.t`...` for values): the extractor skips anything else.',
        },
        {
          selector: "CallExpression[callee.property.name='t'][callee.object.property.name='l10n']:not([arguments.0.type='Literal']):not([arguments.0.type='ObjectExpression'])",
          message: 'vscode.l10n.t needs one string literal: the extractor skips anything else.',
        },
        {
          selector: "CallExpression[callee.property.name='t'] > ObjectExpression > Property[key.name='message']:not([value.type='Literal'])",
          message: 'l10n.t({ message }) needs a string literal: the extractor skips anything else.',
        },
        {
          selector: "CallExpression[callee.property.name='t'] > ObjectExpression > Property[key.name='comment']:not([value.type='ArrayExpression'])",
          message: 'l10n.t({ comment }) needs an inline array of literals: the extractor skips the message otherwise.',
        },
      ],
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
          // The package names above are not the only way out of the core: a relative path reaches the adapters too.
          patterns: [
            {
              regex: '^(\\.\\./)+(vscode|cli|extension|cli\\.ts|extension\\.ts)(/.*)?$',
              message: 'src/core must not import the adapters (src/vscode, src/cli, extension.ts, cli.ts): dependencies run extension → adapter → core.',
            },
          ],
        },
      ],
    },
  },
);
