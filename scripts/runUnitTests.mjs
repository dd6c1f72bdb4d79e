// Unit tier: node:test over test/unit (core only, plain Node). `npm run test:unit`.
import path from 'node:path';
import { repoRoot } from './lib/codeServer.mjs';
import { findFiles, runNodeTestTier } from './lib/nodeTestTier.mjs';

const result = runNodeTestTier('unit', findFiles(path.join(repoRoot, 'test/unit'), '.test.ts'));
process.exit(result.ok ? 0 : 1);
