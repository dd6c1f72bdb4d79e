// Composition root: build the services once, register each feature (each returns a Disposable), and let VS Code
// own them through context.subscriptions. Model: markdown-language-features extension.shared.ts.
import * as vscode from 'vscode';
import { shareLocalizationBundleWithCore } from './vscode/coreLocalization';
import { createOutputLogger } from './vscode/outputLogger';
import { ProgressStore } from './vscode/progressStore';
import { registerNotes, type NotesFeature } from './vscode/registerNotes';
import { registerWizard, type WizardFeature } from './vscode/wizard/registerWizard';
import { registerSessionHints, type SessionHintsFeature } from './vscode/hints/registerSessionHints';
import { registerWorkspaceAudit, type WorkspaceAuditFeature } from './vscode/audit/registerWorkspaceAudit';
import { registerDecisions, type DecisionsFeature } from './vscode/decisions/registerDecisions';
import { registerPractice } from './vscode/practice/registerPractice';
import { disposeAll } from './vscode/dispose';

/** Exposed to the in-host integration tests only (extensionMode Test), never to other extensions. */
export interface StatecraftTestApi {
  readonly notes: NotesFeature;
  readonly progress: ProgressStore;
  readonly wizard: WizardFeature;
  readonly hints: SessionHintsFeature;
  readonly audit: WorkspaceAuditFeature;
  readonly decisions: DecisionsFeature;
  /** Disposes everything activate registered, exactly as VS Code does on deactivate. */
  disposeAll(): void;
  /** How long this activate() call took (performance.now() at its start and end), read by `npm run bench`. */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): StatecraftTestApi | undefined {
  const started = performance.now();
  shareLocalizationBundleWithCore();
  const logger = createOutputLogger();
  const progress = new ProgressStore(context.globalState);
  const notes = registerNotes(context, progress, logger);
  const decisions = registerDecisions(notes, logger);
  // A saved record is read at once: the drift hints must not wait for (or depend on) a file watcher event.
  const wizard = registerWizard(context, notes, logger, { recordWritten: () => decisions.records.reload() });
  const hints = registerSessionHints(context, notes, logger, decisions.records);
  const practice = registerPractice(context, notes, logger);
  const audit = registerWorkspaceAudit(context, logger);
  context.subscriptions.push(logger, progress, notes, wizard, decisions, hints, practice, audit);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    notes, progress, wizard, hints, decisions, audit,
    disposeAll: () => disposeAll([...context.subscriptions]),
    activationMs: performance.now() - started,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
