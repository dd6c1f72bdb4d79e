// The features activate() does not register itself: the note commands, the decisions, the wizard, the session-state
// hints, practice and the workspace audit. They are registered right after activate() returned (one turn of the host's
// event loop later), from this lazily required bundle, so the synchronous activation VS Code times ("Activation: N ms"
// = Load Code + Call Activate) loads and runs only the notes views. The extension counts as activated only once they
// are registered (activate's promise), so a command that activates Statecraft waits for its handler (issue 15).
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import type { NotesFeature } from './registerNotes';
import { registerNoteCommands } from './noteCommands';
import type { ProgressStore } from './progressStore';
import { registerDecisions, type DecisionsFeature } from './decisions/registerDecisions';
import { registerWizard, type WizardFeature } from './wizard/registerWizard';
import { registerSessionHints, type SessionHintsFeature } from './hints/registerSessionHints';
import { registerPractice } from './practice/registerPractice';
import { registerWorkspaceAudit, type WorkspaceAuditFeature } from './audit/registerWorkspaceAudit';

export interface DeferredFeatures {
  readonly decisions: DecisionsFeature;
  readonly wizard: WizardFeature;
  readonly hints: SessionHintsFeature;
  readonly audit: WorkspaceAuditFeature;
}

/** Registers the features; `step` records each one's time for the bench's breakdown. */
export function registerDeferredFeatures(context: vscode.ExtensionContext, notes: NotesFeature, progress: ProgressStore, logger: Logger, step: <T>(name: string, value: T) => T): DeferredFeatures {
  const noteCommands = step('note commands', registerNoteCommands(context, notes, progress));
  const decisions = step('decisions', registerDecisions(notes, logger));
  // A saved record is read at once: the drift hints must not wait for (or depend on) a file watcher event.
  const wizard = step('wizard', registerWizard(context, notes, logger, { recordWritten: () => decisions.records.reload() }));
  const hints = step('hints', registerSessionHints(context, notes, logger, decisions.records));
  const practice = step('practice', registerPractice(context, notes, logger));
  const audit = step('audit', registerWorkspaceAudit(context, logger));
  context.subscriptions.push(noteCommands, wizard, decisions, hints, practice, audit);
  return { decisions, wizard, hints, audit };
}
