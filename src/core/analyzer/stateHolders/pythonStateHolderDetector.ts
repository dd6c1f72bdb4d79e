// State holders in Python that the view-based rule misses (rules in-memory-connection-registry,
// in-memory-session-map, in-memory-rate-limit):
// - connection registries: a module-level list/set/dict, a class attribute, or an instance attribute of a class the
//   module instantiates once (the FastAPI `ConnectionManager` idiom: `manager = ConnectionManager()`), that stores
//   WebSocket connections (`.append(websocket)`, `.add(ws)`, `[k] = websocket`) in a WebSocket file, or the sockets
//   a raw socket server accepts (`conn, _ = listener.accept()` then `peers.append(conn)`);
// - session holders: the same shapes named like sessions, users or tokens, written inside a function (a session
//   helper module with no framework import, a class-level `user_id_by_session_id = {}`), except in scripts
//   (`if __name__ == "__main__":` with no server import) and browser-free test code (tests are never analysed);
// - rate limiters on in-memory storage: flask-limiter / slowapi `Limiter(..., storage_uri="memory://")`, also as the
//   default of an environment variable, and a slowapi `Limiter` with no storage at all (its default is memory://;
//   flask-limiter may take its storage from the app's config, so it needs the explicit URI).

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { identifierWords, isCacheLikeName, isSessionLikeCollectionName } from '../syntax/keywords';
import { analyzePythonModule, pythonString, PythonScopes } from '../syntax/pythonSyntax';
import { collect, contains, namedChildren, RangeSet } from '../syntax/tree';
import { fileRole } from './fileRole';
import { connectionRegistryFinding, rateLimitFinding, sessionHolderFinding, type CollectionWrite } from './report';

interface Holder {
  readonly name: string;
  readonly declaration: Node;
  /** The class owning an attribute; undefined for module-level variables. */
  readonly owner: Node | undefined;
  /** True for an attribute assigned in the class body (one object shared by every instance). */
  readonly classLevel: boolean;
  /** The annotation's text (`List[WebSocket]`), when there is one. */
  readonly annotation: string;
}

const COLLECTION_CALLS = new Set(['dict', 'list', 'set', 'defaultdict', 'OrderedDict', 'deque', 'WeakValueDictionary', 'WeakSet']);
const WRITE_METHODS = new Set(['append', 'add', 'insert', 'update', 'setdefault', 'appendleft', 'extend']);
const CONNECTION_WORDS = new Set(['websocket', 'ws', 'conn', 'connection', 'socket', 'sid', 'websockets']);
const REGISTRY_WORDS = new Set(['connections', 'clients', 'sockets', 'websockets', 'peers', 'subscribers', 'active', 'connected', 'conns']);
const SINGLETON_CLASS = /(Manager|Registry|Hub|Broadcaster|Pool|Store|Notifier|Service)$/;
/** A file that holds live connections: WebSocket and Socket.IO code, or a raw socket server that accepts clients. */
const WEBSOCKET_HINT = /websocket|WebSocket|socketio|\bsid\b|\.accept\(\s*\)/;

export const pythonStateHolderDetector: Detector = {
  id: 'python-state-holders',
  languages: ['python'],
  prefilter: (text) => /=\s*(\{|\[|(dict|list|set|defaultdict|OrderedDict|deque)\()|Limiter\s*\(/.test(text),
  detect(context: DetectorContext): Finding[] {
    if (fileRole(context.fileName, context.text) === 'client') {
      return [];
    }
    const findings = rateLimiters(context.root, analyzePythonModule(context.root).modules);
    const holders = findHolders(context.root);
    if (holders.length === 0) {
      return findings;
    }
    const info = analyzePythonModule(context.root);
    const isScript = /^if\s+__name__\s*==\s*['"]__main__['"]/m.test(context.text) && !info.isServer;
    // A session holder needs a server signal: a framework import, a server folder, or code that issues session ids.
    // A module named for sessions or tokens (`session.py`, `token_store.py`) is a session helper whatever imports it.
    const serverSide = info.isServer || fileRole(context.fileName, context.text) === 'server' || /\buuid\d?\(|secrets\.token_|token_(hex|urlsafe)\(/.test(context.text) || isSessionModuleName(context.fileName);
    const websocketFile = WEBSOCKET_HINT.test(context.text);
    const singletons = moduleInstances(context.root);
    const functions = collect(context.root, ['function_definition']);
    const functionRanges = new RangeSet();
    for (const fn of functions) {
      functionRanges.add(fn.startIndex, fn.endIndex);
    }
    const decided = new Map<Holder, 'registry' | 'session'>();
    const scopes = new PythonScopes(context.root);
    for (const write of writesOf(context.root)) {
      const holder = resolveHolder(write.target, holders, write.node, scopes);
      if (!holder || decided.get(holder) === 'registry' || isCacheLikeName(holder.name)) {
        continue;
      }
      const shared = holder.owner === undefined || holder.classLevel || singletons.has(className(holder.owner)) || SINGLETON_CLASS.test(className(holder.owner));
      if (!shared) {
        continue;
      }
      const connection = () => isConnection(write.value, functions, write.node) || isConnection(write.key, functions, write.node) || /WebSocket/.test(holder.annotation);
      if (websocketFile && (identifierWords(holder.name).some((word) => REGISTRY_WORDS.has(word)) || connection())) {
        decided.set(holder, 'registry');
      } else if (!decided.has(holder) && !isScript && serverSide && isSessionLikeCollectionName(holder.name) && write.key?.type !== 'string' && write.key?.type !== 'integer' && functionRanges.contains(write.node)) {
        decided.set(holder, 'session');
      }
    }
    const framework = info.framework;
    for (const [holder, kind] of decided) {
      findings.push(
        kind === 'registry'
          ? connectionRegistryFinding({ at: holder.declaration, name: holder.name, framework, note: 'stateful-connections#python' })
          : sessionHolderFinding({ at: holder.declaration, name: holder.name, framework, note: 'externalize-sessions-python#hand-rolled-session-maps' }),
      );
    }
    return findings;
  },
};

const SESSION_MODULE_WORDS = new Set(['session', 'sessions', 'sess', 'token', 'tokens', 'login', 'logins']);

/** The module's own file name (`session.py`, `token_store.py`) says it keeps sessions or tokens. */
function isSessionModuleName(fileName: string | undefined): boolean {
  const base = fileName?.split(/[\\/]/).pop()?.replace(/\.pyi?$/, '') ?? '';
  return identifierWords(base).some((word) => SESSION_MODULE_WORDS.has(word));
}

function isCollection(value: Node | null | undefined): boolean {
  if (!value) {
    return false;
  }
  if (value.type === 'dictionary' || value.type === 'list' || value.type === 'set') {
    return true;
  }
  if (value.type === 'call') {
    const callee = value.childForFieldName('function');
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    return name !== undefined && COLLECTION_CALLS.has(name);
  }
  return false;
}

/** Module-level variables, class attributes and `self.x = ...` attributes initialised to collections. */
function findHolders(root: Node): Holder[] {
  const holders: Holder[] = [];
  const assignmentOf = (statement: Node) => (statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined);
  for (const statement of namedChildren(root)) {
    const assignment = assignmentOf(statement);
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    if (assignment && left?.type === 'identifier' && isCollection(assignment.childForFieldName('right'))) {
      holders.push({ name: left.text, declaration: assignment, owner: undefined, classLevel: false, annotation: assignment.childForFieldName('type')?.text ?? '' });
    }
  }
  for (const classNode of collect(root, ['class_definition'])) {
    const body = classNode.childForFieldName('body');
    for (const statement of body ? namedChildren(body) : []) {
      const assignment = assignmentOf(statement);
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      if (assignment && left?.type === 'identifier' && isCollection(assignment.childForFieldName('right'))) {
        holders.push({ name: left.text, declaration: assignment, owner: classNode, classLevel: true, annotation: assignment.childForFieldName('type')?.text ?? '' });
      }
    }
    for (const fn of body ? namedChildren(body).filter((child) => child.type === 'function_definition' || child.type === 'decorated_definition') : []) {
      const method = fn.type === 'decorated_definition' ? fn.childForFieldName('definition') : fn;
      if (method?.childForFieldName('name')?.text !== '__init__') {
        continue;
      }
      for (const assignment of collect(method, ['assignment'])) {
        const left = assignment.childForFieldName('left');
        if (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' && isCollection(assignment.childForFieldName('right'))) {
          const name = left.childForFieldName('attribute')?.text;
          if (name) {
            holders.push({ name, declaration: assignment, owner: classNode, classLevel: false, annotation: assignment.childForFieldName('type')?.text ?? '' });
          }
        }
      }
    }
  }
  return holders;
}

/** Classes instantiated once at module level (`manager = ConnectionManager()`). */
function moduleInstances(root: Node): Set<string> {
  const names = new Set<string>();
  for (const statement of namedChildren(root)) {
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    const right = assignment?.type === 'assignment' ? assignment.childForFieldName('right') : undefined;
    if (right?.type === 'call') {
      const callee = right.childForFieldName('function');
      if (callee?.type === 'identifier') {
        names.add(callee.text);
      }
    }
  }
  return names;
}

function className(classNode: Node | undefined): string {
  return classNode?.childForFieldName('name')?.text ?? '';
}

function writesOf(root: Node): CollectionWrite[] {
  const writes: CollectionWrite[] = [];
  for (const call of collect(root, ['call'])) {
    const callee = call.childForFieldName('function');
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    const target = callee?.childForFieldName('object');
    if (method && target && WRITE_METHODS.has(method)) {
      const args = namedChildren(call.childForFieldName('arguments') ?? call).filter((arg) => arg.type !== 'comment');
      const keyed = method === 'setdefault' || method === 'insert';
      writes.push({ node: call, target, key: keyed ? args[0] : undefined, value: keyed ? args[1] : args[0] });
    }
  }
  for (const assignment of collect(root, ['assignment', 'augmented_assignment'])) {
    const left = assignment.childForFieldName('left');
    if (left?.type === 'subscript') {
      const target = left.childForFieldName('value');
      if (target) {
        writes.push({ node: assignment, target, key: left.childForFieldName('subscript') ?? undefined, value: assignment.childForFieldName('right') ?? undefined });
      }
    }
  }
  return writes;
}

/** `name` (module-level), `self.name` / `cls.name` (attribute of the enclosing class), `Class.name`. */
function resolveHolder(target: Node, holders: readonly Holder[], at: Node, scopes: PythonScopes): Holder | undefined {
  if (target.type === 'identifier') {
    return scopes.isShadowed(target, target.text) ? undefined : holders.find((holder) => holder.owner === undefined && holder.name === target.text);
  }
  if (target.type !== 'attribute') {
    return undefined;
  }
  const object = target.childForFieldName('object')?.text;
  const name = target.childForFieldName('attribute')?.text;
  if (object === 'self' || object === 'cls') {
    return holders.find((holder) => holder.owner !== undefined && holder.name === name && contains(holder.owner, at));
  }
  return holders.find((holder) => holder.owner !== undefined && holder.name === name && className(holder.owner) === object);
}

/** A connection: a name like `websocket`/`ws`/`conn`, or a parameter annotated `WebSocket`. */
function isConnection(value: Node | undefined, functions: readonly Node[], at: Node): boolean {
  if (!value) {
    return false;
  }
  if (value.type === 'identifier') {
    if (identifierWords(value.text).some((word) => CONNECTION_WORDS.has(word))) {
      return true;
    }
    const enclosing = functions.filter((fn) => contains(fn, at)).sort((a, b) => b.startIndex - a.startIndex)[0];
    const parameters = enclosing?.childForFieldName('parameters');
    return parameters !== undefined && parameters !== null && new RegExp(`\\b${value.text}\\s*:\\s*[\\w.]*WebSocket\\b`).test(parameters.text);
  }
  return value.type === 'tuple' || value.type === 'dictionary' ? namedChildren(value).some((child) => isConnection(child.type === 'pair' ? child.childForFieldName('value') ?? undefined : child, functions, at)) : false;
}

/**
 * flask-limiter / slowapi `Limiter(...)` whose storage is `memory://` (literally or as an environment default), and a
 * slowapi `Limiter` that names no storage at all.
 */
function rateLimiters(root: Node, modules: ReadonlySet<string>): Finding[] {
  const slowapi = [...modules].some((module) => module === 'slowapi' || module.startsWith('slowapi.'));
  const findings: Finding[] = [];
  for (const call of collect(root, ['call'])) {
    const callee = call.childForFieldName('function');
    if ((callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text) !== 'Limiter') {
      continue;
    }
    const argumentsNode = call.childForFieldName('arguments') ?? call;
    const keyword = (name: string) => namedChildren(argumentsNode).find((argument) => argument.type === 'keyword_argument' && argument.childForFieldName('name')?.text === name);
    const storage = keyword('storage_uri');
    if (!storage) {
      // slowapi falls back to memory://; a `**settings` spread or storage_options may still name one.
      if (slowapi && !keyword('storage_options') && !namedChildren(argumentsNode).some((argument) => argument.type === 'dictionary_splat')) {
        findings.push(rateLimitFinding({ at: call, name: 'Limiter', framework: 'slowapi', note: 'rate-limiting#limiters-in-application-code' }));
      }
      continue;
    }
    const value = storage.childForFieldName('value');
    const literal = pythonString(value);
    const fallback = value?.type === 'call' ? namedChildren(value.childForFieldName('arguments') ?? value).map((arg) => pythonString(arg)).find((text) => text !== undefined && text.includes('://')) : undefined;
    if ((literal ?? fallback ?? '').startsWith('memory://')) {
      findings.push(rateLimitFinding({ at: call, name: 'Limiter', framework: 'flask-limiter', note: 'rate-limiting#limiters-in-application-code' }));
    }
  }
  return findings;
}
