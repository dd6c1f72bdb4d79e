// State holders in Ruby (rules in-memory-connection-registry, in-memory-session-map, in-memory-rate-limit):
// - connection registries: an array, hash or set that a WebSocket server (em-websocket, Faye, a Rack hijack)
//   appends its connections to (`@clients << ws` in `ws.onopen`), kept in a constant, an instance/class/global
//   variable or a top-level local; a raw `TCPServer` counts as a socket server and `server.accept` as a connection;
//   an `EM::Channel` created in a WebSocket file is the process's subscriber list; Sinatra's `set :sockets, []` is
//   one of those collections too, written as `settings.sockets << ws`;
// - session holders: a class variable, constant or the instance variable of a singleton class
//   (`@@instance = X.new`) holding a collection that a method writes with session-, user- or token-like names, or
//   under a key read from the user's session (`PLAYERS[session[:player_id]] = ...`);
// - Rack::Attack throttling on `ActiveSupport::Cache::MemoryStore`: the counters live in each process.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { identifierWords, isCacheLikeName, isSessionLikeName } from '../syntax/keywords';
import { collect } from '../syntax/tree';
import { connectionRegistryFinding, rateLimitFinding, sessionHolderFinding } from './report';

const CONNECTION_WORDS = new Set(['ws', 'socket', 'websocket', 'conn', 'connection', 'client', 'peer']);
const WEBSOCKET_HINT = /em-websocket|EM::WebSocket|EventMachine::WebSocket|faye|Faye::WebSocket|websocket|onopen|on\(:open\)|\b(TCPServer|UNIXServer|SSLServer)\b/i;
const CHANNEL = /^(EM|EventMachine)::Channel\.new\b/;
/** A key taken from the user's session or cookies: the collection holds per-user state. */
const SESSION_KEY = /^(session|cookies)\s*\[|^session\.(id|fetch)\b/;
const HOLDER_TARGET = /^(@@?\w+|\$\w+|[A-Z][A-Z0-9_]*|[a-z_]\w*|settings\.\w+)$/;

export const rubyStateHolderDetector: Detector = {
  id: 'ruby-state-holders',
  languages: ['ruby'],
  prefilter: (text) => /<<|\.push|\[\S+\]\s*(\|\||&&|[-+*])?=|MemoryStore|Channel\.new/.test(text),
  detect(context: DetectorContext): Finding[] {
    const findings: Finding[] = [];
    for (const assignment of collect(context.root, ['assignment'])) {
      const left = assignment.childForFieldName('left')?.text ?? '';
      if (/Rack::Attack\.cache\.store$/.test(left) && /MemoryStore/.test(assignment.childForFieldName('right')?.text ?? '')) {
        findings.push(rateLimitFinding({ at: assignment, name: left, framework: 'rack-attack', note: 'rate-limiting#limiters-in-application-code' }));
      }
    }
    const websocketFile = WEBSOCKET_HINT.test(context.text);
    if (websocketFile) {
      for (const assignment of collect(context.root, ['assignment'])) {
        const target = assignment.childForFieldName('left')?.text ?? '';
        if (CHANNEL.test(assignment.childForFieldName('right')?.text ?? '') && HOLDER_TARGET.test(target)) {
          findings.push(connectionRegistryFinding({ at: assignment, name: target, framework: 'em-websocket', note: 'stateful-connections#ruby' }));
        }
      }
    }
    const singleton = /@@\w+\s*=\s*(self|[A-Z]\w*)\.new\b|include\s+Singleton\b/.test(context.text);
    const methods = collect(context.root, ['method', 'singleton_method']);
    const reported = new Set<string>();
    for (const write of writesOf(context.root)) {
      if (reported.has(write.target) || !HOLDER_TARGET.test(write.target) || isCacheLikeName(write.target)) {
        continue;
      }
      const declared = declarationOf(context.root, write.target);
      // A Sinatra setting is a holder only when the file sets it to a collection.
      if (!declared && write.target.startsWith('settings.')) {
        continue;
      }
      const declaration = declared ?? write.node;
      if (websocketFile && isConnection(write.value)) {
        reported.add(write.target);
        findings.push(connectionRegistryFinding({ at: declaration, name: write.target, framework: 'em-websocket', note: 'stateful-connections#ruby' }));
        continue;
      }
      const shared = write.target.startsWith('@@') || /^[A-Z$]/.test(write.target) || write.target.startsWith('settings.') || (singleton && write.target.startsWith('@'));
      const sessionLike =
        SESSION_KEY.test(write.key?.text ?? '') || [write.target, write.key?.text ?? '', write.value?.text ?? ''].some((text) => /^[@$]*[A-Za-z_]\w*$/.test(text) && isSessionLikeName(text.replace(/^[@$]+/, '')));
      if (shared && sessionLike && methods.some((method) => method.startIndex <= write.node.startIndex && write.node.endIndex <= method.endIndex)) {
        reported.add(write.target);
        findings.push(sessionHolderFinding({ at: declaration, name: write.target, framework: 'ruby', note: 'externalize-sessions-ruby#hand-rolled-session-maps' }));
      }
    }
    return findings;
  },
};

interface RubyWrite {
  readonly node: Node;
  /** The collection written, as text (`@clients`, `ALL_CLIENTS`, `@session[session_id]` → `@session`). */
  readonly target: string;
  readonly key: Node | undefined;
  readonly value: Node | undefined;
}

/** `x << v`, `x.push(v)`, `x.add(v)`, `x[k] = v` (also `x[k][k2] = v`). */
function writesOf(root: Node): RubyWrite[] {
  const writes: RubyWrite[] = [];
  for (const binary of collect(root, ['binary'])) {
    if (binary.childForFieldName('operator')?.text === '<<') {
      const left = binary.childForFieldName('left');
      writes.push({ node: binary, target: left?.text ?? '', key: undefined, value: binary.childForFieldName('right') ?? undefined });
    }
  }
  for (const call of collect(root, ['call'])) {
    const method = call.childForFieldName('method')?.text;
    if (method === 'push' || method === 'add' || method === 'store') {
      const args = call.childForFieldName('arguments');
      const first = args ? args.namedChildren[0] ?? undefined : undefined;
      writes.push({ node: call, target: call.childForFieldName('receiver')?.text ?? '', key: method === 'store' ? first : undefined, value: first });
    }
  }
  for (const assignment of collect(root, ['assignment', 'operator_assignment'])) {
    let left = assignment.childForFieldName('left');
    let key: Node | undefined;
    while (left?.type === 'element_reference') {
      key = left.namedChildren[1] ?? undefined;
      left = left.childForFieldName('object') ?? left.namedChildren[0] ?? null;
    }
    if (key && left) {
      writes.push({ node: assignment, target: left.text, key, value: assignment.childForFieldName('right') ?? undefined });
    }
  }
  return writes;
}

const COLLECTION_VALUE = /^(\[|\{|(Hash|Array|Set|Concurrent::\w+)\.new\b)/;

/**
 * The first assignment of a collection to `target` (`X = []`, `@x = {}`, `@x = Hash.new`, `@x = Set.new`), or for
 * `settings.x` Sinatra's `set :x, []`.
 */
function declarationOf(root: Node, target: string): Node | undefined {
  const setting = /^settings\.(\w+)$/.exec(target)?.[1];
  if (setting) {
    return collect(root, ['call']).find((call) => {
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      return call.childForFieldName('method')?.text === 'set' && !call.childForFieldName('receiver') && args[0]?.text === `:${setting}` && COLLECTION_VALUE.test(args[1]?.text ?? '');
    });
  }
  return collect(root, ['assignment']).find(
    (assignment) => assignment.childForFieldName('left')?.text === target && COLLECTION_VALUE.test(assignment.childForFieldName('right')?.text ?? ''),
  );
}

/** A connection: a name like `ws` or `client`, or a server socket's `accept` (`clients << server.accept`). */
function isConnection(value: Node | undefined): boolean {
  if (value?.type === 'call') {
    return /^(accept|accept_nonblock)$/.test(value.childForFieldName('method')?.text ?? '');
  }
  return value?.type === 'identifier' && identifierWords(value.text).some((word) => CONNECTION_WORDS.has(word));
}
