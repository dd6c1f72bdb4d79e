// Cross-file session stores: `app.use(session({ store }))` where `store` comes from another module of the project.
// Judging the configuration alone is impossible (a store option is usually an external store), so the analysis
// follows the relative import (ESM `import`, CommonJS `require`, `export ... from` re-exports; `.js` written for a
// `.ts` file; `index` files) one or two hops to the module that builds the store, reads it through the host's
// reader port, and decides there: an in-memory store (express-session's MemoryStore, `memorystore`,
// `createMemorySessionStorage`) is reported on the configuration's `store` with the module's name; any other store
// (Redis, Mongo, ...) and anything that cannot be resolved or read stay quiet.
// The module that builds the store is reported by the single-file rules when it is analysed itself.
// Pure and host-agnostic: paths are the host's relative paths with `/` separators; the reader may return undefined.

import * as l10n from '@vscode/l10n';
import type { Finding, TextRange } from './types';
import { makeFinding } from './syntax/tree';

/** Reads a file of the project by its path (relative like the analysed file's), or undefined when it is not there. */
export type ReadRelated = (path: string) => Promise<string | undefined>;

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const IN_MEMORY_STORE = /new\s+(session\s*\.\s*|expressSession\s*\.\s*)?MemoryStore\s*\(|require\(\s*['"]memorystore['"]\s*\)|from\s+['"]memorystore['"]|createMemorySessionStorage\s*\(/;
const MAX_HOPS = 2;

/** The module paths a relative specifier may name, in Node/TypeScript resolution order. */
export function relativeCandidates(fromFile: string, specifier: string): string[] {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
    return [];
  }
  const base = joinPath(dirname(fromFile), specifier);
  const candidates = [base];
  // TypeScript sources import their siblings with the emitted extension: './store.js' is './store.ts'.
  const emitted = /\.(m|c)?js$/.exec(base);
  if (emitted) {
    const stem = base.slice(0, -emitted[0].length);
    candidates.push(`${stem}.${emitted[1] ?? ''}ts`, `${stem}.tsx`);
  }
  if (!/\.[cm]?[jt]sx?$/.test(base)) {
    candidates.push(...EXTENSIONS.map((extension) => base + extension), ...EXTENSIONS.map((extension) => `${base}/index${extension}`));
  }
  return candidates;
}

/** Session-store findings for a JS/TS file whose session middleware takes its store from another module. */
export async function crossFileSessionStores(text: string, fileName: string, read: ReadRelated): Promise<Finding[]> {
  if (!/\bsession\b|Session/.test(text) || !/\bstore\b/.test(text)) {
    return [];
  }
  const findings: Finding[] = [];
  for (const use of storeUses(text)) {
    const specifier = importedFrom(text, use.name);
    if (specifier === undefined) {
      continue;
    }
    const module = await resolveStoreModule(fileName, specifier, use.name, read, MAX_HOPS);
    if (module !== undefined) {
      findings.push(
        makeFinding('session-store-in-memory', use.range, {
          message: l10n.t({
            message: 'The session store `{0}` comes from {1}, which builds an in-memory store: sessions live in one process, are lost on restart, and a second instance needs sticky routing to see them.',
            args: [use.name, module],
            comment: ['{0} is a variable name, {1} the path of the module that builds the store'],
          }),
          note: 'externalize-sessions-node#express',
          framework: 'express-session',
        }),
      );
    }
  }
  return findings;
}

interface StoreUse {
  readonly name: string;
  readonly range: TextRange;
}

/** `store: name` and shorthand `{ store }` options, with the range of the option. */
function storeUses(text: string): StoreUse[] {
  const uses: StoreUse[] = [];
  const pattern = /\bstore\s*:\s*([A-Za-z_$][\w$]*)\b(?!\s*[.(])|[{,]\s*(store)\s*[,}]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const lineEnd = text.indexOf('\n', match.index);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    // `import { store } from ...` and `const { store } = require(...)` bind the name; they do not configure a session.
    if (/^\s*import\b|^\s*export\s*(\*|\{)[^;]*\bfrom\b|require\s*\(/.test(line)) {
      continue;
    }
    const name = match[1] ?? match[2]!;
    const start = match.index + match[0].indexOf('store');
    uses.push({ name, range: { start: positionAt(text, start), end: positionAt(text, start + 'store'.length) } });
  }
  return uses;
}

/** The relative module a local name is imported or required from. */
function importedFrom(text: string, name: string): string | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  const patterns = [
    new RegExp(`import\\s+${escaped}\\s*(,\\s*\\{[^}]*\\})?\\s*from\\s*['"]([^'"]+)['"]`),
    new RegExp(`import\\s*\\{[^}]*\\b(\\w+\\s+as\\s+)?${escaped}\\b[^}]*\\}\\s*from\\s*['"]([^'"]+)['"]`),
    new RegExp(`import\\s*\\*\\s*as\\s+${escaped}\\s+from\\s*['"]([^'"]+)['"]`),
    new RegExp(`(const|let|var)\\s+${escaped}\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]\\s*\\)`),
    new RegExp(`(const|let|var)\\s*\\{[^}]*\\b${escaped}\\b[^}]*\\}\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]\\s*\\)`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) {
      return match[match.length - 1];
    }
  }
  return undefined;
}

/** The path of the module that builds an in-memory store for `name`, following re-exports up to `hops` modules. */
async function resolveStoreModule(fromFile: string, specifier: string, name: string, read: ReadRelated, hops: number): Promise<string | undefined> {
  for (const candidate of relativeCandidates(fromFile, specifier)) {
    let text: string | undefined;
    try {
      text = await read(candidate);
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      continue;
    }
    if (IN_MEMORY_STORE.test(text)) {
      return candidate;
    }
    // A barrel: `export { store } from './x'`, `export * from './x'`, `module.exports = require('./x')`.
    const reexport = new RegExp(`export\\s*(\\*|\\{[^}]*\\b${name}\\b[^}]*\\})\\s*from\\s*['"]([^'"]+)['"]|module\\.exports\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]\\s*\\)`).exec(text);
    const next = reexport?.[2] ?? reexport?.[3];
    return hops > 1 && next !== undefined ? resolveStoreModule(candidate, next, name, read, hops - 1) : undefined;
  }
  return undefined;
}

/** The 0-based line and character of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The directory part of a `/`-separated path ('' for a bare name). */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash) : '';
}

/** Joins and normalises `./` and `../` segments (never above the first segment). */
export function joinPath(directory: string, relative: string): string {
  const parts = directory.length > 0 ? directory.split('/') : [];
  for (const segment of relative.split('/')) {
    if (segment === '..') {
      parts.pop();
    } else if (segment !== '.' && segment !== '') {
      parts.push(segment);
    }
  }
  return parts.join('/');
}
