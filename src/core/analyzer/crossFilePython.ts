// Cross-file session holders in Python: a module-level collection built in one module of the package
// (`sessions = {}` in `store.py`) and written per user in another (`from .store import sessions` /
// `from . import store`, then `sessions[token] = user` inside a view). The module that builds it writes nothing, so
// the single-file rules cannot see the state; this follows the relative import one or two hops (a package that
// re-exports the name from a sibling counts as a hop), checks there that the name is a module-level collection, and
// reports the first per-user write in the importing file, naming the module. Anything unresolved stays quiet.
// Text-level and host-agnostic, like crossFile.ts: paths are `/`-separated and relative like the analysed file's.

import * as l10n from '@vscode/l10n';
import type { Finding } from './types';
import { type ReadRelated, dirname, joinPath, positionAt } from './crossFile';
import { identifierWords, isCacheLikeName, isSessionLikeCollectionName } from './syntax/keywords';
import { makeFinding } from './syntax/tree';

const MAX_HOPS = 2;
const COLLECTION_VALUE = String.raw`(\{|\[|(dict|list|set|defaultdict|OrderedDict|deque|WeakValueDictionary)\s*\()`;
const WRITE_METHODS = String.raw`(append|add|update|setdefault|insert|extend)`;
const REGISTRY_WORDS = new Set(['connections', 'clients', 'sockets', 'websockets', 'peers', 'subscribers', 'connected', 'online']);

/** A name bound by a relative import: `from .store import sessions` (name) or `from . import store` (module). */
interface RelativeBinding {
  readonly local: string;
  /** Leading dots: 1 is the importing file's package, 2 its parent. */
  readonly level: number;
  /** The dotted module after the dots (`store`, `auth.store`), or '' for `from . import x`. */
  readonly module: string;
  /** The imported name (`sessions`), or the module name for `from . import store`. */
  readonly imported: string;
  readonly isModule: boolean;
}

interface HolderWrite {
  /** The collection's name in the module that builds it. */
  readonly name: string;
  readonly binding: RelativeBinding;
  /** Offset of the written expression (`sessions` or `store.sessions`) in the importing file. */
  readonly offset: number;
  readonly length: number;
}

/** Per-user writes to collections imported from sibling modules that build them at module level. */
export async function crossFilePythonHolders(text: string, fileName: string, read: ReadRelated): Promise<Finding[]> {
  if (!/^\s*from\s+\./m.test(text)) {
    return [];
  }
  const bindings = relativeBindings(text);
  const websocketFile = /websocket|WebSocket|socketio/.test(text);
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const write of writesTo(text, bindings)) {
    const key = `${write.binding.level}:${write.binding.module}:${write.name}`;
    const registry = websocketFile && identifierWords(write.name).some((word) => REGISTRY_WORDS.has(word));
    if (reported.has(key) || isCacheLikeName(write.name) || (!registry && !isSessionLikeCollectionName(write.name))) {
      continue;
    }
    const module = await resolveBuilder(fileName, write.binding, write.name, read, MAX_HOPS);
    if (module === undefined) {
      continue;
    }
    reported.add(key);
    const range = { start: positionAt(text, write.offset), end: positionAt(text, write.offset + write.length) };
    findings.push(
      makeFinding(registry ? 'in-memory-connection-registry' : 'in-memory-session-map', range, {
        message: registry
          ? l10n.t({
              message: '`{0}` is a module-level collection built in {1}, and this file adds connections to it: it knows only this instance\'s clients, so a broadcast misses users connected to the others.',
              args: [write.name, module],
              comment: ['{0} is a variable name, {1} the path of the Python module that creates it'],
            })
          : l10n.t({
              message: '`{0}` is a module-level collection built in {1}, and this file writes per-user state into it: it lives in the memory of one process, is lost on restart, and a second instance needs sticky routing to see it.',
              args: [write.name, module],
              comment: ['{0} is a variable name, {1} the path of the Python module that creates it'],
            }),
        note: registry ? 'stateful-connections#python' : 'externalize-sessions-python#hand-rolled-session-maps',
        framework: 'python',
      }),
    );
  }
  return findings;
}

/** `from .a.b import x, y as z`, `from .. import (m, n)` with the parenthesised list over several lines. */
function relativeBindings(text: string): RelativeBinding[] {
  const bindings: RelativeBinding[] = [];
  const pattern = /^[ \t]*from\s+(\.+)([\w.]*)\s+import\s+(\([^)]*\)|[^\n#]+)/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const level = match[1]!.length;
    const module = match[2]!;
    for (const item of match[3]!.replace(/[()\\]/g, ' ').split(',')) {
      const parts = item.trim().split(/\s+as\s+/);
      const imported = parts[0]?.trim() ?? '';
      if (!/^\w+$/.test(imported) || imported === '*') {
        continue;
      }
      bindings.push({ local: (parts[1] ?? imported).trim(), level, module, imported, isModule: module === '' });
    }
  }
  return bindings;
}

/**
 * Writes inside a function body (an indented line) that store per-key state: `x[key] = v`, `x[key] += v`,
 * `x.append(v)` (also through a module alias, `store.x[key] = v`). Literal keys name one slot, not a user.
 */
function writesTo(text: string, bindings: readonly RelativeBinding[]): HolderWrite[] {
  const writes: HolderWrite[] = [];
  for (const binding of bindings) {
    const target = binding.isModule ? String.raw`${escape(binding.local)}\.(\w+)` : `(${escape(binding.local)})`;
    // The subscript may hold one level of brackets: `sessions[request.cookies["sid"]] = user`.
    const pattern = new RegExp(String.raw`^([ \t]+)(${target})\s*(?:\[\s*((?:[^\[\]\n]|\[[^\]\n]*\])+?)\s*\]\s*(?:[-+*|]?=)(?!=)|\.${WRITE_METHODS}\s*\()`, 'gm');
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const subscript = match[4];
      if (subscript !== undefined && /^(['"0-9]|True\b|False\b|None\b)/.test(subscript)) {
        continue;
      }
      const expression = match[2]!;
      writes.push({ name: match[3]!, binding, offset: match.index + match[0].indexOf(expression, match[1]!.length), length: expression.length });
    }
  }
  return writes.sort((a, b) => a.offset - b.offset);
}

/** The path of the module that builds `name` as a module-level collection, following re-exports up to `hops`. */
async function resolveBuilder(fromFile: string, binding: RelativeBinding, name: string, read: ReadRelated, hops: number): Promise<string | undefined> {
  const modulePath = binding.isModule ? binding.imported : binding.module;
  for (const candidate of pythonCandidates(fromFile, binding.level, modulePath)) {
    let source: string | undefined;
    try {
      source = await read(candidate);
    } catch {
      source = undefined;
    }
    if (source === undefined) {
      continue;
    }
    if (new RegExp(String.raw`^${escape(name)}\s*(:[^=\n]*)?=\s*${COLLECTION_VALUE}`, 'm').test(source)) {
      return candidate;
    }
    if (hops <= 1) {
      return undefined;
    }
    // A re-export: `from .memory import sessions` in the module (or the package's __init__.py).
    for (const next of relativeBindings(source)) {
      if (!next.isModule && next.local === name) {
        return resolveBuilder(candidate, next, next.imported, read, hops - 1);
      }
    }
    return undefined;
  }
  return undefined;
}

/** `store.py` or `store/__init__.py`, `level - 1` packages above the importing file's directory. */
export function pythonCandidates(fromFile: string, level: number, dotted: string): string[] {
  let directory = dirname(fromFile);
  for (let step = 1; step < level; step++) {
    directory = dirname(directory);
  }
  if (dotted === '') {
    return [joinPath(directory, '__init__.py')];
  }
  const base = joinPath(directory, dotted.split('.').join('/'));
  return [`${base}.py`, `${base}/__init__.py`];
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
