// The analysis `npm run eval:detection` runs on one corpus file: the CLI's analyzer (the same Node wasm loader and
// detector registry `statecraft scan` uses), given the file's repository path so that language and test-file
// recognition are part of what is measured. Kept in TypeScript so it imports the sources directly (tsx).
import { createAnalyzer, type Analyzer } from '../src/core/analyzer/analyzer';
import { createNodeWasmLoader } from '../src/cli/nodeWasmLoader';

let analyzer: Analyzer | undefined;

/** The rule ids reported for one file, and the skip reason when it was not analysed. */
export async function evaluateCorpusFile(text: string, filePath: string, readNeighbour: (relativePath: string) => string | undefined): Promise<{ rules: string[]; skipped?: string }> {
  analyzer ??= createAnalyzer(createNodeWasmLoader());
  // Like the CLI: imported modules resolve against the same cached commit (absent ones stay unresolved).
  const result = await analyzer.analyze(text, filePath, { readRelated: async (relative) => readNeighbour(relative) });
  return { rules: result.findings.map((finding) => finding.rule), ...(result.skipped ? { skipped: result.skipped } : {}) };
}

export function disposeEvaluator(): void {
  analyzer?.dispose();
  analyzer = undefined;
}
