// The same analysis service on the host's own thread, behind the same endpoint as a real worker: the fallback where
// no worker can be started (a web worker host without nested workers) and a fast stand-in for unit tests of the
// protocol. Messages still cross a macrotask boundary, as they would between threads, but they are not copied.

import { createAnalysisService, type ServiceAnalyzerFactory } from './analysisService';
import type { WorkerToHostMessage } from './protocol';
import type { WorkerEndpoint, WorkerFactory } from './workerConnection';

export function inProcessWorkerFactory(analyzerFactory?: ServiceAnalyzerFactory): WorkerFactory {
  return () => {
    let listener: ((message: WorkerToHostMessage) => void) | undefined;
    let terminated = false;
    const service = createAnalysisService((message) => {
      setTimeout(() => {
        if (!terminated) listener?.(message);
      }, 0);
    }, analyzerFactory);
    const endpoint: WorkerEndpoint = {
      post: (message) => {
        setTimeout(() => {
          if (!terminated) service.receive(message);
        }, 0);
      },
      onMessage: (received) => {
        listener = received;
      },
      // Runs on the host's own thread: it cannot crash or exit apart from the host.
      onExit: () => undefined,
      terminate: () => {
        if (terminated) return;
        terminated = true;
        service.dispose();
      },
    };
    return endpoint;
  };
}
