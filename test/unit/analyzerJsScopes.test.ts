// JsScopes answers "is this name shadowed here?" from the places the name is written (one native lookup per
// occurrence) instead of listing the declarations of every scope in the file. It must answer exactly like that full
// listing, kept here as the reference, on the fixtures and on mutated (partly unparsable) copies of them. The
// reference reads names with the production helpers (parameterNames, declaredNames, patternNames): what it checks is
// where JsScopes looks, not how a declaration is read. Likewise isInRequestLikeFunction, the shortcut that spares
// building the handler index, may only say yes where the index does.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Node } from '@vscode/tree-sitter-wasm';
import { createAnalyzer, languageForFile } from '../../src/core/analyzer/analyzer';
import { JS_LANGUAGES } from '../../src/core/analyzer/syntax/jsSyntax';
import { isInRequestLikeFunction, JsHandlerIndex } from '../../src/core/analyzer/syntax/jsHandlers';
import { declaredNames, JsScopes, parameterNames, patternNames } from '../../src/core/analyzer/syntax/jsScopes';
import { collect, namedChildren, RangeSet } from '../../src/core/analyzer/syntax/tree';
import type { Detector } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';
import { prng } from './helpers/prng';

const FUNCTION_TYPES = [
  'arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function',
  'generator_function_declaration', 'method_definition',
];

/** The reference: every scope of the file with the names it declares. */
function referenceIndex(root: Node): Map<string, RangeSet> {
  const index = new Map<string, RangeSet>();
  const declare = (names: readonly string[], scope: Node) => {
    for (const name of names) {
      if (!index.has(name)) index.set(name, new RangeSet());
      index.get(name)!.add(scope.startIndex, scope.endIndex);
    }
  };
  for (const fn of root.descendantsOfType(FUNCTION_TYPES)) declare(parameterNames(fn!), fn!);
  for (const block of collect(root, ['statement_block', 'switch_body', 'switch_case'])) declare(namedChildren(block).flatMap(declaredNames), block);
  for (const clause of collect(root, ['catch_clause'])) {
    const parameter = clause.childForFieldName('parameter');
    declare(parameter ? patternNames([parameter]) : [], clause);
  }
  for (const loop of collect(root, ['for_in_statement', 'for_statement'])) {
    const left = loop.childForFieldName('left') ?? loop.childForFieldName('initializer');
    if (left?.type === 'lexical_declaration' || left?.type === 'variable_declaration') declare(declaredNames(left), loop);
    else if (left && loop.childForFieldName('kind') !== null) declare(patternNames([left]), loop);
  }
  return index;
}


/** Every way a scope declares a name, with uses inside and outside each scope. */
const DECLARATIONS = `
const session = require('express-session');
const users = new Map();
function handler(req, { session, user: account = 1 }, [first, ...rest], ...others) {
  session(req); account.x; first(); rest.length; others.push(users);
}
const arrow = session => session.id;
const typed = (user: string, opt?: number) => user + opt;
try { session(); } catch (session) { session.message; }
try { users(); } catch ({ users }) { users; }
for (const { session, users } of list) { session(users); }
for (let users = 0; users < 3; users++) { users; }
for (session in object) { session; }
switch (key) { case 1: const session = 2; session; break; default: { let users = 3; users; } }
{ function session() {} class users {} session(); new users(); }
{ function* users() {} users(); }
if (x) { const { a: { session } } = y; session; } else { var users = 1; users; }
if (y) { const { a: session, ...users } = z; session(users); }
label: for (;;) { break label; }
session({ secret: 'x' }); users.set(1, 2);
`;

describe('JsScopes and isInRequestLikeFunction', () => {
  test('answers exactly like a full index of every scope, on fixtures and mutated copies', async () => {
    let checked = 0;
    let shadowed = 0;
    let shortcuts = 0;
    // The analyzer catches what a detector throws: mismatches are collected and asserted afterwards.
    const mismatches: string[] = [];
    const probe: Detector = {
      id: 'scopes-probe',
      languages: JS_LANGUAGES,
      prefilter: () => true,
      detect({ root, text }) {
        const reference = referenceIndex(root);
        const scopes = new JsScopes(root, text);
        const uses = collect(root, ['identifier', 'shorthand_property_identifier', 'call_expression']).slice(0, 1500);
        for (const node of uses) {
          const name = node.type === 'call_expression' ? (node.childForFieldName('function')?.text ?? '') : node.text;
          const expected = reference.get(name)?.contains(node) ?? false;
          if (scopes.isShadowed(node, name) !== expected) {
            mismatches.push(`${JSON.stringify(name)} at ${node.startIndex}: expected ${expected}`);
          }
          checked++;
          if (expected) shadowed++;
        }
        const handlers = new JsHandlerIndex(root, text);
        for (const node of collect(root, ['call_expression', 'assignment_expression'])) {
          if (isInRequestLikeFunction(root, node)) {
            shortcuts++;
            if (!handlers.isInHandler(node)) {
              mismatches.push(`call at ${node.startIndex}: in a request-like function but not in a handler`);
            }
          }
        }
        return [];
      },
    };
    const analyzer = createAnalyzer(nodeWasmLoader, { detectors: [probe] });
    const root = path.join(__dirname, '..', 'fixtures', 'analyzer');
    const random = prng(424242);
    const tokens = ['(', ')', '{', '}', ';', ',', '\n', 'const session = 1;', 'function f(session, { user }) {', 'catch (e) {', 'for (const x of y) {', 'let ', '.', '...', '`', "'"];
    try {
      for (const language of ['javascript', 'typescript', 'tsx']) {
        await analyzer.analyze(DECLARATIONS, language);
      }
      for (const directory of ['javascript', 'typescript']) {
        for (const entry of readdirSync(path.join(root, directory))) {
          const language = languageForFile(entry);
          if (!language) continue;
          const text = readFileSync(path.join(root, directory, entry), 'utf8');
          await analyzer.analyze(text, language);
          for (let copy = 0; copy < 8; copy++) {
            let mutated = text;
            for (let step = 0; step < 1 + Math.floor(random() * 10); step++) {
              const at = Math.floor(random() * (mutated.length + 1));
              mutated = mutated.slice(0, at) + (random() < 0.5 ? tokens[Math.floor(random() * tokens.length)] : '') + mutated.slice(at + Math.floor(random() * 8));
            }
            await analyzer.analyze(mutated, language);
          }
        }
      }
    } finally {
      analyzer.dispose();
    }
    assert.deepEqual(mismatches.slice(0, 10), []);
    assert.ok(checked > 10_000, `names checked: ${checked}`);
    assert.ok(shadowed > 500, `shadowed names among them: ${shadowed}`);
    assert.ok(shortcuts > 500, `writes and calls the shortcut places in a handler: ${shortcuts}`);
  });
});
