// Supersede…: the wizard pre-filled from a record writes the next record, which links the old one, and the old one is
// marked superseded (MADR's convention). A lazily required bundle: it carries the wizard, the engine and the ADR
// writer, which activation does not need.
import * as vscode from 'vscode';
import { markSuperseded } from '../../core/decisions/decisionRecord';
import { stateKindSubject } from '../../core/decisions/stateKind';
import { decisionRecordTitle, renderDecisionRecord } from '../../core/decisions/adr';
import { recommend } from '../../core/wizard/decisionEngine';
import type { Logger } from '../../core/ports';
import { readSettings } from '../settings';
import { writeDecisionRecord } from '../wizard/decisionRecordWriter';
import { runPlacementWizard } from '../wizard/wizardQuickInput';
import type { DecisionRecords, WorkspaceRecord } from './decisionRecords';

/** Runs the wizard from `entry`'s answers; resolves with the new record, or undefined when cancelled or failed. */
export async function supersedeDecision(entry: WorkspaceRecord, records: DecisionRecords, openNote: (link: string) => unknown, logger: Logger): Promise<vscode.Uri | undefined> {
  const old = entry.record;
  const inputs = await runPlacementWizard(openNote, old.answers ?? {});
  if (!inputs) return undefined;
  const recommendation = recommend(inputs);
  const oldName = entry.uri.path.split('/').pop() ?? old.path;
  const title = decisionRecordTitle(recommendation, stateKindSubject(old.state));
  const markdown = renderDecisionRecord(inputs, recommendation, {
    date: new Date().toISOString().slice(0, 10),
    title,
    state: old.state,
    scope: old.scope,
    supersedes: oldName,
  });
  try {
    const written = await writeDecisionRecord(readSettings(entry.folder.uri).decisionsFolder, title, markdown);
    if (!written) return undefined;
    const oldText = new TextDecoder().decode(await vscode.workspace.fs.readFile(entry.uri));
    const marked = markSuperseded(oldText, written.path.split('/').pop() ?? '');
    if (marked === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no status in its front matter: mark it superseded by hand.', old.path));
    } else {
      await vscode.workspace.fs.writeFile(entry.uri, new TextEncoder().encode(marked));
    }
    await records.reload();
    await vscode.window.showTextDocument(written, { preview: false });
    return written;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error(`Superseding ${old.path} failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Statecraft could not supersede the decision record: {0}', message));
    return undefined;
  }
}
