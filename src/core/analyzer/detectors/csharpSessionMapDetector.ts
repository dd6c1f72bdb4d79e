// in-memory-session-map for C#: a Dictionary/ConcurrentDictionary (or Hashtable, SortedDictionary, ...) that outlives
// requests and is written from request or hub code with a session/user/connection-like name, type or key:
// - a `static` field or property of a SignalR hub (`: Hub`) written in a hub method (OnConnectedAsync, client calls);
// - a `static` field of a controller (`[ApiController]`, `: Controller`/`ControllerBase`) or Razor page model
//   (`: PageModel`) written in an action or page handler;
// - any field of a class registered with `AddSingleton<...>` in the same file, written in one of its methods;
// - a dictionary field of a same-file class whose instance a hub/controller keeps in a static field and calls from
//   its entry points (SignalR's documented `ConnectionMapping<T>`), written in one of the methods called;
// - a top-level local of a minimal-API Program.cs (it lives as long as the process) written in a `Map*` handler.
// Private helpers an entry point calls in the same class count. Controllers and hubs are created per request or
// invocation, so their instance fields stand down, as do read-only tables (never written outside initialisers),
// function-local dictionaries, cache-named fields and test sources.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { HANDLER_CALL_DEPTH, reachableFrom } from '../syntax/reachable';
import { collect, namedChildren } from '../syntax/tree';
import { csArguments, csAttributeNames, csBaseTypeNames, CSHARP_SYNTAX, csInvocationTypeArguments, csModifiers, csSimpleName } from '../syntax/csharpSyntax';
import { handlerWriteFinding, isSessionLikeCollection, writesByTarget } from './handlerWriteReport';
import { describe, HAND_ROLLED, type ClassKind, type Description, type Holder, type SharedDictionary } from './csharpClassKinds';

const DICTIONARY_TYPES = new Set(['Dictionary', 'ConcurrentDictionary', 'IDictionary', 'SortedDictionary', 'SortedList', 'Hashtable']);
const WRITE_METHODS = new Set(['Add', 'TryAdd', 'AddOrUpdate', 'GetOrAdd', 'TryUpdate']);
const CONTROLLER_BASES = new Set(['Controller', 'ControllerBase']);
const HTTP_ATTRIBUTES = /^(Http(Get|Post|Put|Delete|Patch|Head|Options)|Route|AcceptVerbs)$/;
const MAP_METHODS = new Set(['MapGet', 'MapPost', 'MapPut', 'MapDelete', 'MapPatch', 'MapMethods', 'Map', 'MapFallback']);
const SINGLETON_REGISTRATIONS = new Set(['AddSingleton', 'TryAddSingleton']);

/** A dictionary write in one method, recorded once per method and matched against every field afterwards. */
interface DictionaryWrite {
  /** The member written: `d` (when no local shadows it), `this.d` or `Owner.d`. */
  readonly target: string;
  readonly key: string;
  readonly where: string;
}

/** C# hand-rolled session dictionaries in hubs, controllers, singletons and minimal APIs (in-memory-session-map). */
export const csharpSessionMapDetector: Detector = {
  id: 'csharp-session-map',
  languages: ['csharp'],
  prefilter(text: string): boolean {
    return /Dictionary|Hashtable|SortedList/.test(text);
  },
  detect(context: DetectorContext): Finding[] {
    const root = context.root;
    if (CSHARP_SYNTAX.isTestSource(root)) {
      return [];
    }
    const singletons = singletonTypes(root);
    const classes = collect(root, ['class_declaration']);
    const kinds = new Map<Node, ClassKind>();
    const entryPoints = new Map<Node, Node[]>();
    for (const classNode of classes) {
      const kind = classKind(classNode, singletons);
      if (kind) {
        kinds.set(classNode, kind);
        entryPoints.set(classNode, reachableMethods(classNode, (method) => isEntryPoint(method, kind)));
      }
    }
    const held = heldClasses(classes, kinds, entryPoints);
    const findings: Finding[] = [];
    for (const classNode of classes) {
      if (context.isCancelled()) {
        return [];
      }
      const kind = kinds.get(classNode);
      const holder = held.get(classNode.childForFieldName('name')?.text ?? '');
      if (kind) {
        findings.push(...detectInClass(classNode, kind, entryPoints.get(classNode) ?? []));
      } else if (holder) {
        const entry = (method: Node): boolean => holder.calledMethods.has(method.childForFieldName('name')?.text ?? '');
        findings.push(...detectInClass(classNode, 'singleton', reachableMethods(classNode, entry), holder));
      }
    }
    findings.push(...detectTopLevel(root));
    return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  },
};

/** Types registered as singletons in this file: `AddSingleton<T>()`, `AddSingleton<I, T>()`, `AddSingleton(new T())`. */
function singletonTypes(root: Node): Set<string> {
  const types = new Set<string>();
  for (const invocation of collect(root, ['invocation_expression'])) {
    if (!SINGLETON_REGISTRATIONS.has(CSHARP_SYNTAX.invokedName(invocation) ?? '')) {
      continue;
    }
    const typeArguments = csInvocationTypeArguments(invocation);
    if (typeArguments.length > 0) {
      types.add(typeArguments[typeArguments.length - 1]);
    }
    for (const argument of csArguments(invocation)) {
      if (argument.type === 'object_creation_expression') {
        const name = csSimpleName(argument.childForFieldName('type'));
        if (name) {
          types.add(name);
        }
      } else if (argument.type === 'typeof_expression') {
        const name = csSimpleName(argument.childForFieldName('type') ?? namedChildren(argument)[0]);
        if (name) {
          types.add(name);
        }
      }
    }
  }
  return types;
}


/**
 * Classes whose instances a hub, controller or singleton keeps in a shared field and calls from its entry points,
 * such as SignalR's documented `ConnectionMapping<T>`: those instances are process-wide too.
 */
function heldClasses(classes: readonly Node[], kinds: ReadonlyMap<Node, ClassKind>, entryPointsOf: ReadonlyMap<Node, Node[]>): Map<string, Holder> {
  const declared = new Set(classes.map((classNode) => classNode.childForFieldName('name')?.text ?? ''));
  const held = new Map<string, Holder>();
  for (const [classNode, kind] of kinds) {
    const className = classNode.childForFieldName('name')?.text ?? '';
    const body = classNode.childForFieldName('body');
    const entryPoints = entryPointsOf.get(classNode) ?? [];
    let calledOnMembers: Map<string, Set<string>> | undefined;
    for (const field of body ? namedChildren(body).filter((member) => member.type === 'field_declaration') : []) {
      const isStatic = csModifiers(field).has('static');
      const declaration = namedChildren(field).find((child) => child.type === 'variable_declaration');
      const typeName = csSimpleName(declaration?.childForFieldName('type'));
      if (!declaration || !typeName || typeName === className || !declared.has(typeName) || (!isStatic && kind !== 'singleton')) {
        continue;
      }
      for (const declarator of namedChildren(declaration).filter((child) => child.type === 'variable_declarator')) {
        const fieldName = declarator.childForFieldName('name')?.text ?? '';
        calledOnMembers ??= methodsCalledOnMembers(entryPoints, className);
        const calledMethods = new Set(calledOnMembers.get(fieldName));
        if (calledMethods.size > 0) {
          held.set(typeName, { kind, className, fieldName, isStatic, calledMethods });
        }
      }
    }
  }
  return held;
}

/**
 * For each member the entry points call methods on (`Member.M()`, `this.Member.M()`, `Owner.Member.M()`), the names of
 * those methods: one pass over the entry points, however many fields are then looked up.
 */
function methodsCalledOnMembers(entryPoints: readonly Node[], className: string): Map<string, Set<string>> {
  const called = new Map<string, Set<string>>();
  for (const method of entryPoints) {
    const locals = CSHARP_SYNTAX.localNames(method);
    for (const invocation of collect(method, ['invocation_expression'])) {
      const callee = invocation.childForFieldName('function');
      const member = callee?.type === 'member_access_expression' ? memberName(callee.childForFieldName('expression'), className, locals) : undefined;
      if (member !== undefined) {
        let methods = called.get(member);
        if (!methods) {
          methods = new Set();
          called.set(member, methods);
        }
        methods.add(csSimpleName(callee!.childForFieldName('name')) ?? '');
      }
    }
  }
  return called;
}

function classKind(classNode: Node, singletons: ReadonlySet<string>): ClassKind | undefined {
  const bases = csBaseTypeNames(classNode);
  if (bases.includes('Hub')) {
    return 'hub';
  }
  const attributes = csAttributeNames(classNode);
  if (bases.includes('PageModel')) {
    return 'page';
  }
  if (attributes.includes('ApiController') || attributes.includes('Controller') || bases.some((base) => CONTROLLER_BASES.has(base))) {
    return 'controller';
  }
  const name = classNode.childForFieldName('name')?.text;
  return name && singletons.has(name) ? 'singleton' : undefined;
}

function detectInClass(classNode: Node, kind: ClassKind, entryPoints: readonly Node[], holder?: Holder): Finding[] {
  const dictionaries = sharedDictionaries(classNode).filter((dictionary) => dictionary.isStatic || kind === 'singleton');
  if (dictionaries.length === 0) {
    return [];
  }
  const className = classNode.childForFieldName('name')?.text ?? '';
  const allWrites = entryPoints.flatMap((method) => {
    const body = method.childForFieldName('body');
    // A method declaration always has a name (an empty MISSING node at worst).
    const where = `${method.childForFieldName('name')?.text ?? ''}()`;
    return body ? writesIn(body, className, CSHARP_SYNTAX.localNames(method), where) : [];
  });
  const byTarget = writesByTarget(allWrites, (write) => write.target);
  const findings: Finding[] = [];
  for (const dictionary of dictionaries) {
    const writes = byTarget.get(dictionary.name) ?? [];
    const finding = reportIfSessionLike(dictionary, writes, describe(kind, dictionary, className, holder));
    if (finding) {
      findings.push(finding);
    }
  }
  return findings;
}

function reportIfSessionLike(dictionary: SharedDictionary, writes: readonly DictionaryWrite[], description: Description): Finding | undefined {
  if (writes.length === 0 || !isSessionLikeCollection(dictionary.name, dictionary.typeText, writes.map((write) => write.key))) {
    return undefined;
  }
  const where = writes[0].where;
  return handlerWriteFinding({
    at: dictionary.nameNode,
    name: dictionary.name,
    type: dictionary.typeText.replace(/<.*$/s, ''),
    holder: description.holder,
    site: { kind: 'handler', writer: where === '' ? undefined : where },
    note: description.note,
    framework: description.framework,
  });
}

function dictionaryTypeName(type: Node | null): string | undefined {
  const name = csSimpleName(type);
  return name && DICTIONARY_TYPES.has(name) ? name : undefined;
}

/** Dictionary-typed fields and auto-properties declared directly in the class body. */
function sharedDictionaries(classNode: Node): SharedDictionary[] {
  const body = classNode.childForFieldName('body');
  const found: SharedDictionary[] = [];
  for (const member of body ? namedChildren(body) : []) {
    const isStatic = csModifiers(member).has('static');
    if (member.type === 'field_declaration') {
      const declaration = namedChildren(member).find((child) => child.type === 'variable_declaration');
      const type = declaration?.childForFieldName('type') ?? null;
      if (!declaration || !type || !dictionaryTypeName(type)) {
        continue;
      }
      for (const declarator of namedChildren(declaration).filter((child) => child.type === 'variable_declarator')) {
        const nameNode = declarator.childForFieldName('name');
        if (nameNode) {
          found.push({ name: nameNode.text, nameNode, typeText: type.text, isStatic });
        }
      }
    } else if (member.type === 'property_declaration') {
      const type = member.childForFieldName('type');
      const nameNode = member.childForFieldName('name');
      if (type && nameNode && dictionaryTypeName(type)) {
        found.push({ name: nameNode.text, nameNode, typeText: type.text, isStatic });
      }
    }
  }
  return found;
}

/** The entry methods (hub methods, actions, every method of a singleton, ...) and the class methods they call. */
function reachableMethods(classNode: Node, isEntry: (method: Node) => boolean): Node[] {
  const body = classNode.childForFieldName('body');
  const methods = body ? namedChildren(body).filter((member) => member.type === 'method_declaration') : [];
  const byName = new Map<string, Node[]>();
  for (const method of methods) {
    const name = method.childForFieldName('name')?.text ?? '';
    byName.set(name, [...(byName.get(name) ?? []), method]);
  }
  const callees = (method: Node): Node[] =>
    collect(method, ['invocation_expression']).flatMap((invocation) => {
      const callee = invocation.childForFieldName('function');
      const isOwnCall = callee?.type === 'identifier' || callee?.type === 'generic_name' ||
        (callee?.type === 'member_access_expression' && isThis(callee.childForFieldName('expression')));
      return isOwnCall ? (byName.get(CSHARP_SYNTAX.invokedName(invocation) ?? '') ?? []) : [];
    });
  return reachableFrom(methods.filter(isEntry), callees, HANDLER_CALL_DEPTH);
}

function isEntryPoint(method: Node, kind: ClassKind): boolean {
  const modifiers = csModifiers(method);
  if (kind === 'singleton') {
    return true;
  }
  const attributes = csAttributeNames(method);
  if (kind === 'controller' || kind === 'page') {
    if (attributes.includes('NonAction')) {
      return false;
    }
    return attributes.some((name) => HTTP_ATTRIBUTES.test(name)) || (modifiers.has('public') && !modifiers.has('static'));
  }
  return !modifiers.has('static') && (modifiers.has('public') || modifiers.has('override'));
}

function isThis(node: Node | null): boolean {
  return node === null || node.text === 'this';
}

/** The class member an expression names: `Name` (unless a local shadows it), `this.Name` or `Owner.Name`. */
function memberName(target: Node | null, owner: string, locals: ReadonlySet<string>): string | undefined {
  if (target?.type === 'identifier') {
    return locals.has(target.text) ? undefined : target.text;
  }
  if (target?.type === 'member_access_expression') {
    const name = target.childForFieldName('name');
    const expression = target.childForFieldName('expression');
    return name && (isThis(expression) || (owner !== '' && expression?.text === owner)) ? name.text : undefined;
  }
  return undefined;
}

/** Writes to dictionaries inside `scope`: `d[k] = v`, `d[k] += v`, `d[k]++`, `d.Add/TryAdd/AddOrUpdate/GetOrAdd(...)`. */
function writesIn(scope: Node, owner: string, locals: ReadonlySet<string>, where: string): DictionaryWrite[] {
  const writes: DictionaryWrite[] = [];
  const elementWrite = (target: Node | null): void => {
    const name = target?.type === 'element_access_expression' ? memberName(target.childForFieldName('expression'), owner, locals) : undefined;
    if (target && name) {
      const subscript = target.childForFieldName('subscript');
      writes.push({ target: name, key: subscript ? namedChildren(subscript)[0]?.text ?? '' : '', where });
    }
  };
  for (const node of collect(scope, ['assignment_expression', 'postfix_unary_expression', 'prefix_unary_expression', 'invocation_expression'])) {
    if (node.type === 'assignment_expression') {
      elementWrite(node.childForFieldName('left'));
    } else if (node.type === 'invocation_expression') {
      const callee = node.childForFieldName('function');
      if (callee?.type !== 'member_access_expression' || !WRITE_METHODS.has(csSimpleName(callee.childForFieldName('name')) ?? '')) {
        continue;
      }
      const name = memberName(callee.childForFieldName('expression'), owner, locals);
      if (name) {
        writes.push({ target: name, key: csArguments(node)[0]?.text ?? '', where });
      }
    } else if (/^(\+\+|--)|(\+\+|--)$/.test(node.text)) {
      elementWrite(namedChildren(node)[0] ?? null);
    }
  }
  return writes;
}

/** Minimal APIs: top-level dictionary locals written inside `app.MapGet/MapPost/...` handlers. */
function detectTopLevel(root: Node): Finding[] {
  const dictionaries: SharedDictionary[] = [];
  const localFunctions = new Map<string, Node>();
  for (const statement of namedChildren(root).filter((child) => child.type === 'global_statement')) {
    const inner = namedChildren(statement)[0];
    if (inner?.type === 'local_function_statement') {
      const name = inner.childForFieldName('name')?.text;
      if (name) {
        localFunctions.set(name, inner);
      }
    }
    if (inner?.type !== 'local_declaration_statement') {
      continue;
    }
    const declaration = namedChildren(inner).find((child) => child.type === 'variable_declaration');
    const declaredType = declaration?.childForFieldName('type') ?? null;
    for (const declarator of declaration ? namedChildren(declaration).filter((child) => child.type === 'variable_declarator') : []) {
      const nameNode = declarator.childForFieldName('name');
      const creation = namedChildren(declarator).find((child) => child.type === 'object_creation_expression');
      const type = dictionaryTypeName(declaredType) ? declaredType : creation?.childForFieldName('type') ?? null;
      if (nameNode && type && dictionaryTypeName(type)) {
        dictionaries.push({ name: nameNode.text, nameNode, typeText: type.text, isStatic: true });
      }
    }
  }
  if (dictionaries.length === 0) {
    return [];
  }
  const handlers: Node[] = [];
  for (const invocation of collect(root, ['invocation_expression'])) {
    if (!MAP_METHODS.has(CSHARP_SYNTAX.invokedName(invocation) ?? '') || invocation.childForFieldName('function')?.type !== 'member_access_expression') {
      continue;
    }
    for (const argument of csArguments(invocation)) {
      if (argument.type === 'lambda_expression' || argument.type === 'anonymous_method_expression') {
        handlers.push(argument);
      } else if (argument.type === 'identifier' && localFunctions.has(argument.text)) {
        handlers.push(localFunctions.get(argument.text) as Node);
      }
    }
  }
  // Every write here is in a minimal-API handler (a lambda or local function): `where` stays empty, and the message
  // says "a request handler".
  const byTarget = writesByTarget(handlers.flatMap((handler) => writesIn(handler, '', CSHARP_SYNTAX.localNames(handler), '')), (write) => write.target);
  const findings: Finding[] = [];
  for (const dictionary of dictionaries) {
    const writes = byTarget.get(dictionary.name) ?? [];
    const finding = reportIfSessionLike(dictionary, writes, {
      holder: { kind: 'module' },
      note: HAND_ROLLED,
      framework: 'ASP.NET Core minimal API',
    });
    if (finding) {
      findings.push(finding);
    }
  }
  return findings;
}
