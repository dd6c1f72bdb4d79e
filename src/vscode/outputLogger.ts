// The Statecraft output channel, as the core's Logger port. The channel is created with the first message, not at
// activation: creating a log output channel costs the host a log file and a round trip to the window (about 4 ms of
// activate() in the bench), and most sessions never log anything.
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';

export function createOutputLogger(): Logger & vscode.Disposable {
  let channel: vscode.LogOutputChannel | undefined;
  const open = () => (channel ??= vscode.window.createOutputChannel('Statecraft', { log: true }));
  return {
    info: (message) => open().info(message),
    warn: (message) => open().warn(message),
    error: (message) => open().error(message),
    dispose: () => channel?.dispose(),
  };
}
