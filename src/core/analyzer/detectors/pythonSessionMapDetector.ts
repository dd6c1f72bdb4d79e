// Hand-rolled session state in Python: a module-level dict / defaultdict / OrderedDict / set that a view or
// connection handler writes with a session/user/socket-like key.
//
// Reported once per collection, on its assignment, when: the file imports a web framework (flask, django, fastapi,
// starlette, aiohttp, socketio, ...); the collection is assigned at module level and is not a cache by name; and it
// is written (`d[k] = v`, `d[k] += v`, `d[k][k2] = v`, `d.setdefault(k, ...)`, `d.update(...)`, `s.add(k)`,
// `d[k].append(...)`) inside a handler (syntax/pythonSyntax.ts) with a session-like key, or the collection's own name is
// session-like. Function-local dicts, constant tables and scripts without a server never match.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { analyzePythonModule, lastName, moduleAssignments, PythonHandlerIndex, PythonScopes } from '../syntax/pythonSyntax';
import { collect, namedChildren } from '../syntax/tree';
import { collectionWriteFinding, isSessionKeyedWrite } from './handlerWriteReport';

type CollectionKind = 'dict' | 'defaultdict' | 'set';

interface Collection {
  readonly name: string;
  readonly kind: CollectionKind;
  readonly declaration: Node;
}

const COLLECTION_CALLS: Readonly<Record<string, CollectionKind>> = {
  dict: 'dict',
  OrderedDict: 'dict',
  Counter: 'dict',
  defaultdict: 'defaultdict',
  set: 'set',
};
const ENTRY_MUTATORS = new Set(['append', 'extend', 'add', 'update', 'insert', 'setdefault', '__setitem__']);
const SERVER_HINT = /flask|django|fastapi|starlette|aiohttp|tornado|sanic|quart|socketio|http\.server|bottle|falcon|pyramid|websockets|litestar|channels|rest_framework/;
const COLLECTION_HINT = /=\s*(\{|dict\(|defaultdict\(|collections\.|OrderedDict\(|Counter\(|set\()/;

export const pythonSessionMapDetector: Detector = {
  id: 'python-session-map',
  languages: ['python'],
  prefilter: (text) => SERVER_HINT.test(text) && COLLECTION_HINT.test(text),
  detect(context: DetectorContext): Finding[] {
    const info = analyzePythonModule(context.root);
    if (!info.isServer) {
      return [];
    }
    const collections = new Map<string, Collection>();
    for (const { name, value, assignment } of moduleAssignments(context.root)) {
      const kind = collectionKind(value);
      if (kind) {
        collections.set(name, { name, kind, declaration: assignment });
      } else {
        collections.delete(name);
      }
    }
    if (collections.size === 0) {
      return [];
    }
    const handlers = new PythonHandlerIndex(context.root);
    const scopes = new PythonScopes(context.root);
    const reported = new Set<Collection>();
    const findings: Finding[] = [];
    for (const write of collect(context.root, ['assignment', 'augmented_assignment', 'call'])) {
      if (context.isCancelled()) {
        break;
      }
      const access = writeAccess(write);
      const target = access?.target;
      const collection = target ? collections.get(target.text) : undefined;
      if (!access || !target || !collection || reported.has(collection)) {
        continue;
      }
      if (!isSessionKeyedWrite(collection.name, keyWords(access.key)) || scopes.isShadowed(target, target.text) || !handlers.isInHandler(write)) {
        continue;
      }
      reported.add(collection);
      // Python servers such as Gunicorn and uWSGI usually run several worker processes, each with its own copy.
      findings.push(
        collectionWriteFinding(collection, write, access.key, {
          holder: { kind: 'module' },
          perWorker: true,
          note: 'externalize-sessions-python#hand-rolled-session-maps',
          framework: info.framework,
        }),
      );
    }
    return findings.sort((a, b) => a.range.start.line - b.range.start.line);
  },
};

function collectionKind(value: Node): CollectionKind | undefined {
  if (value.type === 'dictionary') {
    return 'dict';
  }
  if (value.type === 'set') {
    return 'set';
  }
  if (value.type === 'call') {
    return COLLECTION_CALLS[lastName(value.childForFieldName('function')) ?? ''];
  }
  return undefined;
}

interface WriteAccess {
  readonly target: Node;
  readonly key: Node | undefined;
}

/** `d[k]...` → the identifier `d` and the first key `k`. */
function subscriptRoot(node: Node): WriteAccess | undefined {
  let current = node;
  let key: Node | undefined;
  while (current.type === 'subscript') {
    key = current.childForFieldName('subscript') ?? undefined;
    const value = current.childForFieldName('value');
    if (!value) {
      return undefined;
    }
    current = value;
  }
  return current.type === 'identifier' && key ? { target: current, key } : undefined;
}

function writeAccess(write: Node): WriteAccess | undefined {
  if (write.type === 'assignment' || write.type === 'augmented_assignment') {
    const left = write.childForFieldName('left');
    return left?.type === 'subscript' ? subscriptRoot(left) : undefined;
  }
  const callee = write.childForFieldName('function');
  if (callee?.type !== 'attribute') {
    return undefined;
  }
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const object = callee.childForFieldName('object');
  if (!object) {
    return undefined;
  }
  if (object.type === 'identifier' && ['setdefault', 'update', 'add', '__setitem__'].includes(method)) {
    const args = write.childForFieldName('arguments');
    const first = args ? namedChildren(args)[0] : undefined;
    return { target: object, key: method === 'update' ? (args ?? undefined) : first };
  }
  if (object.type === 'subscript' && ENTRY_MUTATORS.has(method)) {
    return subscriptRoot(object);
  }
  return undefined;
}

/** The identifiers and string parts of a key expression, for {@link isSessionKeyedWrite}. */
function keyWords(key: Node | undefined): Node[] {
  if (!key) {
    return [];
  }
  return key.type === 'identifier' ? [key] : collect(key, ['identifier', 'string_content']);
}
