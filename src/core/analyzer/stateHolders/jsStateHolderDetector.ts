// State holders in JavaScript / TypeScript that the handler-based rules miss because real code spreads them over
// helper modules (rules in-memory-session-map, in-memory-connection-registry, in-memory-rate-limit and the session
// store rules):
// - connection registries: a module-level, global or class-field Map/Set/object/array that stores WebSocket
//   connections (the `ws` of `wss.on('connection', (ws) => ...)`, an object carrying it, or a name such as
//   `clients`/`sockets`/`onlineUsers` written in a WebSocket file, or a socket-named map of socket ids such as
//   `userSocketMap.set(userId, socketId)` in any file), and a registry-named collection of held-open HTTP responses
//   (server-sent events, long polling: `clients.add(res)`) → in-memory-connection-registry. A collection declared at the
//   top of a setup function that registers the `'connection'` handler (`module.exports = (io) => { const online =
//   {}; io.on('connection', ...) }`) lives as long as the process too;
// - session holders: a module-level, `global.x`/`globalThis.x` or class-field collection named like sessions, users
//   or tokens, written inside a function of a file that is not browser code and is server code by its folder or
//   framework, or exports an API over it (a helper module) → in-memory-session-map. Collections filled only at load
//   time (constant tables) never match, nor do React state or function locals;
// - rate limiters on an in-memory store: express-rate-limit without `store`, rate-limiter-flexible's
//   RateLimiterMemory, and hand-rolled per-client counters: a long-lived collection named for limiting (`rateLimitMap`,
//   `buckets`, `loginAttempts`), or named for counting (`hits`, `requestCounts`) and keyed by the client (`ip`,
//   `userId`), written per request under a computed key → in-memory-rate-limit;
// - Remix / React Router `createMemorySessionStorage` (in memory) and `createFileSessionStorage` (local disk).

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { analyzeJsModule, JS_LANGUAGES, objectProperty, unwrapExpression, type JsModuleInfo } from '../syntax/jsSyntax';
import { callArguments, callIndex } from '../syntax/jsCalls';
import { JsScopes } from '../syntax/jsScopes';
import { identifierWords, isCacheLikeName, isSessionLikeCollectionName } from '../syntax/keywords';
import { collect, contains, namedChildren, RangeSet } from '../syntax/tree';
import { fileRole } from './fileRole';
import { connectionRegistryFinding, rateLimitFinding, sessionHolderFinding, sessionStoreFinding, type CollectionWrite } from './report';
import { enclosingFunction, exportsHolder, FUNCTION_TYPES, isClientCounter, isResponseValue, isUniquenessGuard } from './jsHolderUses';

type Kind = 'Map' | 'Set' | 'object' | 'array';
type Decision = 'registry' | 'session' | 'rate-limit';

interface Holder {
  readonly name: string;
  readonly kind: Kind;
  readonly declaration: Node;
  /** The class owning a field; undefined for module-level and global holders. */
  readonly owner: Node | undefined;
  readonly isGlobal: boolean;
  /** The setup function declaring a function-level holder; undefined for module-level, global and class holders. */
  readonly scope?: Node;
}

/** Words of a parameter or variable that holds a live connection. */
const CONNECTION_WORDS = new Set(['ws', 'socket', 'websocket', 'conn', 'connection', 'peer']);
/** Collection names that mean "the connected clients" in a WebSocket file. */
const REGISTRY_WORDS = new Set(['clients', 'connections', 'sockets', 'peers', 'subscribers', 'conns', 'websockets', 'listeners', 'online', 'presence']);
/** Holder names that say the collection is about sockets, whatever file it is in (`userSocketMap`, `socketOfUser`). */
const SOCKET_NAME_WORDS = new Set(['socket', 'sockets', 'ws', 'websocket', 'websockets', 'connection', 'connections']);
/** A setup function that registers the connection handler: `io.on('connection', ...)`, `wss.on("connection", ...)`. */
const REGISTERS_CONNECTION = /\.on\(\s*['"]connection['"]/;
const WEBSOCKET_HINT = /\bws\b|WebSocket|socket\.io|['"](connection|upgrade)['"]|handleUpgrade|uWebSockets|sockjs/;
const WRITE_METHODS = new Set(['set', 'add', 'push', 'unshift']);
const HINT = /new\s+(Map|Set)\b|MemoryStore|session-file-store|rate-?limit|RateLimiterMemory|create(Memory|File)SessionStorage|global(This)?\s*\./;
/**
 * An object or array literal where findHolders looks for one: a declaration that starts a line (module level, as
 * holders are written; `a || {}` and `a ?? []` count, as in kindOf), or a class field (indented, maybe with modifiers
 * and a type). Literals inside function bodies (`const result = []`) count only in files that register connections,
 * whose handlers findHolders also reads. Any `= {` or `= [` was the test before; nearly every module has one.
 */
const LITERAL_VALUE = String.raw`(=|\|\||\?\?)\s*[[{]`;
const ANY_LITERAL = new RegExp(LITERAL_VALUE);
const LITERAL_HOLDER = new RegExp(String.raw`^(export\s+)?(const|let|var)\s[^\n]*${LITERAL_VALUE}|^[ \t]+(?:(?:private|public|protected|readonly|static|declare|override)\s+)*#?[\w$]+\s*[?!]?\s*(?::[^=\n;]*)?=\s*[[{]`, 'm');

export const jsStateHolderDetector: Detector = {
  id: 'js-state-holders',
  languages: JS_LANGUAGES,
  prefilter: (text) => HINT.test(text) || LITERAL_HOLDER.test(text) || (REGISTERS_CONNECTION.test(text) && ANY_LITERAL.test(text)),
  detect(context: DetectorContext): Finding[] {
    const info = analyzeJsModule(context.root);
    const role = info.isClient ? 'client' : fileRole(context.fileName, context.text);
    if (role === 'client') {
      return [];
    }
    const findings = [...rateLimiters(context.root, info, context.text), ...remixStorages(context.root), ...sessionStoreConstructions(context.root, info)];
    const holders = findHolders(context.root);
    if (holders.length > 0) {
      findings.push(...holderFindings(context, info, role === 'server' || info.isServer, holders));
    }
    return findings;
  },
};

function holderFindings(context: DetectorContext, info: JsModuleInfo, isServer: boolean, holders: readonly Holder[]): Finding[] {
  const websocketFile = WEBSOCKET_HINT.test(context.text);
  const exportsApi = /\bexport\s|module\.exports|\bexports\.\w+\s*=/.test(context.text);
  const scopes = new JsScopes(context.root, context.text);
  // Built on first need: most writes fail the name tests first.
  let functions: RangeSet | undefined;
  const inFunction = (node: Node) => (functions ??= rangesOf(collect(context.root, [...FUNCTION_TYPES]))).contains(node);
  const decided = new Map<Holder, Decision>();

  /** What one write says its holder is, given what earlier writes decided (undefined: nothing new). */
  const decisionFor = (holder: Holder, write: CollectionWrite, already: Decision | undefined): Decision | undefined => {
    const perRequestWrite = !isLiteral(write.key) && inFunction(write.node) && (isServer || exportsApi);
    // Before the cache stand-down: `rateLimitCache` counts per client whatever it is called.
    if (!already && perRequestWrite && write.key && isClientCounter(holder.name, write.key)) {
      return 'rate-limit';
    }
    if (isCacheLikeName(holder.name)) {
      return undefined;
    }
    const words = identifierWords(holder.name);
    const connectionWritten = isConnectionValue(write.value) || isConnectionValue(write.key);
    const socketNamed = words.some((word) => SOCKET_NAME_WORDS.has(word));
    const registryNamed = words.some((word) => REGISTRY_WORDS.has(word));
    const responseKept = registryNamed && isResponseValue(write.value) && inFunction(write.node);
    if ((websocketFile && (connectionWritten || registryNamed)) || (socketNamed && connectionWritten) || responseKept) {
      return 'registry';
    }
    if (!already && isSessionLikeCollectionName(holder.name) && !isLiteral(write.key) && inFunction(write.node) && (isServer || exportsApi)) {
      return 'session';
    }
    return undefined;
  };
  /** The functions that write each holder, to tell per-user state from a guard local to one function. */
  const writers = new Map<Holder, Node[]>();

  /** Writes whose holder was found by name; whether a local of that name shadows it is checked only when needed. */
  const candidateWrites = new Map<Holder, CollectionWrite[]>();
  // Whether a write really reaches the module-level holder: a name lookup over the text (JsScopes), the costly part
  // of this detector on a large file, so it is asked only for a write that would decide something.
  const reaches = (write: CollectionWrite, holder: Holder) => holder.owner !== undefined || holder.isGlobal || holder.scope !== undefined || !scopes.isShadowed(unwrapExpression(write.target)!, holder.name);

  for (const write of writesOf(context.root)) {
    const holder = resolveHolder(write.target, holders);
    if (!holder || decided.get(holder) === 'registry') {
      continue;
    }
    candidateWrites.set(holder, [...(candidateWrites.get(holder) ?? []), write]);
    const decision = decisionFor(holder, write, decided.get(holder));
    if (decision && reaches(write, holder)) {
      decided.set(holder, decision);
    }
  }
  for (const [holder, writes] of candidateWrites) {
    if (decided.get(holder) === 'session') {
      writers.set(holder, writes.filter((write) => reaches(write, holder)).flatMap((write) => enclosingFunction(write.node) ?? []));
    }
  }
  // `global.sessions = []` creates process-wide state wherever it is written (Next.js hot-reload idiom).
  for (const holder of holders) {
    if (holder.isGlobal && !decided.has(holder) && isSessionLikeCollectionName(holder.name) && !isCacheLikeName(holder.name)) {
      decided.set(holder, 'session');
    }
  }
  // Session state is written on one request and read on a later one. A collection only tested for membership, and
  // only inside the functions that fill it (a set of issued tokens checked for collisions while the sessions
  // themselves live in a database), is a uniqueness guard no later request reads a value from.
  for (const [holder, kind] of decided) {
    if (kind === 'session' && !holder.isGlobal && !exportsHolder(context.text, holder) && isUniquenessGuard(context.root, context.text, holder, writers.get(holder) ?? [], scopes)) {
      decided.delete(holder);
    }
  }
  const framework = info.sources.has('socket.io') ? 'socket.io' : info.sources.has('ws') ? 'ws' : 'node';
  return [...decided].map(([holder, kind]) =>
    kind === 'registry'
      ? connectionRegistryFinding({ at: holder.declaration, name: holder.name, framework, note: 'stateful-connections#node' })
      : kind === 'rate-limit'
        ? rateLimitFinding({ at: holder.declaration, name: holder.name, framework: 'node', note: 'rate-limiting#limiters-in-application-code' })
        : sessionHolderFinding({ at: holder.declaration, name: holder.name, framework, note: 'externalize-sessions-node#hand-rolled-session-maps' }),
  );
}


function rangesOf(nodes: readonly Node[]): RangeSet {
  const ranges = new RangeSet();
  for (const node of nodes) {
    ranges.add(node.startIndex, node.endIndex);
  }
  return ranges;
}

/** The collection a value creates; `global.x || new Map()` (and `??`) counts as the collection it falls back to. */
function kindOf(value: Node | null | undefined): Kind | undefined {
  const node = unwrapExpression(value);
  if (!node) {
    return undefined;
  }
  switch (node.type) {
    case 'new_expression': {
      const constructor = node.childForFieldName('constructor')?.text;
      return constructor === 'Map' ? 'Map' : constructor === 'Set' ? 'Set' : undefined;
    }
    case 'object':
      return 'object';
    case 'array':
      return 'array';
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.text;
      return operator === '||' || operator === '??' ? kindOf(node.childForFieldName('right')) : undefined;
    }
    case 'assignment_expression':
      return kindOf(node.childForFieldName('right'));
    default:
      return undefined;
  }
}

/** Module-level declarations, `global.x = ...` assignments and class fields initialised to collections. */
function findHolders(root: Node): Holder[] {
  const holders: Holder[] = [];
  const globalAliases = new Set(['global', 'globalThis']);
  for (let statement of namedChildren(root)) {
    if (statement.type === 'export_statement') {
      const declaration = statement.childForFieldName('declaration');
      if (!declaration) {
        continue;
      }
      statement = declaration;
    }
    if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
      for (const declarator of namedChildren(statement)) {
        const name = declarator.childForFieldName('name');
        const value = declarator.childForFieldName('value');
        if (name?.type !== 'identifier') {
          continue;
        }
        // `const g = globalThis as unknown as { sessions: ... }` makes `g.sessions` a global.
        if (/^\(?\s*global(This)?\b/.test(unwrapExpression(value)?.text ?? '')) {
          globalAliases.add(name.text);
        }
        const kind = kindOf(value);
        if (kind) {
          holders.push({ name: name.text, kind, declaration: declarator, owner: undefined, isGlobal: false });
        }
      }
    }
  }
  for (const fn of collect(root, ['function_declaration', 'function_expression', 'arrow_function'])) {
    const body = fn.childForFieldName('body');
    if (body?.type !== 'statement_block' || !REGISTERS_CONNECTION.test(body.text)) {
      continue;
    }
    for (const statement of namedChildren(body)) {
      if (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration') {
        continue;
      }
      for (const declarator of namedChildren(statement)) {
        const name = declarator.childForFieldName('name');
        const kind = kindOf(declarator.childForFieldName('value'));
        if (name?.type === 'identifier' && kind) {
          holders.push({ name: name.text, kind, declaration: declarator, owner: undefined, isGlobal: false, scope: fn });
        }
      }
    }
  }
  for (const assignment of collect(root, ['assignment_expression', 'augmented_assignment_expression'])) {
    const left = assignment.childForFieldName('left');
    const kind = kindOf(assignment.childForFieldName('right'));
    const object = left?.type === 'member_expression' ? left.childForFieldName('object') : undefined;
    const property = left?.childForFieldName('property')?.text;
    if (kind && object && property && globalAliases.has(object.text) && !holders.some((holder) => holder.isGlobal && holder.name === property)) {
      holders.push({ name: property, kind, declaration: assignment, owner: undefined, isGlobal: true });
    }
  }
  for (const classNode of collect(root, ['class_declaration', 'class'])) {
    const body = classNode.childForFieldName('body');
    for (const member of body ? namedChildren(body) : []) {
      if (member.type === 'public_field_definition' || member.type === 'field_definition') {
        const name = member.childForFieldName('name') ?? member.childForFieldName('property');
        const kind = kindOf(member.childForFieldName('value'));
        if (name && kind) {
          holders.push({ name: name.text, kind, declaration: member, owner: classNode, isGlobal: false });
        }
      } else if (member.type === 'method_definition' && member.childForFieldName('name')?.text === 'constructor') {
        for (const assignment of collect(member, ['assignment_expression'])) {
          const left = assignment.childForFieldName('left');
          const kind = kindOf(assignment.childForFieldName('right'));
          const name = left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' ? left.childForFieldName('property')?.text : undefined;
          if (name && kind) {
            holders.push({ name, kind, declaration: assignment, owner: classNode, isGlobal: false });
          }
        }
      }
    }
  }
  return holders;
}

/** `c.set(k, v)`, `c.add(v)`, `c.push(v)`, `c[k] = v`, `c[k] += v`, `c[k]++`. */
function writesOf(root: Node): CollectionWrite[] {
  const writes: CollectionWrite[] = [];
  for (const call of callIndex(root)) {
    if (call.calleeType !== 'member_expression' || !WRITE_METHODS.has(call.name)) {
      continue;
    }
    const target = call.callee?.childForFieldName('object');
    const args = callArguments(call.node);
    if (target) {
      writes.push({ node: call.node, target, key: call.name === 'set' ? args[0] : undefined, value: call.name === 'set' ? args[1] : args[0] });
    }
  }
  for (const write of collect(root, ['assignment_expression', 'augmented_assignment_expression', 'update_expression'])) {
    const subject = write.type === 'update_expression' ? write.childForFieldName('argument') : write.childForFieldName('left');
    const target = subject?.type === 'subscript_expression' ? subject.childForFieldName('object') : undefined;
    if (target) {
      writes.push({ node: write, target, key: subject?.childForFieldName('index') ?? undefined, value: write.childForFieldName('right') ?? undefined });
    }
  }
  return writes;
}

/**
 * The holder a write's target names. A module-level holder is found by name only: the caller checks that no local of
 * the same name shadows it (JsScopes) when the write matters.
 */
function resolveHolder(target: Node, holders: readonly Holder[]): Holder | undefined {
  const node = unwrapExpression(target);
  if (node?.type === 'identifier') {
    // A setup function's own collection, written by the handlers it registers (the innermost such function wins).
    const scoped = holders
      .filter((candidate) => candidate.scope !== undefined && candidate.name === node.text && contains(candidate.scope, node))
      .sort((a, b) => b.scope!.startIndex - a.scope!.startIndex)[0];
    if (scoped) {
      return scoped;
    }
    return holders.find((candidate) => candidate.owner === undefined && !candidate.isGlobal && candidate.scope === undefined && candidate.name === node.text);
  }
  if (node?.type !== 'member_expression') {
    return undefined;
  }
  const object = node.childForFieldName('object');
  const property = node.childForFieldName('property')?.text;
  if (object?.type === 'this') {
    const owners = holders.filter((holder) => holder.owner !== undefined && contains(holder.owner, node));
    const innermost = owners.sort((a, b) => b.owner!.startIndex - a.owner!.startIndex)[0]?.owner;
    return owners.find((holder) => holder.owner === innermost && holder.name === property);
  }
  return holders.find((holder) => holder.isGlobal && holder.name === property);
}

/** A live connection, or an object literal carrying one (`{ id, ws }`). */
function isConnectionValue(value: Node | undefined): boolean {
  const node = unwrapExpression(value);
  if (!node) {
    return false;
  }
  if (node.type === 'identifier') {
    return identifierWords(node.text).some((word) => CONNECTION_WORDS.has(word));
  }
  // `socket.id`, `ws.id`: the connection's own identifier stands for it.
  if (node.type === 'member_expression') {
    const object = unwrapExpression(node.childForFieldName('object'));
    return object?.type === 'identifier' && isConnectionName(object.text);
  }
  if (node.type === 'object') {
    return namedChildren(node).some((child) =>
      child.type === 'shorthand_property_identifier' ? isConnectionName(child.text) : child.type === 'pair' && isConnectionValue(child.childForFieldName('value') ?? undefined),
    );
  }
  return false;
}

/** A literal key (`'tick'`, `42`) names one slot, not a per-user entry. */
function isLiteral(key: Node | undefined): boolean {
  const type = unwrapExpression(key)?.type;
  return type === 'string' || type === 'number' || type === 'template_string' && !/\$\{/.test(key?.text ?? '');
}

function isConnectionName(name: string): boolean {
  return identifierWords(name).some((word) => CONNECTION_WORDS.has(word));
}

/** express-rate-limit without a `store` option, and rate-limiter-flexible's in-memory limiter. */
function rateLimiters(root: Node, info: JsModuleInfo, text: string): Finding[] {
  const locals = new Set(info.bindings.filter((binding) => binding.source === 'express-rate-limit').map((binding) => binding.local));
  // Most files have neither: the calls are not looked at then (reading each call's callee and options costs a few
  // milliseconds on a large file, on every re-analysis).
  if (locals.size === 0 && !text.includes('RateLimiterMemory')) {
    return [];
  }
  const findings: Finding[] = [];
  const calls = [...callIndex(root).map((call) => call.node), ...collect(root, ['new_expression'])];
  for (const call of calls) {
    const callee = unwrapExpression(call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function'));
    const name = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : callee?.text;
    if (!callee || !name) {
      continue;
    }
    if (call.type === 'new_expression' && name === 'RateLimiterMemory') {
      findings.push(rateLimitFinding({ at: call, name: call.text, framework: 'rate-limiter-flexible', note: 'rate-limiting#limiters-in-application-code' }));
      continue;
    }
    const fromPackage = locals.has(callee.type === 'member_expression' ? callee.childForFieldName('object')?.text ?? '' : name) || (callee.type === 'member_expression' && locals.has(name));
    const options = unwrapExpression(callArguments(call)[0]);
    if (fromPackage && options?.type === 'object' && !objectProperty(options, 'store')) {
      findings.push(rateLimitFinding({ at: call, name: callee.text, framework: 'express-rate-limit', note: 'rate-limiting#limiters-in-application-code' }));
    }
  }
  return findings;
}

/**
 * express-session stores built on their own (`module.exports = new session.MemoryStore()`, a `memorystore` store in a
 * helper module) and `session-file-store` stores anywhere. A MemoryStore written inline as a `store:` option is left
 * to the express-session rule, which reports the whole configuration.
 */
function sessionStoreConstructions(root: Node, info: JsModuleInfo): Finding[] {
  const expressSession = new Set(info.bindings.filter((binding) => binding.source === 'express-session').map((binding) => binding.local));
  const memoryStores = new Set(info.bindings.filter((binding) => binding.source === 'memorystore' || (binding.source === 'express-session' && binding.imported === 'MemoryStore')).map((binding) => binding.local));
  const fileStores = new Set(info.bindings.filter((binding) => binding.source === 'session-file-store').map((binding) => binding.local));
  // A file that calls session(...) itself is judged by the express-session rule, which follows its store variable.
  const configuresSession = callIndex(root).some((call) => call.calleeType === 'identifier' && expressSession.has(call.name));
  const findings: Finding[] = [];
  for (const creation of collect(root, ['new_expression'])) {
    const constructor = unwrapExpression(creation.childForFieldName('constructor'));
    const text = constructor?.text ?? '';
    const object = constructor?.type === 'member_expression' ? constructor.childForFieldName('object')?.text ?? '' : '';
    const inStoreOption = creation.parent?.type === 'pair' && creation.parent.childForFieldName('key')?.text === 'store';
    if (fileStores.has(text)) {
      findings.push(sessionStoreFinding('session-store-local-disk', { at: creation, name: creation.text, framework: 'session-file-store', note: 'externalize-sessions-node#express' }));
    } else if (!inStoreOption && !configuresSession && (memoryStores.has(text) || (constructor?.type === 'member_expression' && constructor.childForFieldName('property')?.text === 'MemoryStore' && expressSession.has(object)))) {
      findings.push(sessionStoreFinding('session-store-in-memory', { at: creation, name: creation.text, framework: 'express-session', note: 'externalize-sessions-node#express' }));
    }
  }
  return findings;
}

/** Remix / React Router session storages kept in this process or on this instance's disk. */
function remixStorages(root: Node): Finding[] {
  const findings: Finding[] = [];
  for (const call of callIndex(root)) {
    if (call.calleeType === 'identifier' && call.name === 'createMemorySessionStorage') {
      findings.push(sessionStoreFinding('session-store-in-memory', { at: call.node, name: call.name, framework: 'remix', note: 'externalize-sessions-node' }));
    } else if (call.calleeType === 'identifier' && call.name === 'createFileSessionStorage') {
      findings.push(sessionStoreFinding('session-store-local-disk', { at: call.node, name: call.name, framework: 'remix', note: 'externalize-sessions-node' }));
    }
  }
  return findings;
}
