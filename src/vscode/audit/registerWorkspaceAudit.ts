// The workspace audit: "Statecraft: Scan Workspace for Session State" walks every workspace folder with the core's
// .gitignore-aware walker (the same one `statecraft scan` uses, through the vscode.workspace.fs port), skips what
// `statecraft.hints.exclude` and the size cap exclude, and analyses the files on the same worker pool as the CLI
// (`AnalysisPool`), off the extension host's thread. Results fill the "Session State" view and the Problems panel
// (for files that are not open: open files have the live hints), and a status bar item. After the first scan the
// audit stays current: saved, created and changed files are analysed again, deleted ones leave the results.
// Activation registers the view, the commands and the results; the audit (workspaceAudit.ts) loads on first use.
import * as vscode from 'vscode';
import { AuditResults } from '../../core/audit/auditResults';
import type { Logger } from '../../core/ports';
import { wizardPrefillFor } from '../../core/analyzer/wizardPrefill';
import { CommandIds } from '../commandIds';
import { SessionStateTreeProvider, type SessionStateNode } from './sessionStateTreeProvider';
import type { WorkspaceAudit } from './workspaceAudit';

const VIEW_ID = 'statecraft.sessionState';

export interface WorkspaceAuditFeature extends vscode.Disposable {
  readonly results: AuditResults;
  /** Runs the audit (the command, without its progress notification's UI being needed by tests). */
  scan(): Promise<void>;
}

export function registerWorkspaceAudit(context: vscode.ExtensionContext, logger: Logger): WorkspaceAuditFeature {
  const results = new AuditResults();
  const tree = new SessionStateTreeProvider(results);
  let loaded: Promise<WorkspaceAudit> | undefined;
  let disposed = false;
  const audit = (): Promise<WorkspaceAudit> => {
    loaded ??= import('./workspaceAudit.js').then(({ WorkspaceAudit }) => {
      const instance = new WorkspaceAudit(context.extensionUri, logger, results, tree);
      if (disposed) instance.dispose();
      return instance;
    });
    return loaded;
  };
  const disposables: vscode.Disposable[] = [
    tree,
    { dispose: () => { disposed = true; void loaded?.then((instance) => instance.dispose()); } },
    vscode.window.registerTreeDataProvider(VIEW_ID, tree),
    vscode.commands.registerCommand(CommandIds.scanWorkspace, async () => (await audit()).scanWithProgress()),
    vscode.commands.registerCommand(CommandIds.exportSarif, async () => (await audit()).exportSarif()),
    vscode.commands.registerCommand(CommandIds.auditWhy, (node: SessionStateNode) =>
      node?.kind === 'finding' ? vscode.commands.executeCommand(CommandIds.explainFinding, node.finding.note) : undefined),
    vscode.commands.registerCommand(CommandIds.auditRecommend, (node: SessionStateNode) =>
      node?.kind === 'finding' ? vscode.commands.executeCommand(CommandIds.recommendPlacement, wizardPrefillFor(node.finding)) : undefined),
    vscode.commands.registerCommand(CommandIds.auditIgnore, (node: SessionStateNode) =>
      node?.kind === 'finding' ? vscode.commands.executeCommand(CommandIds.ignoreFinding, node.uri, node.finding.range.start.line) : undefined),
  ];
  return { results, scan: async () => (await audit()).scan(), dispose: () => disposables.forEach((disposable) => disposable.dispose()) };
}

