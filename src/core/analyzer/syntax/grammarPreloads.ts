// The node types indexed in the first walk of every tree (see tree.ts collect): each language's helpers list what
// their detectors ask of whole trees, and the analyzer registers them all here, once, when it is created. Nothing
// registers itself as a side effect of an import. Preloading only saves walks: a type not listed is still found.

import { JS_PRELOAD_TYPES } from './jsHandlers';
import { GO_PRELOAD_TYPES } from './goTreeIndex';
import { PYTHON_PRELOAD_TYPES } from './pythonSyntax';
import { preloadNodeTypes } from './tree';

/** Every language's preload list (types a grammar lacks are dropped per grammar, see tree.ts). */
export const GRAMMAR_PRELOADS: readonly (readonly string[])[] = [JS_PRELOAD_TYPES, PYTHON_PRELOAD_TYPES, GO_PRELOAD_TYPES];

/** Registers every language's preload list; idempotent. */
export function registerGrammarPreloads(): void {
  for (const types of GRAMMAR_PRELOADS) {
    preloadNodeTypes(types);
  }
}
