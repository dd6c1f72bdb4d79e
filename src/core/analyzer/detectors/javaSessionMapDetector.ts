// in-memory-session-map for Java: a static map, or a map field of a singleton (Spring bean, servlet, Spring
// WebSocketHandler), that a request or WebSocket handler writes with a session/user/client-like name or key.
// Instance fields of a Jakarta @ServerEndpoint are per connection and stand down; so do immutable tables
// (`Map.of(...)`), maps filled only in initialisers, cache-named maps and test sources.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { collect, namedChildren } from '../syntax/tree';
import { handlerWriteFinding, isSessionLikeCollection, writesByTarget } from './handlerWriteReport';
import { JAVA_SYNTAX, javaClassRole, javaFrameworkOf, javaHasModifier, javaRawTypeName, javaReachableHandlers } from '../syntax/javaSyntax';

const MAP_TYPES = new Set([
  'Map', 'HashMap', 'ConcurrentHashMap', 'ConcurrentMap', 'LinkedHashMap', 'Hashtable', 'TreeMap', 'SortedMap', 'NavigableMap',
  'ConcurrentSkipListMap', 'ConcurrentNavigableMap', 'WeakHashMap',
]);
const WRITE_METHODS = new Set(['put', 'putIfAbsent', 'putAll', 'computeIfAbsent', 'compute', 'merge']);
/** Initialisers that build an unmodifiable map: writing to it would throw, so it is a constant table. */
const IMMUTABLE_INITIALISER = /^(Map\s*\.\s*(of|ofEntries|copyOf)|Collections\s*\.\s*(unmodifiable\w*Map|emptyMap|singletonMap)|Immutable\w*Map\b)/;

interface MapField {
  readonly name: string;
  readonly nameNode: Node;
  readonly isStatic: boolean;
  readonly typeName: string;
  readonly typeText: string;
}

/** A mutating map call in a handler, recorded once per handler and matched against every field afterwards. */
interface MapWrite {
  /** The field the call targets: `f` (when no local shadows it), `this.f` or `Owner.f`. */
  readonly field: string;
  readonly handler: string;
  readonly key: string;
}

/** Java hand-rolled session maps (rule in-memory-session-map); see the file header for what stands down. */
export const javaSessionMapDetector: Detector = {
  id: 'java-session-map',
  languages: ['java'],
  prefilter(text: string): boolean {
    return /Map\b/.test(text) && /Mapping|doGet|doPost|doPut|doDelete|service|OnOpen|OnMessage|WebSocketHandler|Service\b|Component\b|Path\b|GET\b|POST\b/.test(text);
  },
  detect(context: DetectorContext): Finding[] {
    if (JAVA_SYNTAX.isTestSource(context.root)) {
      return [];
    }
    const findings: Finding[] = [];
    for (const classNode of collect(context.root, ['class_declaration'])) {
      if (context.isCancelled()) {
        break;
      }
      findings.push(...detectInClass(classNode));
    }
    return findings;
  },
};

function detectInClass(classNode: Node): Finding[] {
  const role = javaClassRole(classNode);
  const fields = mapFields(classNode).filter((field) => field.isStatic || role === 'singleton');
  if (fields.length === 0) {
    return [];
  }
  const handlers = javaReachableHandlers(classNode);
  if (handlers.length === 0) {
    return [];
  }
  const className = classNode.childForFieldName('name')?.text ?? '';
  const writesByField = writesByTarget(handlers.flatMap((handler) => mapWritesIn(handler, className)), (write) => write.field);
  const findings: Finding[] = [];
  for (const field of fields) {
    const writes = writesByField.get(field.name) ?? [];
    if (writes.length === 0 || !isSessionLikeCollection(field.name, field.typeText, writes.map((write) => write.key))) {
      continue;
    }
    findings.push(
      handlerWriteFinding({
        at: field.nameNode,
        name: field.name,
        type: field.typeName,
        holder: field.isStatic ? { kind: 'static', owner: className } : { kind: 'field', owner: className },
        site: { kind: 'handler', writer: `${writes[0].handler}()` },
        note: 'externalize-sessions-java#hand-rolled-session-maps',
        framework: javaFrameworkOf(classNode),
      }),
    );
  }
  return findings;
}

function mapFields(classNode: Node): MapField[] {
  const body = classNode.childForFieldName('body');
  if (!body) {
    return [];
  }
  const fields: MapField[] = [];
  for (const member of namedChildren(body)) {
    if (member.type !== 'field_declaration') {
      continue;
    }
    const type = member.childForFieldName('type');
    const typeName = javaRawTypeName(type);
    if (!type || !typeName || !MAP_TYPES.has(typeName)) {
      continue;
    }
    for (const declarator of member.childrenForFieldName('declarator')) {
      const nameNode = declarator?.childForFieldName('name');
      if (!declarator || !nameNode) {
        continue;
      }
      const value = declarator.childForFieldName('value');
      if (value && IMMUTABLE_INITIALISER.test(value.text)) {
        continue;
      }
      fields.push({ name: nameNode.text, nameNode, isStatic: javaHasModifier(member, 'static'), typeName, typeText: type.text });
    }
  }
  return fields;
}

/** Mutating map calls inside one handler: `f.put(...)`, `this.f.merge(...)`, `Owner.f.computeIfAbsent(...)`. */
function mapWritesIn(handler: Node, className: string): MapWrite[] {
  const body = handler.childForFieldName('body');
  if (!body) {
    return [];
  }
  const locals = JAVA_SYNTAX.localNames(handler);
  // A method declaration always has a name (an empty MISSING node at worst).
  const handlerName = handler.childForFieldName('name')?.text ?? '';
  const writes: MapWrite[] = [];
  for (const call of collect(body, ['method_invocation'])) {
    const method = call.childForFieldName('name')?.text;
    const object = call.childForFieldName('object');
    const field = method && WRITE_METHODS.has(method) && object ? targetField(object, className, locals) : undefined;
    if (!field) {
      continue;
    }
    const argumentList = call.childForFieldName('arguments');
    const key = argumentList ? namedChildren(argumentList).find((argument) => argument.type !== 'comment') : undefined;
    writes.push({ field, handler: handlerName, key: key?.text ?? '' });
  }
  return writes;
}

/** The field a call's receiver names: a bare identifier no local shadows, `this.f` or `ClassName.f`. */
function targetField(object: Node, className: string, locals: ReadonlySet<string>): string | undefined {
  if (object.type === 'identifier') {
    return locals.has(object.text) ? undefined : object.text;
  }
  if (object.type === 'field_access') {
    const owner = object.childForFieldName('object');
    const field = object.childForFieldName('field');
    return field && owner && (owner.type === 'this' || owner.text === className) ? field.text : undefined;
  }
  return undefined;
}
