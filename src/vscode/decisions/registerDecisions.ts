// The Decisions feature: the records service the hints judge findings with, the Decisions view in the Statecraft
// container, opening a record, and Supersede… (the wizard pre-filled from a record writes the next record, which
// links the old one, and the old one is marked superseded: MADR's convention; supersedeDecision.ts, loaded on first use).
import * as vscode from 'vscode';
import { decisionRows, type DecisionRow } from '../../core/decisions/decisionsView';
import type { Logger } from '../../core/ports';
import { CommandIds, ViewIds } from '../commandIds';
import type { NotesFeature } from '../registerNotes';
import { DecisionRecords } from './decisionRecords';

class DecisionsTreeProvider implements vscode.TreeDataProvider<DecisionRow> {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly records: DecisionRecords) {}

  refresh(): void {
    this.changeEmitter.fire();
  }

  getChildren(element?: DecisionRow): DecisionRow[] {
    if (element) return [];
    return decisionRows(this.records.all.map((entry) => entry.record), (path) => this.records.driftCount(path));
  }

  getTreeItem(row: DecisionRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.drift > 0 ? 'warning' : row.status === 'accepted' ? 'pass' : 'history');
    item.contextValue = `decision.${row.status}${row.canSupersede ? '.supersedable' : ''}`;
    item.command = { command: CommandIds.openDecisionRecord, title: vscode.l10n.t('Open Decision Record'), arguments: [row.id] };
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export interface DecisionsFeature extends vscode.Disposable {
  readonly records: DecisionRecords;
  /** Supersedes a record by path; resolves with the new record, or undefined when cancelled. Exposed for tests. */
  supersede(recordPath: string): Promise<vscode.Uri | undefined>;
}

/** A tree row, a CodeLens or a test passes the record's path; anything else is ignored. */
function recordPathOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument !== null && typeof argument === 'object' && typeof (argument as { id?: unknown }).id === 'string') return (argument as { id: string }).id;
  return undefined;
}

export function registerDecisions(notes: NotesFeature, logger: Logger): DecisionsFeature {
  const records = new DecisionRecords((message) => logger.error(message));
  const tree = new DecisionsTreeProvider(records);
  const openNote = (link: string) => {
    const [id, fragment] = link.split('#');
    return notes.viewer.open(id, { fragment, toSide: true });
  };

  const open = async (argument: unknown) => {
    const path = recordPathOf(argument);
    if (path === undefined) return undefined;
    await records.ready();
    const uri = records.uriOf(path);
    if (!uri) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The decision record {0} is no longer in the decisions folder.', path));
      return undefined;
    }
    return vscode.window.showTextDocument(uri, { preview: false });
  };

  const supersede = async (argument: unknown): Promise<vscode.Uri | undefined> => {
    const path = recordPathOf(argument);
    await records.ready();
    const entry = records.all.find((candidate) => candidate.record.path === path);
    if (!entry) return undefined;
    const { supersedeDecision } = await import('./supersedeDecision.js');
    return supersedeDecision(entry, records, openNote, logger);
  };

  const disposables: vscode.Disposable[] = [
    records,
    tree,
    records.onDidChange(() => tree.refresh()),
    vscode.window.registerTreeDataProvider(ViewIds.decisions, tree),
    vscode.commands.registerCommand(CommandIds.openDecisionRecord, open),
    vscode.commands.registerCommand(CommandIds.supersedeDecision, supersede),
    vscode.commands.registerCommand(CommandIds.refreshDecisions, () => records.reload()),
  ];
  return { records, supersede, dispose: () => disposables.forEach((d) => d.dispose()) };
}
