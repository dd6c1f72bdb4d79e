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
  /** The same, per feature registered (ms), for the bench's breakdown. */
  readonly activationSteps: Readonly<Record<string, number>>;
}

export function activate(context: vscode.ExtensionContext): StatecraftTestApi | undefined {
  const started = performance.now();
  // Each feature's share of activate(), for the bench (a few performance.now() calls; nothing is kept otherwise).
  const steps: Record<string, number> = {};
  let last = started;
  const step = <T>(name: string, value: T): T => {
    const now = performance.now();
    steps[name] = now - last;
    last = now;
    return value;
  };
  shareLocalizationBundleWithCore();
  const logger = step('logger', createOutputLogger());
  const progress = new ProgressStore(context.globalState);
  const notes = step('notes', registerNotes(context, progress, logger));
  const decisions = step('decisions', registerDecisions(notes, logger));
  // A saved record is read at once: the drift hints must not wait for (or depend on) a file watcher event.
  const wizard = step('wizard', registerWizard(context, notes, logger, { recordWritten: () => decisions.records.reload() }));
  const hints = step('hints', registerSessionHints(context, notes, logger, decisions.records));
  const practice = step('practice', registerPractice(context, notes, logger));
  const audit = step('audit', registerWorkspaceAudit(context, logger));
  context.subscriptions.push(logger, progress, notes, wizard, decisions, hints, practice, audit);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    notes, progress, wizard, hints, decisions, audit,
    disposeAll: () => disposeAll([...context.subscriptions]),
    activationMs: performance.now() - started,
    activationSteps: steps,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
