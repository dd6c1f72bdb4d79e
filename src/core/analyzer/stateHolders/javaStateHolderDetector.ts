// State holders in Java that the handler-based rule misses (rules in-memory-connection-registry,
// in-memory-session-map, in-memory-rate-limit):
// - connection registries: a collection field of WebSocket sessions, channels, sockets or SSE emitters that outlives
//   one connection — static (a Jakarta `@ServerEndpoint`'s `static Set<Session>`; its instance fields are per
//   connection and stand down), or a field of a Spring singleton (`@Component`, `@Service`, a `WebSocketHandler`);
// - session holders: a static collection named like sessions, users, logins or tokens that code outside the
//   initialisers writes (or that is public for other classes to write): hand-written session managers;
// - per-client rate limiters: a map whose values are Bucket4j buckets or rate limiters; and per-client attempt
//   counters (`Map<String, Integer> attemptsCache` counting failed logins per key to block after N) in a singleton
//   or static field, written by a method: a lockout each instance counts on its own, whatever `cache` in its name says.
// - socket servers (a file that opens a `ServerSocket`): a static collection of the clients' writers or streams
//   (`static Set<PrintWriter>`), or of per-client handler objects; Netty's `ChannelGroup` counts as a collection of
//   channels. A `@ServerEndpoint` annotation marks a WebSocket endpoint even when the file's imports are not shown.
// Immutable tables (`Map.of`, `Collections.unmodifiable*`), cache-named fields and test sources stand down.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { identifierWords, isCacheLikeName, isSessionLikeCollectionName } from '../syntax/keywords';
import { JAVA_SYNTAX, javaAnnotationNames, javaHasModifier, javaSuperTypeNames } from '../syntax/javaSyntax';
import { collect, namedChildren } from '../syntax/tree';
import { fileRole } from './fileRole';
import { connectionRegistryFinding, rateLimitFinding, sessionHolderFinding } from './report';

const COLLECTION = /^(\w+\.)*(Set|List|Map|Collection|Queue|Deque|Vector|Hashtable|\w*(Map|Set|List|Queue|Deque))\s*<|^(\w+\.)*ChannelGroup$/;
const CONNECTION_ELEMENT = /<[^;]*\b(WebSocketSession|SseEmitter|ChannelHandlerContext|Channel|Socket|WebSocket|IoSession|SocketIOClient|StompSession)\b/;
/** What a plain socket server keeps per client: the writer or stream to the client, or a handler object. */
const SOCKET_CLIENT_ELEMENT = /<[^;]*\b(PrintWriter|PrintStream|ObjectOutputStream|DataOutputStream|BufferedWriter|OutputStream|Writer|\w*(Client|Handler|Connection|Worker)\w*)\s*>/;
/** A map from a client key to a count: the shape of a login-attempt or request counter. */
const COUNT_VALUE = /Map\s*<[^;]*,\s*(Integer|Long|Short|AtomicInteger|AtomicLong)\s*>/;
// Login-lockout words only: a per-path hit counter (`hitsByPath`) is a metric, not a per-client limit.
const ATTEMPT_WORDS = new Set(['attempt', 'attempts', 'failed', 'failure', 'failures', 'tries', 'retries']);
const RATE_LIMITER_VALUE = /,\s*(\w+\.)*(Bucket|RateLimiter|TokenBucket|SlidingWindow\w*)\s*>/;
const IMMUTABLE = /^(Map|Set|List)\s*\.\s*(of|copyOf)|^Collections\s*\.\s*(unmodifiable|empty|singleton)|^Immutable/;
const SINGLETON_ANNOTATIONS = new Set(['Component', 'Service', 'Controller', 'RestController', 'Configuration', 'Repository', 'Singleton', 'ApplicationScoped']);
const SERVER_IMPORT = /import\s+(javax|jakarta)\.(servlet|websocket|ws)\.|import\s+org\.springframework\.|import\s+io\.(netty|vertx|javalin|micronaut|quarkus)\.|import\s+com\.sun\.net\.httpserver\./;
const WRITES = /\.(put|putIfAbsent|computeIfAbsent|compute|merge|add|addAll|offer|push)\s*\(/;

export const javaStateHolderDetector: Detector = {
  id: 'java-state-holders',
  languages: ['java'],
  prefilter: (text) => /(Set|List|Map|Queue|Collection)\s*<|ChannelGroup/.test(text),
  detect(context: DetectorContext): Finding[] {
    if (JAVA_SYNTAX.isTestSource(context.root)) {
      return [];
    }
    const websocketApi = /import\s+(javax|jakarta)\.websocket\./.test(context.text);
    const socketServer = /\bnew\s+ServerSocket\s*\(|\bServerSocketChannel\.open\s*\(/.test(context.text);
    // Session holders need server code: a servlet, Spring, WebSocket or HTTP import, or a server folder.
    const serverCode = SERVER_IMPORT.test(context.text) || fileRole(context.fileName, context.text) === 'server';
    const findings: Finding[] = [];
    for (const classNode of collect(context.root, ['class_declaration'])) {
      const annotations = javaAnnotationNames(classNode);
      const endpoint = annotations.includes('ServerEndpoint');
      const singleton = annotations.some((name) => SINGLETON_ANNOTATIONS.has(name)) || javaSuperTypeNames(classNode).some((name) => /WebSocketHandler$|WebSocketHandlerAdapter$/.test(name));
      const className = classNode.childForFieldName('name')?.text ?? '';
      const body = classNode.childForFieldName('body');
      for (const field of body ? namedChildren(body).filter((member) => member.type === 'field_declaration') : []) {
        const typeText = field.childForFieldName('type')?.text ?? '';
        if (!COLLECTION.test(typeText)) {
          continue;
        }
        const isStatic = javaHasModifier(field, 'static');
        for (const declarator of field.childrenForFieldName('declarator')) {
          const nameNode = declarator?.childForFieldName('name');
          const value = declarator?.childForFieldName('value')?.text ?? '';
          if (!declarator || !nameNode || IMMUTABLE.test(value)) {
            continue;
          }
          const name = nameNode.text;
          const outlives = isStatic || (singleton && !endpoint);
          if (outlives && COUNT_VALUE.test(typeText) && identifierWords(name).some((word) => ATTEMPT_WORDS.has(word)) && writtenOutsideInitialiser(context.root, name)) {
            findings.push(rateLimitFinding({ at: nameNode, name, framework: 'java', note: 'rate-limiting#limiters-in-application-code' }));
            continue;
          }
          if (isCacheLikeName(name)) {
            continue;
          }
          const connectionElement =
            CONNECTION_ELEMENT.test(typeText) ||
            /ChannelGroup$/.test(typeText) ||
            ((websocketApi || endpoint) && /<[^;]*\bSession\b/.test(typeText)) ||
            (endpoint && new RegExp(`<[^;]*\\b${className}\\b`).test(typeText)) ||
            (socketServer && SOCKET_CLIENT_ELEMENT.test(typeText));
          const outlivesConnection = isStatic || (singleton && !endpoint);
          if (connectionElement && outlivesConnection) {
            findings.push(connectionRegistryFinding({ at: nameNode, name, framework: endpoint ? 'jakarta-websocket' : /ChannelGroup$/.test(typeText) ? 'netty' : socketServer ? 'java' : 'spring-websocket', note: 'stateful-connections#java' }));
          } else if (RATE_LIMITER_VALUE.test(typeText) && outlivesConnection) {
            findings.push(rateLimitFinding({ at: nameNode, name, framework: /Bucket/.test(typeText) ? 'bucket4j' : 'java', note: 'rate-limiting#limiters-in-application-code' }));
          } else if (isStatic && !endpoint && serverCode && sessionLike(name, typeText) && (writtenOutsideInitialiser(context.root, name) || !javaHasModifier(field, 'private'))) {
            findings.push(sessionHolderFinding({ at: nameNode, name, framework: 'java', note: 'externalize-sessions-java#hand-rolled-session-maps' }));
          }
        }
      }
    }
    return findings;
  },
};

/** A session-like name, or a collection of HTTP sessions. */
function sessionLike(name: string, typeText: string): boolean {
  return isSessionLikeCollectionName(name) || /<[^;]*\bHttpSession\b/.test(typeText) || identifierWords(name).some((word) => word === 'logins' || word === 'online');
}

/** True when a method or constructor body writes `name` (`name.put(...)`, `name = ...`), not only a static block. */
function writtenOutsideInitialiser(root: Node, name: string): boolean {
  const assignment = new RegExp(`(^|[^\\w.])(this\\.|\\w+\\.)?${name}\\s*=[^=]`);
  return collect(root, ['method_declaration', 'constructor_declaration']).some((method) => {
    const text = method.childForFieldName('body')?.text ?? '';
    return text.split(new RegExp(`\\b${name}\\b`)).slice(1).some((after) => WRITES.test(after.slice(0, 40)) && /^\s*\.\s*\w+\s*\(/.test(after)) || assignment.test(text);
  });
}
