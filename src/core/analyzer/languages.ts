// File name → analyzer language, grammar file names, and the test-file convention shared by every detector.
// Kept free of node:path so it runs in a browser web worker.

import { configFormatFromName, sniffDirectiveFormat } from './config/configFormats';
import type { AnalyzerLanguage, ConfigLanguage } from './types';

const EXTENSIONS: ReadonlyArray<readonly [string, AnalyzerLanguage]> = [
  ['.js', 'javascript'],
  ['.jsx', 'javascript'],
  ['.mjs', 'javascript'],
  ['.cjs', 'javascript'],
  ['.ts', 'typescript'],
  ['.mts', 'typescript'],
  ['.cts', 'typescript'],
  ['.tsx', 'tsx'],
  ['.py', 'python'],
  ['.java', 'java'],
  ['.go', 'go'],
  ['.cs', 'csharp'],
  ['.php', 'php'],
  ['.rb', 'ruby'],
];

const ALL_LANGUAGES: readonly AnalyzerLanguage[] = ['javascript', 'typescript', 'tsx', 'python', 'java', 'go', 'csharp', 'php', 'ruby', 'yaml', 'json', 'nginx', 'haproxy', 'hcl', 'bicep'];

/** Configuration formats read without tree-sitter (the engine calls config/configAnalysis.ts for them). */
export const TEXT_CONFIG_LANGUAGES: ReadonlySet<AnalyzerLanguage> = new Set<ConfigLanguage>(['yaml', 'json', 'nginx', 'haproxy']);

/** True when `value` is one of the analyzer's language ids (so analyze() can take a language instead of a file name). */
export function isAnalyzerLanguage(value: string): value is AnalyzerLanguage {
  return (ALL_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of a file from its name (a path or URI string; only the base name matters), or undefined when the
 * analyzer does not handle it. TypeScript declaration files (`.d.ts`) hold no runtime state and are not analysed.
 */
export function languageForFile(fileName: string): AnalyzerLanguage | undefined {
  const base = baseName(fileName).toLowerCase();
  if (/\.d\.[mc]?ts$/.test(base)) {
    return undefined;
  }
  for (const [extension, language] of EXTENSIONS) {
    if (base.endsWith(extension) && base.length > extension.length) {
      return language;
    }
  }
  const config = configFormatFromName(fileName);
  return config === 'sniff' ? undefined : config;
}

/**
 * The language of a file from its name and, for names that do not decide (`default.conf`, `lb.cfg`, a file in
 * `sites-available/`), from its first directives: nginx or HAProxy.
 */
export function languageForText(fileName: string, text: string): AnalyzerLanguage | undefined {
  return languageForFile(fileName) ?? (configFormatFromName(fileName) === 'sniff' ? sniffDirectiveFormat(text) : undefined);
}

/** True when the file may be analysed once its text is known (its name decides, or it is an nginx/HAProxy candidate). */
export function mayAnalyzeFile(fileName: string): boolean {
  return languageForFile(fileName) !== undefined || configFormatFromName(fileName) === 'sniff';
}

/** The grammar shipped by @vscode/tree-sitter-wasm for a language. */
export function grammarFileFor(language: AnalyzerLanguage): string {
  return language === 'csharp' ? 'tree-sitter-c-sharp.wasm' : `tree-sitter-${language}.wasm`;
}

/**
 * Where a grammar's wasm comes from in node_modules, for loaders that read it there (the CLI run from source, tests):
 * HCL and Bicep ship in their own packages, every other grammar in @vscode/tree-sitter-wasm. The build copies all of
 * them into dist/grammars.
 */
export const GRAMMAR_PACKAGES: Readonly<Record<string, string>> = {
  'tree-sitter-hcl.wasm': '@tree-sitter-grammars/tree-sitter-hcl',
  'tree-sitter-bicep.wasm': 'tree-sitter-bicep',
};

/** Directory names whose contents are test code in the ecosystems the analyzer covers. */
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', '__mocks__', 'spec', 'specs', 'testdata', 'e2e', 'cypress']);

/**
 * True for test code by the usual naming conventions: `*.test.*`, `*.spec.*`, `test_*.py`, `*_test.py`, `conftest.py`,
 * `*_test.go`, `*Test(s).java|cs|php`, `*_spec.rb`, `*_test.rb`, and any file under a `test/`, `tests/`, `__tests__/`,
 * `spec/` (…) directory. Test servers deliberately use in-memory stores, so every rule stands down there. The
 * directory check looks at every segment of the given path, so callers pass a workspace-relative path.
 */
export function isTestFile(fileName: string): boolean {
  const normalized = fileName.replace(/\\/g, '/');
  const segments = normalized.split('/').filter((segment) => segment.length > 0);
  const base = segments.pop() ?? '';
  if (segments.some((segment) => TEST_DIRECTORIES.has(segment.toLowerCase()))) {
    return true;
  }
  return (
    /\.(test|spec)\.[a-z0-9]+$/i.test(base) ||
    /^test_.*\.py$/i.test(base) ||
    /_test\.(py|go|rb)$/i.test(base) ||
    /^conftest\.py$/i.test(base) ||
    /_spec\.rb$/i.test(base) ||
    /Tests?\.(java|cs|php)$/.test(base)
  );
}

function baseName(fileName: string): string {
  const normalized = fileName.replace(/\\/g, '/');
  const slash = normalized.lastIndexOf('/');
  return slash >= 0 ? normalized.slice(slash + 1) : normalized;
}
