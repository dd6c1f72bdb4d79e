// The per-tree index of a Go file ({@link GoTreeIndex}) and the declaration readers it is built from: local names,
// typed declarations (`var s = &Store{}`, `hub *Hub`) and method receivers. Lookups compare byte ranges against node
// lists gathered once per tree and never climb `node.parent` (see tree.ts).

import type { Node } from '@vscode/tree-sitter-wasm';
import { collect, namedChildren, nodesWithin, partitionPoint, perTree } from './tree';

const FUNCTION_TYPES = ['function_declaration', 'method_declaration', 'func_literal'];
const LOCAL_DECLARATION_TYPES = ['parameter_declaration', 'variadic_parameter_declaration', 'short_var_declaration', 'var_spec', 'range_clause'];
const TYPED_DECLARATION_TYPES = ['parameter_declaration', 'short_var_declaration', 'var_spec'];
/**
 * Everything the Go helpers and detectors ask of a whole tree, so one walk of a Go file answers all of it (registered
 * by the analyzer through grammarPreloads.ts).
 */
export const GO_PRELOAD_TYPES: readonly string[] = [
  ...FUNCTION_TYPES, ...LOCAL_DECLARATION_TYPES, 'import_spec', 'type_spec', 'call_expression', 'assignment_statement', 'inc_statement',
  'dec_statement',
];

/** A call expression with its callee taken apart once, however many reached functions contain it. */
interface GoCall {
  /** The callee's name when it is a plain identifier (`createSession(...)`). */
  readonly calleeName: string | undefined;
  /** For `x.m(...)` with an identifier `x`: the operand's name `x` and the field `m`. */
  readonly operandName: string | undefined;
  readonly fieldName: string | undefined;
}

/** A declaration that gives `name` a named type, as {@link goVariableType} looks for it. */
interface TypedDeclaration {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly isParameter: boolean;
}

/** A typed declaration and the byte range of the function it was found in. */
interface ScopedDeclaration {
  readonly scopeStart: number;
  readonly scopeEnd: number;
  readonly declaration: TypedDeclaration;
}

type Receiver = { readonly name: string; readonly type: string } | undefined;

/**
 * Per-tree facts shared by the Go helpers and detectors: the functions with the innermost function around each (by
 * byte range), the calls and declarations of the file, and memoised per-node answers, so a call or declaration inside
 * nested handlers is taken apart once however many of them reach it. Built lazily, once per tree.
 */
export class GoTreeIndex {
  readonly functions: Node[];
  private readonly functionEnds: number[];
  private readonly functionTypes: string[];
  /** Index in `functions` of the innermost function around each function, or -1. */
  private readonly enclosing: number[] = [];
  private callNodes: Node[] | undefined;
  private readonly calls = new Map<number, GoCall>();
  private localDeclarationNodes: Node[] | undefined;
  private readonly localNames = new Map<number, string[]>();
  private typedByName: Map<string, TypedDeclaration[]> | undefined;
  private readonly declarationsAround = new Map<number, Map<string, ScopedDeclaration | undefined>>();
  private readonly receivers = new Map<number, Receiver>();

  private static readonly indexOf = perTree((tree) => new GoTreeIndex(tree.rootNode));

  static of(node: Node): GoTreeIndex {
    return GoTreeIndex.indexOf(node.tree);
  }

  private constructor(private readonly root: Node) {
    this.functions = collect(root, FUNCTION_TYPES);
    this.functionEnds = this.functions.map((fn) => fn.endIndex);
    this.functionTypes = this.functions.map((fn) => fn.type);
    const open: number[] = [];
    for (let index = 0; index < this.functions.length; index++) {
      // Sorted by start, so an open function contains this one iff it ends at or after it.
      while (open.length > 0 && this.functionEnds[open[open.length - 1]] < this.functionEnds[index]) {
        open.pop();
      }
      this.enclosing.push(open.length > 0 ? open[open.length - 1] : -1);
      open.push(index);
    }
  }

  /** Index in `functions` of the innermost function whose range contains `node` (`node` itself if one), or -1. */
  private innermostFunctionAround(node: Node): number {
    const start = node.startIndex;
    const functions = this.functions;
    const low = partitionPoint(functions.length, (index) => functions[index].startIndex > start);
    // The last function starting at or before `node` is inside the innermost one around it (or is that one).
    let index = low - 1;
    const end = node.endIndex;
    while (index >= 0 && this.functionEnds[index] < end) {
      index = this.enclosing[index];
    }
    return index;
  }

  /**
   * The receiver in scope at a function (see {@link goEnclosingReceiver}): that of the innermost function or method
   * declaration around it, function literals skipped.
   */
  receiverAround(fn: Node): Receiver {
    if (this.receivers.has(fn.id)) {
      return this.receivers.get(fn.id);
    }
    let receiver: Receiver;
    for (let index = this.innermostFunctionAround(fn); index >= 0; index = this.enclosing[index]) {
      if (this.functionTypes[index] !== 'func_literal') {
        receiver = this.functionTypes[index] === 'method_declaration' ? goReceiver(this.functions[index]) : undefined;
        break;
      }
    }
    this.receivers.set(fn.id, receiver);
    return receiver;
  }

  /**
   * The innermost function strictly around `at` with a declaration giving `name` a named type, and the first such
   * declaration in it (document order); undefined when no enclosing function has one.
   */
  typedDeclarationAround(name: string, at: Node): ScopedDeclaration | undefined {
    let byName = this.declarationsAround.get(at.id);
    if (!byName) {
      byName = new Map();
      this.declarationsAround.set(at.id, byName);
    }
    if (byName.has(name)) {
      return byName.get(name);
    }
    let result: ScopedDeclaration | undefined;
    for (let index = this.innermostFunctionAround(at); index >= 0 && !result; index = this.enclosing[index]) {
      const scope = this.functions[index];
      if (scope.id !== at.id) {
        const declaration = this.firstTypedDeclaration(name, scope.startIndex, this.functionEnds[index]);
        result = declaration && { scopeStart: scope.startIndex, scopeEnd: this.functionEnds[index], declaration };
      }
    }
    byName.set(name, result);
    return result;
  }

  /** The call expressions inside `scope`, in document order. */
  callsWithin(scope: Node): Node[] {
    this.callNodes ??= collect(this.root, ['call_expression']);
    return nodesWithin(this.callNodes, scope);
  }

  /** The callee parts of a call. */
  call(call: Node): GoCall {
    let info = this.calls.get(call.id);
    if (!info) {
      const callee = call.childForFieldName('function');
      const calleeType = callee?.type;
      const operand = calleeType === 'selector_expression' ? callee!.childForFieldName('operand') : null;
      const field = calleeType === 'selector_expression' ? callee!.childForFieldName('field') : null;
      const method = operand?.type === 'identifier' && field !== null;
      info = {
        calleeName: calleeType === 'identifier' ? callee!.text : undefined,
        operandName: method ? operand.text : undefined,
        fieldName: method ? field.text : undefined,
      };
      this.calls.set(call.id, info);
    }
    return info;
  }

  /** The names {@link goLocalNames} collects from the declarations inside `scope`. */
  localNamesWithin(scope: Node): Set<string> {
    this.localDeclarationNodes ??= collect(this.root, LOCAL_DECLARATION_TYPES);
    const names = new Set<string>();
    for (const declaration of nodesWithin(this.localDeclarationNodes, scope)) {
      let declared = this.localNames.get(declaration.id);
      if (!declared) {
        declared = declaredNames(declaration);
        this.localNames.set(declaration.id, declared);
      }
      for (const name of declared) {
        names.add(name);
      }
    }
    return names;
  }

  /** The first declaration (in document order) within a byte range that gives `name` a named type. */
  private firstTypedDeclaration(name: string, start: number, end: number): TypedDeclaration | undefined {
    this.typedByName ??= this.buildTypedDeclarations();
    const declarations = this.typedByName.get(name);
    if (!declarations) {
      return undefined;
    }
    const first = partitionPoint(declarations.length, (index) => declarations[index].start >= start);
    for (let index = first; index < declarations.length && declarations[index].start <= end; index++) {
      if (declarations[index].end <= end) {
        return declarations[index];
      }
    }
    return undefined;
  }

  private buildTypedDeclarations(): Map<string, TypedDeclaration[]> {
    const byName = new Map<string, TypedDeclaration[]>();
    for (const declaration of collect(this.root, TYPED_DECLARATION_TYPES)) {
      const seen = new Set<string>();
      for (const [name, type] of declaredTypes(declaration)) {
        if (seen.has(name)) {
          continue;
        }
        seen.add(name);
        let list = byName.get(name);
        if (!list) {
          list = [];
          byName.set(name, list);
        }
        list.push({ start: declaration.startIndex, end: declaration.endIndex, type, isParameter: declaration.type === 'parameter_declaration' });
      }
    }
    return byName;
  }
}

/** The named children of a node's field (`left`, `arguments`, ...), or none when the field is absent. */
export function goFieldChildren(node: Node, field: string): Node[] {
  const child = node.childForFieldName(field);
  return child ? namedChildren(child) : [];
}


/** The receiver of a method (`func (s *Server) ...` → name "s", type "Server"), or undefined for other functions. */
export function goReceiver(fn: Node): { readonly name: string; readonly type: string } | undefined {
  if (fn.type !== 'method_declaration') {
    return undefined;
  }
  const parameter = goFieldChildren(fn, 'receiver').find((node) => node.type === 'parameter_declaration');
  const name = parameter?.childForFieldName('name')?.text;
  let type = parameter?.childForFieldName('type') ?? null;
  while (type && type.type === 'pointer_type') {
    type = namedChildren(type)[0] ?? null;
  }
  if (type?.type === 'generic_type') {
    type = type.childForFieldName('type');
  }
  return name && type ? { name, type: type.text } : undefined;
}

/** The names one declaration contributes to {@link goLocalNames}. */
function declaredNames(node: Node): string[] {
  const names: string[] = [];
  if (node.type === 'short_var_declaration' || node.type === 'range_clause') {
    const left = node.childForFieldName('left');
    if (node.type === 'range_clause' && !node.text.includes(':=')) {
      return names;
    }
    for (const identifier of left ? namedChildren(left) : []) {
      if (identifier.type === 'identifier') {
        names.push(identifier.text);
      }
    }
    return names;
  }
  for (const name of node.childrenForFieldName('name')) {
    if (name) {
      names.push(name.text);
    }
  }
  return names;
}

/** The named type of a type node with pointers dropped (`*SessionStore` → "SessionStore"); undefined for others. */
function namedTypeOf(type: Node | null | undefined): string | undefined {
  let current = type ?? null;
  while (current && current.type === 'pointer_type') {
    current = namedChildren(current)[0] ?? null;
  }
  return current?.type === 'type_identifier' ? current.text : undefined;
}

/** The named type a value builds: `T{...}` or `&T{...}`; undefined for calls and anything else. */
function namedTypeOfValue(value: Node | undefined): string | undefined {
  let current = value;
  if (current?.type === 'unary_expression' && current.text.startsWith('&')) {
    current = current.childForFieldName('operand') ?? undefined;
  }
  return current?.type === 'composite_literal' ? namedTypeOf(current.childForFieldName('type')) : undefined;
}

/** Types of the names a var spec or short declaration introduces, from a declared type or composite literals. */
export function declaredTypes(declaration: Node): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (declaration.type === 'var_spec') {
    const declared = namedTypeOf(declaration.childForFieldName('type'));
    const valueList = declaration.childForFieldName('value');
    const values = valueList ? namedChildren(valueList) : [];
    declaration.childrenForFieldName('name').forEach((name, index) => {
      const type = declared ?? namedTypeOfValue(values[index]);
      if (name && type) {
        pairs.push([name.text, type]);
      }
    });
  } else if (declaration.type === 'short_var_declaration') {
    const left = declaration.childForFieldName('left');
    const right = declaration.childForFieldName('right');
    const values = right ? namedChildren(right) : [];
    (left ? namedChildren(left) : []).forEach((name, index) => {
      const type = namedTypeOfValue(values[index]);
      if (name.type === 'identifier' && type) {
        pairs.push([name.text, type]);
      }
    });
  } else if (declaration.type === 'parameter_declaration') {
    const type = namedTypeOf(declaration.childForFieldName('type'));
    for (const name of declaration.childrenForFieldName('name')) {
      if (name && type) {
        pairs.push([name.text, type]);
      }
    }
  }
  return pairs;
}
