// C# helpers over tree-sitter trees: modifiers, attributes, base types, invoked method names, test sources and the
// names a member declares locally.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { LanguageSyntax } from './languageSyntax';
import { collect, namedChildren } from './tree';

/** The keyword modifiers of a declaration (`public`, `static`, `readonly`, `override`, ...). */
export function csModifiers(declaration: Node): Set<string> {
  return new Set(namedChildren(declaration).filter((child) => child.type === 'modifier').map((child) => child.text));
}

/** Attribute names on a declaration without namespace or `Attribute` suffix: `[Microsoft.AspNetCore.Mvc.HttpPost("x")]` → "HttpPost". */
export function csAttributeNames(declaration: Node): string[] {
  const names: string[] = [];
  for (const list of namedChildren(declaration).filter((child) => child.type === 'attribute_list')) {
    for (const attribute of namedChildren(list).filter((child) => child.type === 'attribute')) {
      const name = csSimpleName(attribute.childForFieldName('name'));
      if (name) {
        names.push(name.replace(/Attribute$/, ''));
      }
    }
  }
  return names;
}

/** The simple name of a (possibly qualified or generic) name node: `Microsoft.AspNetCore.SignalR.Hub<IChat>` → "Hub". */
export function csSimpleName(node: Node | null | undefined): string | undefined {
  if (!node) {
    return undefined;
  }
  switch (node.type) {
    case 'identifier':
    case 'predefined_type':
      return node.text;
    case 'generic_name':
      return namedChildren(node).find((child) => child.type === 'identifier')?.text;
    case 'qualified_name':
    case 'alias_qualified_name':
      return csSimpleName(node.childForFieldName('name'));
    default:
      return undefined;
  }
}

/** Simple names of a class's base class and interfaces. */
export function csBaseTypeNames(classNode: Node): string[] {
  const baseList = namedChildren(classNode).find((child) => child.type === 'base_list');
  if (!baseList) {
    return [];
  }
  const names: string[] = [];
  for (const child of namedChildren(baseList)) {
    const name = csSimpleName(child) ?? csSimpleName(namedChildren(child)[0]);
    if (name) {
      names.push(name);
    }
  }
  return names;
}

/** The method name of an invocation (`services.AddSession(...)` → "AddSession", `AddSingleton<T>()` → "AddSingleton"). */
export function csInvokedName(invocation: Node): string | undefined {
  const callee = invocation.childForFieldName('function');
  if (!callee) {
    return undefined;
  }
  if (callee.type === 'member_access_expression') {
    return csSimpleName(callee.childForFieldName('name'));
  }
  return csSimpleName(callee);
}

/** The node to start a finding's range at for an invocation: the method name in `a.b.Name(...)`, else the call. */
export function csInvokedNameNode(invocation: Node): Node {
  const callee = invocation.childForFieldName('function');
  return (callee?.type === 'member_access_expression' ? callee.childForFieldName('name') : callee) ?? invocation;
}

/** The type arguments of a generic invocation (`AddSingleton<IFoo, Foo>()` → ["IFoo", "Foo"]). */
export function csInvocationTypeArguments(invocation: Node): string[] {
  const callee = invocation.childForFieldName('function');
  const name = callee?.type === 'member_access_expression' ? callee.childForFieldName('name') : callee;
  if (name?.type !== 'generic_name') {
    return [];
  }
  const list = namedChildren(name).find((child) => child.type === 'type_argument_list');
  return list ? namedChildren(list).map((argument) => csSimpleName(argument) ?? argument.text) : [];
}

/** The argument expressions of an invocation, in order. */
export function csArguments(invocation: Node): Node[] {
  const list = invocation.childForFieldName('arguments');
  if (!list) {
    return [];
  }
  return namedChildren(list)
    .filter((argument) => argument.type === 'argument')
    .map((argument) => namedChildren(argument).filter((child) => child.type !== 'name_colon').pop())
    .filter((expression): expression is Node => expression !== undefined);
}

const TEST_NAMESPACES = /^(Xunit|NUnit|Microsoft\.VisualStudio\.TestTools|MSTest|FluentAssertions|Moq|NSubstitute)\b/;
const TEST_ATTRIBUTES = new Set(['Fact', 'Theory', 'Test', 'TestCase', 'TestMethod', 'TestClass', 'TestFixture', 'DataTestMethod']);

/** True for test code: it uses a test framework namespace or declares test attributes. */
export function csIsTestSource(root: Node): boolean {
  for (const directive of collect(root, ['using_directive'])) {
    const name = namedChildren(directive).find((child) => child.type === 'qualified_name' || child.type === 'identifier');
    if (name && TEST_NAMESPACES.test(name.text)) {
      return true;
    }
  }
  return collect(root, ['attribute']).some((attribute) => {
    const name = csSimpleName(attribute.childForFieldName('name'))?.replace(/Attribute$/, '');
    return name !== undefined && TEST_ATTRIBUTES.has(name);
  });
}

/** Names declared inside a member or lambda (parameters, locals, foreach and out variables), which shadow fields. */
export function csLocalNames(scope: Node): Set<string> {
  const names = new Set<string>();
  for (const node of collect(scope, ['parameter', 'variable_declarator', 'declaration_expression', 'foreach_statement', 'implicit_parameter', 'single_variable_designation'])) {
    if (node.type === 'implicit_parameter' || node.type === 'single_variable_designation') {
      names.add(node.text);
      continue;
    }
    if (node.type === 'foreach_statement') {
      const left = node.childForFieldName('left');
      for (const identifier of left ? (left.type === 'identifier' ? [left] : collect(left, ['identifier'])) : []) {
        names.add(identifier.text);
      }
      continue;
    }
    const name = node.childForFieldName('name');
    if (name) {
      names.add(name.text);
    }
  }
  return names;
}

/** C# as the detectors see it (see languageSyntax.ts). */
export const CSHARP_SYNTAX: LanguageSyntax = {
  language: 'csharp',
  isTestSource: csIsTestSource,
  localNames: csLocalNames,
  invokedName: csInvokedName,
};
