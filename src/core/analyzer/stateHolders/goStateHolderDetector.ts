// State holders in Go that the handler-based rule misses (rules in-memory-connection-registry, in-memory-rate-limit):
// - connection registries: a package-level variable or a struct field whose type is a set or map of connections —
//   the hub idiom `clients map[*Client]bool`, `map[*websocket.Conn]bool`, `map[string]*websocket.Conn`,
//   `[]*websocket.Conn`, or `map[K]*Client` in a field named like clients/connections, or a set of per-client
//   channels named like clients (`clients map[chan string]bool`, the server-sent-events broker). The hub is built once
//   (`NewHub()` in `main`), so the field is process-wide state even though no handler writes it directly;
// - per-client rate limiters: a package-level map keyed by client (IP, user) whose values hold a
//   `golang.org/x/time/rate` limiter, directly or through a visitor struct declared in the file;
// - session holders: in a package named for sessions (`package session`, `sessions`, `sessionstore`), a package-level
//   map keyed by string, created empty at run time, whose values are session records (`make(map[string]*Entry)`).
//   The package's other files write it, so no handler is in view here. In any package, a package-level map named for
//   sessions, users or tokens that starts empty (`var sessions = map[string]session{}`, `make(map[string]User)`):
//   an empty table at package level exists to be filled at run time, unless the file is a whole program with no
//   server (its own `main` and no HTTP or web-framework import: a command-line tool's state). Registries of providers, drivers or factories
//   (`make(map[string]Provider)`, the pluggable-backend idiom) and cache-named maps stand down.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { identifierWords, isCacheLikeName, isSessionLikeCollectionName } from '../syntax/keywords';
import { collect, namedChildren } from '../syntax/tree';
import { connectionRegistryFinding, rateLimitFinding, sessionHolderFinding } from './report';

/** A set of connections or clients keyed by pointer: `map[*Client]bool`, `map[*websocket.Conn]struct{}`. */
const CONNECTION_SET = /map\[\s*\*\s*(\w+\.)?(Conn|Client|Connection|Socket|Peer|Subscriber|WsClient|WSClient)\s*\]\s*(bool|struct\s*\{\s*\})/;
/** Any collection of WebSocket / network connections. */
const CONNECTION_VALUES = /(map\[[^\]]+\]|\[\])\s*\*?\s*(websocket|ws|net|gws|nhooyr)\.Conn\b|map\[\s*\*?\s*(websocket|ws)\.Conn\s*\]/;
/** A map of client or connection structs, counted only when the holder's name says "connected clients". */
const CLIENT_VALUES = /map\[[^\]]+\]\s*\*\s*(Client|Connection|WsClient|WSClient|Peer|Subscriber)\b/;
/** A set of per-client channels, counted only when the holder's name says "connected clients". */
const CHANNEL_SET = /map\[\s*chan\b[^\]]*\]\s*(bool|struct\s*\{\s*\})/;
/** An import that serves requests: net/http, a web framework, a WebSocket or RPC server. */
const SERVER_IMPORT = /"(net\/http|github\.com\/(gin-gonic|labstack|gofiber|gorilla|go-chi|julienschmidt|valyala)\/[^"]*|google\.golang\.org\/grpc|nhooyr\.io\/websocket)"/;
/** A map created empty: `map[K]V{}`, `make(map[K]V)` (with or without a size hint). */
const EMPTY_MAP = /(make\(\s*map\[[^\]]+\][^,()]+(,[^)]*)?\)|map\[[^\]]+\][\w.*\s]+\{\s*\})\s*$/;
const REGISTRY_WORDS = new Set(['clients', 'connections', 'conns', 'sockets', 'peers', 'subscribers', 'client', 'pool', 'online', 'users']);
/** A package whose name says it manages sessions. */
const SESSION_PACKAGE = /^package\s+(session|sessions|session_?store|sessionstore|sess)\b/im;
/** An empty string-keyed map of session records made at run time: `make(map[string]*Entry)`, `map[string]*Entry{}`. */
const SESSION_RECORDS = /(make\(\s*map\[\s*string\s*\]\s*\*\s*\w+\s*(,[^)]*)?\)|map\[\s*string\s*\]\s*\*\s*\w+\s*\{\s*\})\s*$/;
/** Maps of pluggable back ends, not of sessions. */
const BACKEND_WORDS = new Set(['provider', 'providers', 'driver', 'drivers', 'factory', 'factories', 'handler', 'handlers', 'codec', 'codecs', 'store', 'stores', 'registry', 'adapter', 'adapters', 'backend', 'backends', 'engine', 'engines']);

export const goStateHolderDetector: Detector = {
  id: 'go-state-holders',
  languages: ['go'],
  prefilter: (text) => /map\[|\[\]\s*\*?\s*\w+\.Conn/.test(text),
  detect(context: DetectorContext): Finding[] {
    const findings: Finding[] = [];
    const limiterStructs = rateLimitedStructs(context.root, context.text);
    const sessionPackage = SESSION_PACKAGE.test(context.text);
    const toolProgram = /^func\s+main\s*\(\s*\)/m.test(context.text) && !SERVER_IMPORT.test(context.text);
    for (const { nameNode, typeText, packageLevel } of holders(context.root)) {
      const name = nameNode.text;
      const registryName = identifierWords(name).some((word) => REGISTRY_WORDS.has(word));
      if (CONNECTION_SET.test(typeText) || CONNECTION_VALUES.test(typeText) || (registryName && (CLIENT_VALUES.test(typeText) || CHANNEL_SET.test(typeText)))) {
        findings.push(connectionRegistryFinding({ at: nameNode, name, framework: /websocket/.test(context.text) ? 'gorilla/websocket' : 'go', note: 'stateful-connections#go' }));
      } else if (packageLevel && limiterStructs.length > 0 && new RegExp(`map\\[\\s*string\\s*\\]\\s*\\*?\\s*(${limiterStructs.join('|')})\\b`).test(typeText)) {
        findings.push(rateLimitFinding({ at: nameNode, name, framework: 'x/time/rate', note: 'rate-limiting#limiters-in-application-code' }));
      } else if (packageLevel && ((sessionPackage && SESSION_RECORDS.test(typeText.trim())) || (!toolProgram && isSessionLikeCollectionName(name) && EMPTY_MAP.test(typeText.trim()))) && !isCacheLikeName(name) && !identifierWords(`${name} ${typeText}`).some((word) => BACKEND_WORDS.has(word))) {
        findings.push(sessionHolderFinding({ at: nameNode, name, framework: 'go', note: 'externalize-sessions-go#hand-rolled-session-maps' }));
      }
    }
    return findings;
  },
};

interface GoHolder {
  readonly nameNode: Node;
  /** The declared type, or the initialiser when the type is inferred (`make(map[...]...)`, a composite literal). */
  readonly typeText: string;
  readonly packageLevel: boolean;
}

/** Package-level `var` specs and fields of the file's struct types. */
function holders(root: Node): GoHolder[] {
  const result: GoHolder[] = [];
  for (const statement of namedChildren(root)) {
    if (statement.type !== 'var_declaration') {
      continue;
    }
    for (const spec of collect(statement, ['var_spec'])) {
      const typeText = `${spec.childForFieldName('type')?.text ?? ''} ${spec.childForFieldName('value')?.text ?? ''}`;
      for (const nameNode of spec.childrenForFieldName('name')) {
        if (nameNode) {
          result.push({ nameNode, typeText, packageLevel: true });
        }
      }
    }
  }
  for (const field of collect(root, ['field_declaration'])) {
    const typeText = field.childForFieldName('type')?.text ?? '';
    for (const nameNode of field.childrenForFieldName('name')) {
      if (nameNode) {
        result.push({ nameNode, typeText, packageLevel: false });
      }
    }
  }
  return result;
}

/** `rate.Limiter` plus the file's struct types that carry one (the `visitor{limiter *rate.Limiter; lastSeen}` idiom). */
function rateLimitedStructs(root: Node, text: string): string[] {
  if (!text.includes('golang.org/x/time/rate')) {
    return [];
  }
  const names = ['rate\\.Limiter'];
  for (const spec of collect(root, ['type_spec'])) {
    const name = spec.childForFieldName('name')?.text;
    if (name && /\*?\s*rate\.Limiter\b/.test(spec.childForFieldName('type')?.text ?? '')) {
      names.push(name);
    }
  }
  return names;
}
