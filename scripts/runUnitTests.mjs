// Unit tier: node:test over test/unit (core only, plain Node), after type-checking bench/ (its own tsconfig: the
// bench is not part of the main project, but it imports the core and must follow it). `npm run test:unit`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './lib/codeServer.mjs';
import { findFiles, runNodeTestTier } from './lib/nodeTestTier.mjs';

const bench = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'bench/tsconfig.json'], { cwd: repoRoot, stdio: 'inherit' });
if (bench.status !== 0) console.error('unit: bench/ does not type-check (npx tsc --noEmit -p bench/tsconfig.json)');
const result = runNodeTestTier('unit', findFiles(path.join(repoRoot, 'test/unit'), '.test.ts'));
process.exit(result.ok && bench.status === 0 ? 0 : 1);
