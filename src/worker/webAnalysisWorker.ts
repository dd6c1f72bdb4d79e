// Entry of the analysis worker as a browser Web Worker (the web worker extension host: vscode.dev, code-server's
// web host). Bundled to dist/web/worker.js. Same core service as the Node entry, over the worker's global scope.
import { createAnalysisService } from '../core/worker/analysisService';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const service = createAnalysisService((message) => scope.postMessage(message));
scope.addEventListener('message', (event) => service.receive(event.data));
