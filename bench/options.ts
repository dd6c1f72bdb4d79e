// Options every Node micro-benchmark receives from nodeBench.ts.
export interface BenchOptions {
  /** Fewer repetitions, for a smoke run. */
  readonly quick: boolean;
  /** The extension as packaged (the VSIX unpacked): dist/catalog.json and the bundles are read from here. */
  readonly extensionDir: string;
}
