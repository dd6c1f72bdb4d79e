// in-memory-session-map for Go: a package-level map or sync.Map (also a map field of a package-level anonymous
// struct, the `struct{ sync.RWMutex; m map[K]V }` idiom), or a map field of a struct the file declares, written
// (`m[k] = v`, `m[k]++`, `m.Store(k, v)`) in an HTTP handler — net/http `(w http.ResponseWriter, r *http.Request)`,
// Gin `*gin.Context`, Fiber `*fiber.Ctx`, Echo `echo.Context` — or in a same-file function or method such a handler
// calls on a shared value (its receiver, a parameter, a package-level variable, a value a closure captured from the
// function that registered it), with a session/user/client-like name, type or key. Stands down for maps only read
// by handlers, function-local maps and structs built per call, cache-named maps, files with no handler (CLIs,
// libraries) and test files.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { collect, namedChildren, nodesWithin } from '../syntax/tree';
import { handlerWriteFinding, isSessionLikeCollection, writesByTarget } from './handlerWriteReport';
import { GO_SYNTAX, goEnclosingReceiver, goFunctionLabel, goImports, goQualifiedType, goReachableFromHandlers } from '../syntax/goSyntax';
import { goFieldChildren } from '../syntax/goTreeIndex';
import type { GoReachedFunction } from '../syntax/goSyntax';

type Kind = 'map' | 'sync.Map';

interface SharedMap {
  readonly name: string;
  readonly nameNode: Node;
  readonly kind: Kind;
  readonly typeText: string;
  /** The struct that declares the field, or undefined for a package-level variable. */
  readonly struct?: string;
}

interface MapWrite {
  readonly target: SharedMap;
  readonly key: string;
  readonly via: GoReachedFunction;
}

const SYNC_MAP_WRITES = new Set(['Store', 'LoadOrStore', 'Swap', 'CompareAndSwap']);
/** The statements and calls {@link writesIn} inspects; gathered once per file and sliced per function by range. */
const WRITE_TYPES = ['assignment_statement', 'inc_statement', 'dec_statement', 'call_expression'];

/** Go hand-rolled session maps written from HTTP handlers (rule in-memory-session-map). */
export const goSessionMapDetector: Detector = {
  id: 'go-session-map',
  languages: ['go'],
  prefilter(text: string): boolean {
    return /\bmap\[|sync\.Map/.test(text) && /http\.ResponseWriter|gin\.Context|fiber\.Ctx|echo\.Context/.test(text);
  },
  detect(context: DetectorContext): Finding[] {
    const root = context.root;
    const imports = goImports(root);
    if (GO_SYNTAX.isTestSource(root)) {
      return [];
    }
    const packageMaps = new Map<string, SharedMap>();
    const structFields = new Map<string, SharedMap>();
    for (const shared of [...packageLevelMaps(root, imports), ...structMapFields(root, imports)]) {
      if (shared.struct) {
        structFields.set(`${shared.struct}.${shared.name}`, shared);
      } else {
        packageMaps.set(shared.name, shared);
      }
    }
    if (packageMaps.size === 0 && structFields.size === 0) {
      return [];
    }
    const writeNodes = collect(root, WRITE_TYPES);
    const sitesByNode = new Map<number, WriteSite[]>();
    const allWrites: MapWrite[] = [];
    for (const reached of goReachableFromHandlers(root, imports)) {
      if (context.isCancelled()) {
        return [];
      }
      allWrites.push(...writesIn(reached, writeNodes, sitesByNode, packageMaps, structFields));
    }
    const writes = writesByTarget(allWrites, (write) => write.target);
    const findings: Finding[] = [];
    for (const [target, targetWrites] of writes) {
      if (!isSessionLikeCollection(target.name, target.typeText, targetWrites.map((write) => write.key))) {
        continue;
      }
      // Calls reach named functions only, so only a handler can be a func literal (an undefined label).
      const first = targetWrites[0];
      const writer = goFunctionLabel(first.via.node);
      const handler = first.via.handlerName;
      findings.push(
        handlerWriteFinding({
          at: target.nameNode,
          name: target.name,
          type: target.kind,
          holder: target.struct === undefined ? { kind: 'module' } : { kind: 'field', owner: target.struct },
          site: writer === handler ? { kind: 'handler', writer } : { kind: 'called', writer: writer ?? '', handler },
          note: 'externalize-sessions-go#hand-rolled-session-maps',
          framework: first.via.framework,
        }),
      );
    }
    return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  },
};

/** The shared-map kind of a declared type: `map[K]V` or `sync.Map`. */
function kindOfType(type: Node | null, imports: ReadonlyMap<string, string>): Kind | undefined {
  if (!type) {
    return undefined;
  }
  if (type.type === 'map_type') {
    return 'map';
  }
  const qualified = goQualifiedType(type, imports);
  return qualified && qualified[0] === 'sync' && qualified[1] === 'Map' ? 'sync.Map' : undefined;
}

/** The shared-map kind of an initialiser: `map[K]V{...}`, `make(map[K]V)`, `&sync.Map{}`, `new(sync.Map)`. */
function kindOfValue(value: Node | undefined, imports: ReadonlyMap<string, string>): Kind | undefined {
  if (!value) {
    return undefined;
  }
  if (value.type === 'composite_literal') {
    return kindOfType(value.childForFieldName('type'), imports);
  }
  if (value.type === 'unary_expression' && value.text.startsWith('&')) {
    return kindOfValue(value.childForFieldName('operand') ?? undefined, imports);
  }
  if (value.type === 'call_expression') {
    const callee = value.childForFieldName('function')?.text;
    const first = goFieldChildren(value, 'arguments')[0];
    if ((callee === 'make' || callee === 'new') && first) {
      return kindOfType(first, imports);
    }
  }
  return undefined;
}

function packageLevelMaps(root: Node, imports: ReadonlyMap<string, string>): SharedMap[] {
  const maps: SharedMap[] = [];
  for (const declaration of namedChildren(root)) {
    if (declaration.type !== 'var_declaration') {
      continue;
    }
    for (const spec of collect(declaration, ['var_spec'])) {
      const type = spec.childForFieldName('type');
      const valueList = spec.childForFieldName('value');
      const values = valueList ? namedChildren(valueList) : [];
      spec.childrenForFieldName('name').forEach((nameNode, index) => {
        if (!nameNode) {
          return;
        }
        const kind = kindOfType(type, imports) ?? kindOfValue(values[index], imports);
        if (kind) {
          maps.push({ name: nameNode.text, nameNode, kind, typeText: (type ?? values[index])?.text ?? '' });
          return;
        }
        // `var counter = struct{ sync.RWMutex; m map[string]int }{...}`: the map is a field of a package-level value.
        const value = values[index];
        const structType = type?.type === 'struct_type' ? type : value?.type === 'composite_literal' ? value.childForFieldName('type') : null;
        if (structType?.type === 'struct_type') {
          for (const field of anonymousStructMaps(structType, imports)) {
            maps.push({ ...field, name: `${nameNode.text}.${field.name}`, nameNode });
          }
        }
      });
    }
  }
  return maps;
}

/** Map fields declared directly in an anonymous struct type, named by field only. */
function anonymousStructMaps(structType: Node, imports: ReadonlyMap<string, string>): Array<Omit<SharedMap, 'nameNode'>> {
  const fields: Array<Omit<SharedMap, 'nameNode'>> = [];
  for (const field of ownFieldDeclarations(structType)) {
    const fieldType = field.childForFieldName('type');
    const kind = kindOfType(fieldType, imports);
    if (!kind) {
      continue;
    }
    for (const name of field.childrenForFieldName('name')) {
      if (name) {
        fields.push({ name: name.text, kind, typeText: fieldType?.text ?? '' });
      }
    }
  }
  return fields;
}

/**
 * The field declarations of a struct type itself (grandchildren: struct_type → field_declaration_list → field), not
 * those of struct types nested in its fields. Read top-down, since `node.parent` descends from the root each time.
 */
function ownFieldDeclarations(structType: Node): Node[] {
  return namedChildren(structType).flatMap((list) => namedChildren(list).filter((field) => field.type === 'field_declaration'));
}

/** Map fields of the named struct types the file declares, keyed later by "Struct.field". */
function structMapFields(root: Node, imports: ReadonlyMap<string, string>): SharedMap[] {
  const fields: SharedMap[] = [];
  for (const spec of collect(root, ['type_spec'])) {
    const struct = spec.childForFieldName('name')?.text;
    const type = spec.childForFieldName('type');
    if (!struct || type?.type !== 'struct_type') {
      continue;
    }
    for (const field of ownFieldDeclarations(type)) {
      const fieldType = field.childForFieldName('type');
      const kind = kindOfType(fieldType, imports);
      if (!kind) {
        continue;
      }
      for (const nameNode of field.childrenForFieldName('name')) {
        if (nameNode) {
          fields.push({ name: nameNode.text, nameNode, kind, typeText: fieldType?.text ?? '', struct });
        }
      }
    }
  }
  return fields;
}

/**
 * A map write taken apart once per node, however many reached functions contain it: an index write (`m[k] = v`,
 * `m[k]++`) or a sync.Map call (`m.Store(k, v)`), on a variable `m` or on `owner.field`.
 */
interface WriteSite {
  readonly kind: Kind;
  /** The written variable, for `m[k]` / `m.Store(...)`. */
  readonly name?: string;
  /** The owner and field, for `owner.field[k]` / `owner.field.Store(...)`. */
  readonly owner?: string;
  readonly field?: string;
  readonly key: string;
}

/** The write sites of an assignment, inc/dec statement or call; operands no shared map can be named by are dropped. */
function writeSites(node: Node): WriteSite[] {
  const sites: WriteSite[] = [];
  const site = (kind: Kind, operand: Node | null, key: string): void => {
    if (operand?.type === 'identifier') {
      sites.push({ kind, name: operand.text, key });
    } else if (operand?.type === 'selector_expression') {
      const owner = operand.childForFieldName('operand');
      const field = operand.childForFieldName('field');
      if (owner?.type === 'identifier' && field) {
        sites.push({ kind, owner: owner.text, field: field.text, key });
      }
    }
  };
  const indexWrite = (target: Node | null): void => {
    if (target?.type === 'index_expression') {
      site('map', target.childForFieldName('operand'), target.childForFieldName('index')?.text ?? '');
    }
  };
  if (node.type === 'assignment_statement') {
    for (const target of goFieldChildren(node, 'left')) {
      indexWrite(target);
    }
  } else if (node.type === 'inc_statement' || node.type === 'dec_statement') {
    indexWrite(namedChildren(node)[0] ?? null);
  } else {
    const callee = node.childForFieldName('function');
    if (callee?.type === 'selector_expression' && SYNC_MAP_WRITES.has(callee.childForFieldName('field')?.text ?? '')) {
      site('sync.Map', callee.childForFieldName('operand'), goFieldChildren(node, 'arguments')[0]?.text ?? '');
    }
  }
  return sites;
}

function writesIn(
  reached: GoReachedFunction,
  writeNodes: readonly Node[],
  sitesByNode: Map<number, WriteSite[]>,
  packageMaps: ReadonlyMap<string, SharedMap>,
  structFields: ReadonlyMap<string, SharedMap>,
): MapWrite[] {
  const body = reached.node.childForFieldName('body');
  if (!body) {
    return [];
  }
  const locals = GO_SYNTAX.localNames(reached.node);
  const receiver = goEnclosingReceiver(reached.node);
  const resolve = (site: WriteSite): SharedMap | undefined => {
    if (site.name !== undefined) {
      return locals.has(site.name) ? undefined : packageMaps.get(site.name);
    }
    if (receiver && site.owner === receiver.name) {
      return structFields.get(`${receiver.type}.${site.field}`);
    }
    return locals.has(site.owner!) ? undefined : packageMaps.get(`${site.owner}.${site.field}`);
  };
  const writes: MapWrite[] = [];
  for (const node of nodesWithin(writeNodes, body)) {
    let sites = sitesByNode.get(node.id);
    if (!sites) {
      sites = writeSites(node);
      sitesByNode.set(node.id, sites);
    }
    for (const site of sites) {
      const shared = resolve(site);
      if (shared?.kind === site.kind) {
        writes.push({ target: shared, key: site.key, via: reached });
      }
    }
  }
  return writes;
}
