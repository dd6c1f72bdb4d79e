// Entry of the analysis worker under Node `worker_threads` (the desktop and remote extension host, the CLI's pool).
// Bundled to dist/worker.js. All the work is the core's analysis service; this file only connects it to the port.
import { parentPort } from 'node:worker_threads';
import { createAnalysisService } from '../core/worker/analysisService';

const port = parentPort;
if (!port) throw new Error('nodeAnalysisWorker must run in a worker thread');
const service = createAnalysisService((message) => port.postMessage(message));
port.on('message', (message: unknown) => service.receive(message));
