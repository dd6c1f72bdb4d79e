// State holders in C# that the hub/controller rule misses (rules in-memory-connection-registry,
// in-memory-session-map):
// - connection registries: a field or property whose collection type holds WebSockets (`WebSocket`,
//   Fleck's `IWebSocketConnection`, `WebSocketSession`, sockets), in any class but a per-request hub or controller
//   (whose instance fields die with the request); or a static collection named like connected ids, connections,
//   online users or sockets (SignalR's `UserHandler.ConnectedIds` idiom); classic ASP.NET's `WebSocketCollection`
//   (Microsoft.Web.WebSockets) is a collection of open WebSocket handlers by itself;
//   a static collection of a SignalR hub whose entries are keyed by `Context.ConnectionId` is a registry whatever
//   its name (`Users[Context.ConnectionId] = userId`); a top-level-statements program's local collection of
//   WebSockets (Fleck's `var all = new List<IWebSocketConnection>()`) lives as long as the server does;
// - session holders: a static dictionary named like sessions, users or tokens in a plain class (a hand-written
//   session storage), written by one of its methods.
// Read-only tables (never written outside initialisers) and test sources stand down.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { csBaseTypeNames, CSHARP_SYNTAX, csModifiers } from '../syntax/csharpSyntax';
import { identifierWords, isCacheLikeName, isSessionLikeCollectionName } from '../syntax/keywords';
import { collect, namedChildren } from '../syntax/tree';
import { connectionRegistryFinding, sessionHolderFinding } from './report';

const COLLECTION = /^(\w+\.)*(Dictionary|ConcurrentDictionary|IDictionary|IReadOnlyDictionary|List|IList|HashSet|ISet|ICollection|IEnumerable|ConcurrentBag|ConcurrentQueue|SortedDictionary|SynchronizedCollection|ImmutableDictionary)\s*<|^(\w+\.)*WebSocketCollection$/;
const CONNECTION_ELEMENT = /<[^;]*\b(WebSocket|IWebSocketConnection|WebSocketSession|WebSocketConnection|Socket|TcpClient|IWebSocket)\b/;
const REGISTRY_WORDS = new Set(['connected', 'connections', 'connection', 'sockets', 'online', 'subscribers', 'clients']);
const PER_REQUEST_BASES = new Set(['Hub', 'Controller', 'ControllerBase', 'PageModel']);

export const csharpStateHolderDetector: Detector = {
  id: 'csharp-state-holders',
  languages: ['csharp'],
  prefilter: (text) => /(Dictionary|List|HashSet|ConcurrentBag|ISet|ICollection)\s*<|WebSocketCollection/.test(text),
  detect(context: DetectorContext): Finding[] {
    if (CSHARP_SYNTAX.isTestSource(context.root)) {
      return [];
    }
    const findings: Finding[] = topLevelRegistries(context.root, /SignalR/.test(context.text));
    for (const classNode of collect(context.root, ['class_declaration'])) {
      const hub = csBaseTypeNames(classNode).includes('Hub');
      const perRequest = csBaseTypeNames(classNode).some((name) => PER_REQUEST_BASES.has(name));
      const body = classNode.childForFieldName('body');
      for (const member of body ? namedChildren(body) : []) {
        for (const { nameNode, typeText, initialiser } of membersOf(member)) {
          const name = nameNode.text;
          if (!COLLECTION.test(typeText) || isCacheLikeName(name)) {
            continue;
          }
          const isStatic = csModifiers(member).has('static');
          const registryName = identifierWords(name).some((word) => REGISTRY_WORDS.has(word));
          const connections = CONNECTION_ELEMENT.test(typeText) || /WebSocketCollection$/.test(typeText);
          if ((connections && (isStatic || !perRequest)) || (isStatic && (registryName || (hub && keyedByConnectionId(classNode, name))))) {
            findings.push(connectionRegistryFinding({ at: nameNode, name, framework: /SignalR/.test(context.text) ? 'signalr' : 'aspnetcore', note: 'stateful-connections#net' }));
          } else if (isStatic && !perRequest && isSessionLikeCollectionName(name) && !/^ImmutableDictionary|IReadOnly/.test(typeText) && writtenInMethod(classNode, name, initialiser)) {
            findings.push(sessionHolderFinding({ at: nameNode, name, framework: 'dotnet', note: 'externalize-sessions-dotnet#hand-rolled-session-maps' }));
          }
        }
      }
    }
    return findings;
  },
};

interface CsMember {
  readonly nameNode: Node;
  readonly typeText: string;
  readonly initialiser: Node | undefined;
}

/** The names a field declaration declares (with their type), or a property's name and type. */
function membersOf(member: Node): CsMember[] {
  if (member.type === 'property_declaration') {
    const nameNode = member.childForFieldName('name');
    return nameNode ? [{ nameNode, typeText: member.childForFieldName('type')?.text ?? '', initialiser: member.childForFieldName('value') ?? undefined }] : [];
  }
  if (member.type !== 'field_declaration') {
    return [];
  }
  const declaration = namedChildren(member).find((child) => child.type === 'variable_declaration');
  const typeText = declaration?.childForFieldName('type')?.text ?? '';
  return (declaration ? namedChildren(declaration).filter((child) => child.type === 'variable_declarator') : []).flatMap((declarator) => {
    const nameNode = declarator.childForFieldName('name') ?? namedChildren(declarator).find((child) => child.type === 'identifier');
    return nameNode ? [{ nameNode, typeText, initialiser: declarator }] : [];
  });
}

/** True when a hub method writes `name` under the caller's connection id (`name[Context.ConnectionId] = ...`, `name.TryAdd(Context.ConnectionId, ...)`). */
function keyedByConnectionId(classNode: Node, name: string): boolean {
  const write = new RegExp(`\\b${name}\\s*(\\[\\s*Context\\.ConnectionId\\s*\\]\\s*=[^=]|\\.\\s*(Add|TryAdd|AddOrUpdate|GetOrAdd)\\s*\\(\\s*Context\\.ConnectionId\\b)`);
  return collect(classNode, ['method_declaration']).some((method) => write.test(method.text));
}

/** Locals of top-level statements (C# 9+ `Program.cs`) that collect WebSocket connections: they live as long as the process. */
function topLevelRegistries(root: Node, signalR: boolean): Finding[] {
  const findings: Finding[] = [];
  // Only a program that serves connections: a client or load tester keeps the sockets it opened, not its users'.
  if (!/\b(WebSocketServer|TcpListener|HttpListener|WebApplication|UseWebSockets)\b/.test(root.text)) {
    return findings;
  }
  for (const statement of namedChildren(root).filter((child) => child.type === 'global_statement')) {
    for (const declaration of collect(statement, ['variable_declaration']).filter((node) => node.parent?.parent?.id === statement.id)) {
      const declaredType = declaration.childForFieldName('type')?.text ?? '';
      for (const declarator of namedChildren(declaration).filter((child) => child.type === 'variable_declarator')) {
        const nameNode = declarator.childForFieldName('name') ?? namedChildren(declarator).find((child) => child.type === 'identifier');
        const created = collect(declarator, ['object_creation_expression'])[0]?.childForFieldName('type')?.text ?? '';
        const typeText = declaredType === 'var' ? created : declaredType;
        if (nameNode && COLLECTION.test(typeText) && CONNECTION_ELEMENT.test(typeText)) {
          findings.push(connectionRegistryFinding({ at: nameNode, name: nameNode.text, framework: signalR ? 'signalr' : 'aspnetcore', note: 'stateful-connections#net' }));
        }
      }
    }
  }
  return findings;
}

/** True when a method, constructor, accessor or lambda of the class writes `name[...] =` or calls a mutator on it. */
function writtenInMethod(classNode: Node, name: string, initialiser: Node | undefined): boolean {
  const write = new RegExp(`\\b${name}\\s*(\\[[^\\]]*\\]\\s*=[^=]|\\.\\s*(Add|TryAdd|AddOrUpdate|GetOrAdd|TryUpdate|Remove|TryRemove|Clear)\\s*\\()`);
  return collect(classNode, ['method_declaration', 'constructor_declaration', 'accessor_declaration', 'local_function_statement', 'arrow_expression_clause'])
    .filter((method) => initialiser === undefined || method.startIndex >= initialiser.endIndex || method.endIndex <= initialiser.startIndex)
    .some((method) => write.test(method.text));
}
