// Owns the web-tree-sitter runtime: initialises it once from wasm BYTES (never a path or URL, so the same code runs
// in Node, the extension host and a browser web worker), loads each grammar on first use, and reuses one parser.
//
// How the runtime is fed (the extension and the web worker must do the same): the host's WasmLoader returns the bytes
// of "tree-sitter.wasm"; they are passed to `Parser.init` as the emscripten `wasmBinary` module option, together with
// a `locateFile` that returns a fixed name, so emscripten neither fetches nor computes a URL from the script location.

import { Language, Parser, type Tree } from '@vscode/tree-sitter-wasm';
import { grammarFileFor } from './languages';
import type { AnalyzerLanguage, WasmLoader } from './types';

/** Emscripten module options `Parser.init` forwards (the typings only declare `locateFile`). */
interface RuntimeModuleOptions {
  wasmBinary: Uint8Array;
  locateFile: (file: string, folder: string) => string;
}

let runtimeReady: Promise<void> | undefined;

/** Initialises the runtime once per JavaScript realm; later calls reuse it (emscripten keeps one module anyway). */
function initRuntime(loadWasm: WasmLoader): Promise<void> {
  if (!runtimeReady) {
    runtimeReady = (async () => {
      const wasmBinary = await loadWasm('tree-sitter.wasm');
      const options: RuntimeModuleOptions = { wasmBinary, locateFile: () => 'tree-sitter.wasm' };
      await (Parser.init as (options: RuntimeModuleOptions) => Promise<void>)(options);
    })();
    // A failed load (missing file) must not poison later attempts with a different loader.
    runtimeReady.catch(() => {
      runtimeReady = undefined;
    });
  }
  return runtimeReady;
}

/** Why a parse produced no tree. */
export type ParseFailure = 'timeout' | 'cancelled';

/** Options for one parse. */
export interface ParseLimits {
  /** Wall-clock budget for the parse; the parser stops at the next progress check after it. */
  readonly timeoutMs: number;
  readonly isCancelled?: () => boolean;
}

/** Loads grammars lazily and parses text; trees returned by {@link parse} must be deleted by the caller. */
export class ParserHost {
  private readonly languages = new Map<AnalyzerLanguage, Promise<Language>>();
  private parser: Parser | undefined;
  private disposed = false;

  constructor(private readonly loadWasm: WasmLoader) {}

  /** Makes sure the runtime and the grammar for `language` are loaded (the first call per language loads the wasm). */
  async prepare(language: AnalyzerLanguage): Promise<void> {
    await this.language(language);
  }

  /**
   * Parses `text` with a loaded grammar: a tree, or why there is none. Call {@link prepare} first. `oldTree` (same
   * language, already `edit`ed to match `text`) makes the parse incremental: unchanged subtrees are reused. The caller
   * still owns `oldTree` and deletes it.
   */
  async parse(language: AnalyzerLanguage, text: string, limits: ParseLimits, oldTree?: Tree): Promise<Tree | ParseFailure> {
    const grammar = await this.language(language);
    if (this.disposed) {
      return 'cancelled';
    }
    const parser = (this.parser ??= new Parser());
    parser.setLanguage(grammar);
    const deadline = Date.now() + limits.timeoutMs;
    let failure: ParseFailure | undefined;
    // The progress callback runs every few hundred parse steps; returning true stops the parse (tree-sitter ≥ 0.25).
    const progressCallback = (): boolean => {
      if (limits.isCancelled?.()) {
        failure = 'cancelled';
      } else if (Date.now() > deadline) {
        failure = 'timeout';
      }
      return failure !== undefined;
    };
    const tree = parser.parse(text, oldTree ?? null, { progressCallback: progressCallback as () => void });
    if (!tree) {
      // A stopped parse resumes by default; the next document must start from scratch.
      parser.reset();
      return failure ?? 'timeout';
    }
    return tree;
  }

  /** Frees the parser; loaded grammars stay with the runtime. */
  dispose(): void {
    this.disposed = true;
    this.parser?.delete();
    this.parser = undefined;
  }

  private language(language: AnalyzerLanguage): Promise<Language> {
    let loaded = this.languages.get(language);
    if (!loaded) {
      loaded = (async () => {
        await initRuntime(this.loadWasm);
        return Language.load(await this.loadWasm(grammarFileFor(language)));
      })();
      this.languages.set(language, loaded);
      loaded.catch(() => this.languages.delete(language));
    }
    return loaded;
  }
}
