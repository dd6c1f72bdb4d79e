// Every run works on a fresh copy of sample-workspace/, so tests that write (decision records, notes) never dirty
// the repository and never see a previous run's files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './codeServer.mjs';

export function freshSampleWorkspace(name) {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `statecraft-ws-${name}-`));
  fs.cpSync(path.join(repoRoot, 'sample-workspace'), target, { recursive: true });
  return target;
}
