// session-store-in-memory for Go session libraries:
// - alexedwards/scs: `scs.New()` whose manager never gets a `.Store` (the default is the in-memory memstore), or an
//   explicit `memstore.New()` from scs. Any `.Store = <other store>` assignment in the file stands every scs.New down,
//   since the manager may reach it under another name.
// - Fiber: `session.New()` from fiber's session middleware with no config, or a `session.Config{...}` literal
//   without `Storage` (the default storage is memory). A config passed by a variable that cannot be resolved in the
//   file stands down.
// - gin-contrib/sessions: `memstore.NewStore(...)`. Cookie, Redis and other stores stand down.
// Calls are recognised through the file's imports, so comments, strings and unrelated `memstore` packages do not match.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { collect, makeFinding, namedChildren } from '../syntax/tree';
import { GO_SYNTAX, goAliasesFor, goImports } from '../syntax/goSyntax';
import { goFieldChildren } from '../syntax/goTreeIndex';

const SCS = /^github\.com\/alexedwards\/scs(\/v\d+)?$/;
const SCS_MEMSTORE = /^github\.com\/alexedwards\/scs(\/v\d+)?\/memstore$/;
const FIBER_SESSION = /^github\.com\/gofiber\/fiber(\/v\d+)?\/middleware\/session$/;
const GIN_MEMSTORE = /^github\.com\/gin-contrib\/sessions\/memstore$/;

/** Go session libraries on their in-memory default stores: scs, Fiber session, gin-contrib memstore. */
export const goSessionStoreDetector: Detector = {
  id: 'go-session-store',
  languages: ['go'],
  prefilter(text: string): boolean {
    return /alexedwards\/scs|gofiber\/fiber|gin-contrib\/sessions/.test(text);
  },
  detect(context: DetectorContext): Finding[] {
    const root = context.root;
    const imports = goImports(root);
    if (GO_SYNTAX.isTestSource(root)) {
      return [];
    }
    const scs = goAliasesFor(imports, (path) => SCS.test(path));
    const scsMemstore = goAliasesFor(imports, (path) => SCS_MEMSTORE.test(path));
    const fiberSession = goAliasesFor(imports, (path) => FIBER_SESSION.test(path));
    const ginMemstore = goAliasesFor(imports, (path) => GIN_MEMSTORE.test(path));
    const calls = collect(root, ['call_expression']).map((call) => ({ call, callee: qualifiedCallee(call) })).filter((entry) => entry.callee);
    const storeAssignments = collect(root, ['assignment_statement']).filter(isStoreAssignment);
    let configs: FiberConfigs | undefined;

    const findings: Finding[] = [];
    for (const { call, callee } of calls) {
      if (context.isCancelled()) {
        return [];
      }
      const [pkg, name] = callee as [string, string];
      if (scs.has(pkg) && name === 'New' && storeAssignments.length === 0) {
        findings.push(makeFinding('session-store-in-memory', call, {
          message: l10n.t("scs.New() without a .Store uses scs's default in-memory memstore: sessions live in this process's memory, are lost on restart and need sticky routing once there is more than one instance."),
          note: 'externalize-sessions-go#scs',
          framework: 'scs',
        }));
      } else if (scsMemstore.has(pkg) && /^New/.test(name)) {
        findings.push(makeFinding('session-store-in-memory', call, {
          message: l10n.t({
            message: "{0}() is scs's in-memory session store: sessions live in this process's memory, are lost on restart and need sticky routing once there is more than one instance.",
            args: [`${pkg}.${name}`],
            comment: ['{0} is the Go function called, e.g. memstore.New'],
          }),
          note: 'externalize-sessions-go#scs',
          framework: 'scs',
        }));
      } else if (fiberSession.has(pkg) && (name === 'New' || name === 'NewWithStore') && usesDefaultFiberStorage(call, (configs ??= fiberConfigs(root)))) {
        findings.push(makeFinding('session-store-in-memory', call, {
          message: l10n.t({
            message: "{0}() without a Storage keeps Fiber sessions in its default memory storage: sessions live in this process's memory, are lost on restart and need sticky routing once there is more than one instance.",
            args: [`${pkg}.${name}`],
            comment: ['{0} is the Go function called, e.g. session.New'],
          }),
          note: 'externalize-sessions-go#fiber',
          framework: 'Fiber session',
        }));
      } else if (ginMemstore.has(pkg) && name === 'NewStore') {
        findings.push(makeFinding('session-store-in-memory', call, {
          message: l10n.t({
            message: "{0}.NewStore(...) is gin-contrib/sessions' in-memory store: sessions live in this process's memory, are lost on restart and need sticky routing once there is more than one instance.",
            args: [pkg],
            comment: ['{0} is the Go package name the file imports gin-contrib/sessions/memstore as, e.g. memstore'],
          }),
          note: 'externalize-sessions-go#gin',
          framework: 'gin-contrib/sessions',
        }));
      }
    }
    return findings;
  },
};

/** `pkg.Name(...)` → ["pkg", "Name"] for a call on a package identifier; undefined for method calls on values. */
function qualifiedCallee(call: Node): [string, string] | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'selector_expression') {
    return undefined;
  }
  const operand = callee.childForFieldName('operand');
  const field = callee.childForFieldName('field');
  return operand?.type === 'identifier' && field ? [operand.text, field.text] : undefined;
}

/** `x.Store = <anything>`: the scs manager got a store (an explicit memstore.New() is reported on its own). */
function isStoreAssignment(assignment: Node): boolean {
  const left = goFieldChildren(assignment, 'left');
  return left.some((target) => target.type === 'selector_expression' && target.childForFieldName('field')?.text === 'Store');
}

/** What the file shows about config variables, gathered once per file rather than once per `session.New(cfg)`. */
interface FiberConfigs {
  /** "name\0field" for every `name.field = ...` assignment. */
  readonly assignedFields: ReadonlySet<string>;
  /** The first composite literal (or `&literal`) each variable is initialised or assigned with. */
  readonly literals: ReadonlyMap<string, Node>;
}

/**
 * True when a fiber `session.New(...)` call gets no config, or a config literal (inline or assigned to the variable
 * passed) without a `Storage` key and with no later `cfg.Storage = ...`. Unresolvable configs count as configured.
 */
function usesDefaultFiberStorage(call: Node, configs: FiberConfigs): boolean {
  const argumentsNode = call.childForFieldName('arguments');
  const args = argumentsNode ? namedChildren(argumentsNode).filter((node) => node.type !== 'comment') : [];
  if (args.length === 0) {
    return true;
  }
  let config: Node | undefined = args[0];
  if (config.type === 'identifier') {
    const name = config.text;
    if (configs.assignedFields.has(`${name}\0Storage`)) {
      return false;
    }
    config = configs.literals.get(name);
  }
  if (config?.type === 'unary_expression') {
    config = config.childForFieldName('operand') ?? undefined;
  }
  if (config?.type !== 'composite_literal') {
    return false;
  }
  const body = config.childForFieldName('body');
  const keys = body ? namedChildren(body).filter((element) => element.type === 'keyed_element').map((element) => namedChildren(element)[0]?.text) : [];
  return !keys.includes('Storage');
}

function fiberConfigs(root: Node): FiberConfigs {
  return { assignedFields: assignedFields(root), literals: literalsAssigned(root) };
}

/**
 * For each variable, the composite literal it is first initialised with (`cfg := session.Config{...}` / `var cfg =
 * ...` / `cfg = ...`, in document order): the first declaration naming it whose value at that position is a literal.
 */
function literalsAssigned(root: Node): Map<string, Node> {
  const literals = new Map<string, Node>();
  for (const declaration of collect(root, ['short_var_declaration', 'var_spec', 'assignment_statement'])) {
    const left = declaration.type === 'var_spec' ? declaration.childrenForFieldName('name') : goFieldChildren(declaration, 'left');
    const right = declaration.childForFieldName(declaration.type === 'var_spec' ? 'value' : 'right');
    if (!right) {
      continue;
    }
    const values = namedChildren(right);
    const seen = new Set<string>();
    left.forEach((node, index) => {
      if (node?.type !== 'identifier' || seen.has(node.text)) {
        return;
      }
      // Only a name's first position counts, as in a left-to-right search for it.
      seen.add(node.text);
      const value = values[index];
      if (!literals.has(node.text) && (value?.type === 'composite_literal' || value?.type === 'unary_expression')) {
        literals.set(node.text, value);
      }
    });
  }
  return literals;
}

/** "name\0field" for every `<name>.<field> = ...` assignment of the file. */
function assignedFields(root: Node): Set<string> {
  const assigned = new Set<string>();
  for (const assignment of collect(root, ['assignment_statement'])) {
    for (const target of goFieldChildren(assignment, 'left')) {
      if (target.type !== 'selector_expression') {
        continue;
      }
      const operand = target.childForFieldName('operand');
      const field = target.childForFieldName('field');
      if (operand && field) {
        assigned.add(`${operand.text}\0${field.text}`);
      }
    }
  }
  return assigned;
}
