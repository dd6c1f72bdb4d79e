// Composition root: build the services once, register each feature (each returns a Disposable), and let VS Code
// own them through context.subscriptions. Model: markdown-language-features extension.shared.ts.
// Two stages (issue 15): activate() itself creates the notes views, which is what the activation event that opens
// the Statecraft view needs, and returns; the commands and the other features are registered one turn of the event
// loop later from a lazily required bundle (deferredFeatures.ts), and activate's promise settles then. A command
// that activates Statecraft waits for that promise, so it never finds its handler missing.
import * as vscode from 'vscode';
import { shareLocalizationBundleWithCore } from './vscode/coreLocalization';
import { createOutputLogger } from './vscode/outputLogger';
import { ProgressStore } from './vscode/progressStore';
import { registerNotes, type NotesFeature } from './vscode/registerNotes';
import type { WizardFeature } from './vscode/wizard/registerWizard';
import type { SessionHintsFeature } from './vscode/hints/registerSessionHints';
import type { WorkspaceAuditFeature } from './vscode/audit/registerWorkspaceAudit';
import type { DecisionsFeature } from './vscode/decisions/registerDecisions';
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
  /** How long activate() ran before it returned (what the host's "Call Activate" counts), read by `npm run bench`. */
  readonly activationMs: number;
  /** From activate()'s start until its promise settled, the deferred features included. */
  readonly activationSettledMs: number;
  /** The same, per feature registered (ms), for the bench's breakdown. */
  readonly activationSteps: Readonly<Record<string, number>>;
}

/** One turn of the host's event loop: messages that arrived meanwhile (the Notes view asking for its rows) go first. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function activate(context: vscode.ExtensionContext): Promise<StatecraftTestApi | undefined> {
  const started = performance.now();
  // Each feature's share of activation, for the bench (a few performance.now() calls; nothing is kept otherwise).
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
  context.subscriptions.push(logger, progress, notes);
  const activationMs = performance.now() - started;
  return nextTurn().then(async () => {
    last = performance.now();
    const { registerDeferredFeatures } = await import('./vscode/deferredFeatures.js');
    step('load deferred features', undefined);
    const features = registerDeferredFeatures(context, notes, progress, logger, step);
    if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
    return {
      notes, progress, ...features,
      disposeAll: () => disposeAll([...context.subscriptions]),
      activationMs,
      activationSettledMs: performance.now() - started,
      activationSteps: steps,
    };
  });
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
