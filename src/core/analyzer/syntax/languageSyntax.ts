// What a detector asks of a language's syntax, whatever the grammar: is this file test code, which names does a
// function declare (so a use of the same name inside it is not the shared field or package variable), and what name
// does a call invoke. Detectors for Go, Java and C# are written against this interface; each syntax module
// implements it beside its other helpers.
//
// JavaScript/TypeScript and Python answer shadowing with a scope oracle instead (jsScopes.ts JsScopes, pythonSyntax.ts
// PythonScopes): their names are block- or function-scoped without declarations in a fixed place, and their detectors
// ask "is this use shadowed" per occurrence rather than per function. Their test code is recognised by file name
// only (languages.ts testFileNames), so they do not implement this interface.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { AnalyzerLanguage } from '../types';

/** The per-language answers the Go, Java and C# detectors build on. */
export interface LanguageSyntax {
  readonly language: AnalyzerLanguage;
  /** True for test code by what the file says (test framework imports, test attributes, a `_test` package). */
  isTestSource(root: Node): boolean;
  /** Names declared inside a function, method or lambda (parameters, locals), which shadow fields of the same name. */
  localNames(scope: Node): ReadonlySet<string>;
  /** The name a call invokes: `f` for `f(...)`, `m` for `x.m(...)`; undefined when the callee has no simple name. */
  invokedName(call: Node): string | undefined;
}
