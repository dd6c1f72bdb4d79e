// The one table of file kinds the analyzer reads. Everything that depends on "which files, which language" is
// derived from it: the editor's document selector and activation events, the workspace glob, the CLI walker's
// filter, the grammar files the build copies, the suppression comment syntax, the test-file conventions and the
// server-module hints. A new file kind (YAML, HCL, nginx, ...) is one more entry here, nothing else.
// Kept free of node:path so it runs in a browser web worker.

import { sniffDirectiveFormat, type ConfigFormat } from './config/configFormats';

/**
 * One kind of file the analyzer handles. The entry's `id` is the analyzer language (`AnalyzerLanguage`), which
 * detectors declare and the parser host loads a grammar for.
 */
export interface FileKindSpec {
  readonly id: string;
  /** VS Code language ids of documents of this kind (activation events, the CodeLens/diagnostics selector). */
  readonly vscodeLanguageIds: readonly string[];
  /**
   * When documents of these languages should NOT activate the extension (`onLanguage:`), the workspace files that
   * do instead (`workspaceContains:`). JSON is the case: VS Code and the built-in extensions open JSON and JSONC
   * models at start-up in nearly every workspace (package.json, settings), so `onLanguage:json` activated Statecraft in
   * the busiest moment of every start, where its "Load Code" took 0.5 s of other extensions' loading; only
   * CloudFormation/SAM and ARM templates matter to it. Once active, every kind gets hints whatever activated it.
   */
  readonly activation?: { readonly workspaceContains: readonly string[] };
  /** File name endings, lower-case with the dot (`.ts`). The longest matching ending wins. */
  readonly extensions: readonly string[];
  /** Whole base names (case-insensitive) for kinds recognised by name rather than ending (`Dockerfile`). */
  readonly fileNames?: readonly string[];
  /** Base names that end like this kind but are not analysed (`.d.ts` declarations hold no runtime state). */
  readonly excludedNames?: readonly RegExp[];
  /**
   * The tree-sitter grammar shipped by @vscode/tree-sitter-wasm (the build copies exactly these), or undefined for
   * a kind the analyzer reads without a syntax tree.
   */
  readonly grammar: string | undefined;
  /** Comment syntax, for `statecraft-ignore` suppressions: line-comment tokens, the first one used when inserting. */
  readonly comments: { readonly line: readonly string[]; readonly block: boolean };
  /** Base-name conventions of test files in this ecosystem (besides `*.test.*`, `*.spec.*` and test folders). */
  readonly testFileNames?: readonly RegExp[];
  /** Imported module names (and name prefixes) that make a file server code, where the detectors ask. */
  readonly serverModules?: { readonly names: readonly string[]; readonly prefixes: readonly string[] };
  /**
   * Content sniffing for ambiguous names: when present, a file whose name matches is of this kind only if `sniff`
   * accepts the first bytes of its text (e.g. a `*.conf` that looks like nginx). Callers without the text yet (a
   * directory walk) treat such a name as a candidate and let the analyzer decide once it has the text.
   */
  readonly sniff?: (head: string) => boolean;
  /**
   * Folder names (lower-case) whose files are candidates whatever their names: files in nginx's `sites-available/`
   * have no extension. Checked against the parent folder in the path the caller gives, so callers pass a
   * workspace-relative path. Such kinds also sniff.
   */
  readonly folders?: readonly string[];
  /**
   * The npm package whose root holds {@link grammar}, for grammars that @vscode/tree-sitter-wasm does not ship
   * (HCL, Bicep); loaders reading node_modules and the build use it.
   */
  readonly grammarPackage?: string;
  /** The configuration format the affinity rules read (configuration hints); undefined for code. */
  readonly configFormat?: ConfigFormat;
}

/**
 * The one size cap for analysed files, in UTF-8 bytes: the analyzer's default, the CLI's `--max-bytes` default and
 * the editor's `statecraft.hints.maxFileSizeKb` default (larger files are generated bundles and data dumps).
 */
export const MAX_ANALYSED_BYTES = 1024 * 1024;

/** How much of a text's start {@link FileKindSpec.sniff} is given. */
export const SNIFF_LENGTH = 4096;

const C_STYLE = { line: ['//'], block: true } as const;
const HASH = { line: ['#'], block: false } as const;

/** Module names that make a JavaScript/TypeScript file server code (framework imports, Node's servers). */
const JS_SERVER_MODULES = {
  names: [
    'http', 'https', 'http2', 'net', 'express', 'fastify', 'koa', 'koa-router', 'restify', 'socket.io', 'ws',
    'uWebSockets.js', 'polka', 'micro', 'hono', 'h3', 'elysia', 'connect', 'sockjs', 'hapi', 'next', 'next/server',
    'express-session', 'express-ws', 'apollo-server', 'apollo-server-express', 'graphql-yoga', 'feathers', 'sails',
  ],
  prefixes: ['@nestjs/', '@fastify/', 'fastify-', '@hapi/', '@koa/', 'koa-', '@hono/', '@trpc/server', '@apollo/server', '@socket.io/', '@feathersjs/', 'express-'],
} as const;

const DOT_TEST_OR_SPEC = /\.(test|spec)\.[a-z0-9]+$/i;

/** The file kinds, in the order tools list them. */
export const FILE_KINDS = [
  {
    id: 'javascript',
    vscodeLanguageIds: ['javascript', 'javascriptreact'],
    extensions: ['.js', '.jsx', '.mjs', '.cjs'],
    grammar: 'tree-sitter-javascript.wasm',
    comments: C_STYLE,
    serverModules: JS_SERVER_MODULES,
  },
  {
    id: 'typescript',
    vscodeLanguageIds: ['typescript'],
    extensions: ['.ts', '.mts', '.cts'],
    excludedNames: [/\.d\.[mc]?ts$/i],
    grammar: 'tree-sitter-typescript.wasm',
    comments: C_STYLE,
    serverModules: JS_SERVER_MODULES,
  },
  {
    id: 'tsx',
    vscodeLanguageIds: ['typescriptreact'],
    extensions: ['.tsx'],
    grammar: 'tree-sitter-tsx.wasm',
    comments: C_STYLE,
    serverModules: JS_SERVER_MODULES,
  },
  {
    id: 'python',
    vscodeLanguageIds: ['python'],
    extensions: ['.py'],
    grammar: 'tree-sitter-python.wasm',
    comments: HASH,
    // `tests.py` (a Django app's tests) and `test.py` (the test settings of a settings package) too.
    testFileNames: [/^test_.*\.py$/i, /_test\.py$/i, /^conftest\.py$/i, /^tests?\.py$/i],
    serverModules: {
      names: [
        'flask', 'django', 'fastapi', 'starlette', 'aiohttp', 'tornado', 'sanic', 'quart', 'socketio', 'flask_socketio',
        'socketserver', 'bottle', 'falcon', 'pyramid', 'websockets', 'litestar', 'channels', 'rest_framework', 'werkzeug',
        'flask_login', 'fastapi_sessions', 'uvicorn', 'cherrypy', 'web', 'ninja',
      ],
      prefixes: [],
    },
  },
  {
    id: 'java',
    vscodeLanguageIds: ['java'],
    extensions: ['.java'],
    grammar: 'tree-sitter-java.wasm',
    comments: C_STYLE,
    testFileNames: [/Tests?\.java$/],
  },
  {
    id: 'go',
    vscodeLanguageIds: ['go'],
    extensions: ['.go'],
    grammar: 'tree-sitter-go.wasm',
    comments: C_STYLE,
    testFileNames: [/_test\.go$/i],
  },
  {
    id: 'csharp',
    vscodeLanguageIds: ['csharp'],
    extensions: ['.cs'],
    grammar: 'tree-sitter-c-sharp.wasm',
    comments: C_STYLE,
    testFileNames: [/Tests?\.cs$/],
  },
  {
    id: 'php',
    vscodeLanguageIds: ['php'],
    extensions: ['.php'],
    grammar: 'tree-sitter-php.wasm',
    comments: { line: ['//', '#'], block: true },
    testFileNames: [/Tests?\.php$/],
  },
  {
    id: 'ruby',
    vscodeLanguageIds: ['ruby'],
    extensions: ['.rb'],
    grammar: 'tree-sitter-ruby.wasm',
    comments: HASH,
    testFileNames: [/_test\.rb$/i, /_spec\.rb$/i],
  },
  // Configuration files (issue 16): where session affinity is switched on. YAML and JSON are read whole (Kubernetes,
  // compose, CloudFormation, ARM: the content decides what the keys mean); nginx and HAProxy names are ambiguous, so
  // their text is sniffed; HCL and Bicep parse with tree-sitter grammars from their own npm packages.
  {
    id: 'yaml',
    vscodeLanguageIds: ['yaml', 'dockercompose', 'helm'],
    extensions: ['.yaml', '.yml', '.yaml.tmpl', '.yml.tmpl', '.yaml.j2', '.yml.j2', '.yaml.tpl', '.yml.tpl'],
    grammar: undefined,
    comments: HASH,
    configFormat: 'yaml',
  },
  {
    id: 'json',
    vscodeLanguageIds: ['json', 'jsonc'],
    // The naming conventions of templates: AWS's `*.template.json` and SAM `template.json`, Azure's `azuredeploy*.json`.
    activation: { workspaceContains: ['**/*.template.json', '**/template.json', '**/azuredeploy*.json', '**/*.cfn.json'] },
    extensions: ['.json'],
    // Manifests and editor settings never configure a load balancer; skipping them saves reading every one.
    excludedNames: [/^(?:package(?:-lock)?|tsconfig.*|jsconfig|composer|\.eslintrc|launch|settings|tasks|extensions|tslint|lerna|nx|project)\.json$/i],
    grammar: undefined,
    comments: { line: ['//'], block: true },
    // Most JSON in a repository is data (fixtures, baselines, lockfiles): only CloudFormation/SAM and ARM templates
    // route traffic, and both say so near the top.
    sniff: (head) => /"AWSTemplateFormatVersion"|"resources"\s*:|"clientAffinityEnabled"|schema\.management\.azure\.com/i.test(head),
    configFormat: 'json',
  },
  {
    id: 'nginx',
    vscodeLanguageIds: ['nginx'],
    extensions: ['.nginx', '.nginxconf', '.conf', '.conf.j2', '.conf.template', '.conf.tmpl', '.conf.tpl', '.conf.erb', '.tmpl', '.tpl', '.j2', '.template'],
    folders: ['sites-available', 'sites-enabled'],
    grammar: undefined,
    comments: HASH,
    sniff: (head) => sniffDirectiveFormat(head) === 'nginx',
    configFormat: 'nginx',
  },
  {
    id: 'haproxy',
    vscodeLanguageIds: ['haproxy'],
    extensions: ['.cfg', '.cfg.j2', '.cfg.template', '.cfg.tmpl', '.cfg.tpl', '.cfg.erb', '.tmpl', '.tpl', '.j2', '.template'],
    grammar: undefined,
    comments: HASH,
    sniff: (head) => sniffDirectiveFormat(head) === 'haproxy',
    configFormat: 'haproxy',
  },
  {
    id: 'hcl',
    vscodeLanguageIds: ['terraform', 'hcl', 'opentofu', 'terraform-vars'],
    extensions: ['.tf', '.tofu', '.tfvars'],
    grammar: 'tree-sitter-hcl.wasm',
    grammarPackage: '@tree-sitter-grammars/tree-sitter-hcl',
    comments: { line: ['#', '//'], block: true },
    configFormat: 'hcl',
  },
  {
    id: 'bicep',
    vscodeLanguageIds: ['bicep'],
    extensions: ['.bicep'],
    grammar: 'tree-sitter-bicep.wasm',
    grammarPackage: 'tree-sitter-bicep',
    comments: C_STYLE,
    configFormat: 'bicep',
  },
] as const satisfies readonly FileKindSpec[];

/** Languages (file kinds) the analyzer reads; the ids of {@link FILE_KINDS}. */
export type AnalyzerLanguage = (typeof FILE_KINDS)[number]['id'];

const BY_ID = new Map<string, FileKindSpec>(FILE_KINDS.map((kind) => [kind.id, kind]));

/** The table entry of a language. */
export function fileKind(language: AnalyzerLanguage): FileKindSpec {
  return BY_ID.get(language)!;
}

/** True when `value` is one of the analyzer's language ids (so analyze() can take a language instead of a file name). */
export function isAnalyzerLanguage(value: string): value is AnalyzerLanguage {
  return BY_ID.has(value);
}

/** Kinds whose name matches, best (longest ending, then table order) first; sniffing not applied. */
function kindsByName(fileName: string): FileKindSpec[] {
  const base = baseName(fileName).toLowerCase();
  const segments = fileName.replace(/\\/g, '/').toLowerCase().split('/');
  const folder = segments.length > 1 ? segments[segments.length - 2] : undefined;
  const scored: Array<{ kind: FileKindSpec; length: number }> = [];
  for (const kind of FILE_KINDS as readonly FileKindSpec[]) {
    if (kind.excludedNames?.some((pattern) => pattern.test(base))) {
      continue;
    }
    if (folder !== undefined && kind.folders?.includes(folder)) {
      scored.push({ kind, length: 0 });
      continue;
    }
    if (kind.fileNames?.some((name) => name.toLowerCase() === base)) {
      scored.push({ kind, length: base.length + 1 });
      continue;
    }
    const ending = kind.extensions.filter((extension) => base.endsWith(extension) && base.length > extension.length).sort((a, b) => b.length - a.length)[0];
    if (ending) {
      scored.push({ kind, length: ending.length });
    }
  }
  return scored.sort((a, b) => b.length - a.length).map((entry) => entry.kind);
}

/**
 * The language of a file from its name (a path or URI string; only the base name matters) and, for kinds that sniff,
 * the start of its text; undefined when the analyzer does not handle it. A sniffing kind without `head` is not chosen.
 * TypeScript declaration files (`.d.ts`) hold no runtime state and are not analysed.
 */
export function languageForFile(fileName: string, head?: string): AnalyzerLanguage | undefined {
  for (const kind of kindsByName(fileName)) {
    if (!kind.sniff || (head !== undefined && kind.sniff(head))) {
      return kind.id as AnalyzerLanguage;
    }
  }
  return undefined;
}

/** True when a file of this name may be analysed (some kind matches; sniffing kinds decide later, from the text). */
export function mayBeAnalysed(fileName: string): boolean {
  return kindsByName(fileName).length > 0;
}

/** The language of an editor document from its VS Code language id (untitled or oddly named documents). */
export function languageForVscodeId(vscodeLanguageId: string): AnalyzerLanguage | undefined {
  return (FILE_KINDS as readonly FileKindSpec[]).find((kind) => kind.vscodeLanguageIds.includes(vscodeLanguageId))?.id as AnalyzerLanguage | undefined;
}

/** A file name ending of a language, for naming text that has no file name of its own. */
export function defaultExtension(language: AnalyzerLanguage): string {
  return fileKind(language).extensions[0];
}

/** Every VS Code language id the analyzer serves: the document selector and the `onLanguage:` activation events. */
/** The extension's activation events for the analysed kinds: `onLanguage:` per language, or the kind's own events. */
export function analysisActivationEvents(): string[] {
  return (FILE_KINDS as readonly FileKindSpec[]).flatMap((kind) =>
    kind.activation
      ? kind.activation.workspaceContains.map((glob) => `workspaceContains:${glob}`)
      : kind.vscodeLanguageIds.map((language) => `onLanguage:${language}`),
  );
}

export function analysedVscodeLanguageIds(): string[] {
  return [...new Set((FILE_KINDS as readonly FileKindSpec[]).flatMap((kind) => kind.vscodeLanguageIds))];
}

/** A glob (`**\/*.{js,ts,...}`, plus whole names) matching every file the analyzer may read, for workspace searches. */
export function analysedFilesGlob(): string {
  const kinds = FILE_KINDS as readonly FileKindSpec[];
  const endings = [...new Set(kinds.flatMap((kind) => kind.extensions.map((extension) => extension.slice(1))))];
  const names = [...kinds.flatMap((kind) => kind.fileNames ?? []), ...kinds.flatMap((kind) => (kind.folders ?? []).map((folder) => `${folder}/*`))];
  if (names.length === 0) {
    return `**/*.{${endings.join(',')}}`;
  }
  // One level of braces after `**/` (not every glob engine nests braces, and `{**/a,**/b}` misses top-level files in
  // some engines): `**/{*.js,*.ts,Dockerfile,sites-available/*}`, the form VS Code's own documentation uses.
  return `**/{${[...endings.map((ending) => `*.${ending}`), ...names].join(',')}}`;
}

/**
 * The files whose analysis needs a tree-sitter grammar (source code, not configuration): what the editor's analysis
 * worker warms up for before the first of them opens.
 */
export function parsedSourceFilesGlob(): string {
  const kinds = (FILE_KINDS as readonly FileKindSpec[]).filter((kind) => kind.grammar !== undefined);
  return `**/*.{${[...new Set(kinds.flatMap((kind) => kind.extensions.map((extension) => extension.slice(1))))].join(',')}}`;
}

/** The grammar files the analyzer may load, plus the runtime's own wasm (what the build copies to dist/grammars). */
export function grammarFiles(): string[] {
  const grammars = (FILE_KINDS as readonly FileKindSpec[]).flatMap((kind) => (kind.grammar ? [kind.grammar] : []));
  return ['tree-sitter.wasm', ...new Set(grammars)];
}

/** Where a grammar file lives in node_modules: its package and the folder inside it (the build and Node loaders). */
export function grammarLocation(file: string): { readonly packageName: string; readonly folder: string } {
  const owner = (FILE_KINDS as readonly FileKindSpec[]).find((kind) => kind.grammar === file && kind.grammarPackage !== undefined);
  return owner?.grammarPackage ? { packageName: owner.grammarPackage, folder: '' } : { packageName: '@vscode/tree-sitter-wasm', folder: 'wasm' };
}

/** The configuration format of a language, or undefined for code languages. */
export function configFormatOf(language: AnalyzerLanguage): ConfigFormat | undefined {
  return fileKind(language).configFormat;
}

/** The grammar shipped by @vscode/tree-sitter-wasm for a language. */
export function grammarFileFor(language: AnalyzerLanguage): string {
  const grammar = fileKind(language).grammar;
  if (grammar === undefined) {
    throw new Error(`${language} files are not parsed with tree-sitter`);
  }
  return grammar;
}

/** True when a module name makes a file of this language server code (see {@link FileKindSpec.serverModules}). */
export function isServerModuleOf(language: AnalyzerLanguage, moduleName: string): boolean {
  const modules = fileKind(language).serverModules;
  return modules !== undefined && (modules.names.includes(moduleName) || modules.prefixes.some((prefix) => moduleName.startsWith(prefix)));
}

/** Directory names whose contents are test code in the ecosystems the analyzer covers. */
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', '__mocks__', 'spec', 'specs', 'testdata', 'e2e', 'cypress']);

/**
 * True for test code by the usual naming conventions: `*.test.*`, `*.spec.*`, each kind's own
 * {@link FileKindSpec.testFileNames} (`test_*.py`, `*_test.go`, `*Test(s).java`, `*_spec.rb`, ...), and any file under
 * a `test/`, `tests/`, `__tests__/`, `spec/` (…) directory. Test servers deliberately use in-memory stores, so every
 * rule stands down there. The directory check looks at every segment of the given path, so callers pass a
 * workspace-relative path.
 */
export function isTestFile(fileName: string): boolean {
  const normalized = fileName.replace(/\\/g, '/');
  const segments = normalized.split('/').filter((segment) => segment.length > 0);
  const base = segments.pop() ?? '';
  if (segments.some((segment) => TEST_DIRECTORIES.has(segment.toLowerCase()))) {
    return true;
  }
  if (DOT_TEST_OR_SPEC.test(base)) {
    return true;
  }
  return kindsByName(base).some((kind) => kind.testFileNames?.some((pattern) => pattern.test(base)) === true);
}

function baseName(fileName: string): string {
  const normalized = fileName.replace(/\\/g, '/');
  const slash = normalized.lastIndexOf('/');
  return slash >= 0 ? normalized.slice(slash + 1) : normalized;
}
