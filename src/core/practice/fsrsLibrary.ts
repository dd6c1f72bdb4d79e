// ts-fsrs ships CommonJS code (dist/index.cjs) but only ESM type declarations, which a CommonJS TypeScript module
// cannot `import` (TS1479). So the code is required (resolving to the CommonJS build, in Node, tsx and esbuild alike)
// and typed from the ESM declarations with an explicit resolution mode. One file, so the workaround has one home.
import type * as TsFsrs from 'ts-fsrs' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const library = require('ts-fsrs') as typeof TsFsrs;

export const { createEmptyCard, fsrs, Rating, State } = library;
export type { Card, Grade, State as StateValue } from 'ts-fsrs' with { 'resolution-mode': 'import' };
