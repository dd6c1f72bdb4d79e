// The Statecraft output channel, as the core's Logger port.
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';

export function createOutputLogger(): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Statecraft', { log: true });
  return {
    info: (message) => channel.info(message),
    warn: (message) => channel.warn(message),
    error: (message) => channel.error(message),
    dispose: () => channel.dispose(),
  };
}
