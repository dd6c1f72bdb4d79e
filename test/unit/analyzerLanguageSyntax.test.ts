// The LanguageSyntax implementations the Go, Java and C# detectors are written against: the same three questions
// (test code? names a function declares? name a call invokes?) answered on a small file of each language, through a
// probe detector so the trees come from the real grammars.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '@vscode/tree-sitter-wasm';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { CSHARP_SYNTAX } from '../../src/core/analyzer/syntax/csharpSyntax';
import { GO_SYNTAX } from '../../src/core/analyzer/syntax/goSyntax';
import { JAVA_SYNTAX } from '../../src/core/analyzer/syntax/javaSyntax';
import type { LanguageSyntax } from '../../src/core/analyzer/syntax/languageSyntax';
import { collect } from '../../src/core/analyzer/syntax/tree';
import type { Detector } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

interface Answers {
  readonly isTest: boolean;
  readonly locals: string[];
  readonly invoked: (string | undefined)[];
}

async function answers(syntax: LanguageSyntax, text: string, functionType: string, callType: string): Promise<Answers> {
  let result: Answers | undefined;
  const probe: Detector = {
    id: 'language-syntax-probe',
    languages: [syntax.language],
    prefilter: () => true,
    detect(context) {
      const fn: Node = collect(context.root, [functionType])[0];
      result = {
        isTest: syntax.isTestSource(context.root),
        locals: [...syntax.localNames(fn)].sort(),
        invoked: collect(context.root, [callType]).map((call) => syntax.invokedName(call)),
      };
      return [];
    },
  };
  const analyzer = createAnalyzer(nodeWasmLoader, { detectors: [probe] });
  try {
    await analyzer.analyze(text, syntax.language);
  } finally {
    analyzer.dispose();
  }
  assert.ok(result, 'the probe ran');
  return result;
}

test('Go: a _test package is test code; parameters and := locals shadow; calls name the function or method', async () => {
  const source = 'package store\n\nfunc save(id string) {\n\tsessions := map[string]int{}\n\tregister(id)\n\tsessions2.Set(id)\n}\n';
  assert.deepEqual(await answers(GO_SYNTAX, source, 'function_declaration', 'call_expression'), { isTest: false, locals: ['id', 'sessions'], invoked: ['register', 'Set'] });
  assert.equal((await answers(GO_SYNTAX, source.replace('package store', 'package store_test'), 'function_declaration', 'call_expression')).isTest, true);
});

test('Java: a JUnit import is test code; parameters and locals shadow; method invocations name the method', async () => {
  const source = 'class A {\n  void login(String user) {\n    int count = 0;\n    track(user);\n    this.store.put(user, count);\n  }\n}\n';
  assert.deepEqual(await answers(JAVA_SYNTAX, source, 'method_declaration', 'method_invocation'), { isTest: false, locals: ['count', 'user'], invoked: ['track', 'put'] });
  assert.equal((await answers(JAVA_SYNTAX, `import org.junit.jupiter.api.Test;\n${source}`, 'method_declaration', 'method_invocation')).isTest, true);
});

test('C#: an xUnit using is test code; parameters and locals shadow; invocations name the method, generic or not', async () => {
  const source = 'class Hub {\n  void Join(string user) {\n    var id = user;\n    Track(id);\n    services.AddSingleton<Store>();\n  }\n}\n';
  assert.deepEqual(await answers(CSHARP_SYNTAX, source, 'method_declaration', 'invocation_expression'), { isTest: false, locals: ['id', 'user'], invoked: ['Track', 'AddSingleton'] });
  assert.equal((await answers(CSHARP_SYNTAX, `using Xunit;\n${source}`, 'method_declaration', 'invocation_expression')).isTest, true);
});
