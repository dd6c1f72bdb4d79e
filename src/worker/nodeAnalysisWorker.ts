// Entry of the analysis worker under Node `worker_threads` (the desktop and remote extension host, the CLI's pool).
// Bundled to dist/worker.js. All the work is the core's analysis service; this file only connects it to the port.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { createAnalyzer } from '../core/analyzer/analyzer';
import { createAnalysisService } from '../core/worker/analysisService';

const port = parentPort;
if (!port) throw new Error('nodeAnalysisWorker must run in a worker thread');
// Bundled, this is dist/worker.js and the grammars are dist/grammars: read them here rather than through the host's
// thread (run from source there is no such folder, and the host is asked).
const grammars = path.join(__dirname, 'grammars');
const readWasmHere = fs.existsSync(grammars)
  ? async (name: string) => {
    if (!/^[\w.-]+\.wasm$/.test(name)) return undefined;
    const bytes = await fs.promises.readFile(path.join(grammars, name));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  : undefined;
const service = createAnalysisService((message) => port.postMessage(message), createAnalyzer, readWasmHere);
port.on('message', (message: unknown) => service.receive(message));
