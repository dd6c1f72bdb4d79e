// The Practice view: the interview cards due now, each opening the Practice panel on it. No domain logic here:
// which cards are due, and in what order, is the core's `dueCards`.
import * as vscode from 'vscode';
import type { PracticeCard } from '../../core/practice/practiceScheduler';
import { CommandIds } from '../commandIds';

export class PracticeTreeProvider implements vscode.TreeDataProvider<PracticeCard>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private cards: readonly PracticeCard[] = [];

  /** Called by the feature whenever the due list may have changed. */
  setDue(cards: readonly PracticeCard[]): void {
    this.cards = cards;
    this.changeEmitter.fire();
  }

  getChildren(element?: PracticeCard): PracticeCard[] {
    return element ? [] : [...this.cards];
  }

  getTreeItem(card: PracticeCard): vscode.TreeItem {
    const item = new vscode.TreeItem(card.prompt, vscode.TreeItemCollapsibleState.None);
    item.id = card.id;
    item.description = card.noteTitle;
    item.contextValue = 'practiceCard';
    item.iconPath = new vscode.ThemeIcon('question');
    item.tooltip = new vscode.MarkdownString().appendText(card.prompt).appendMarkdown('\n\n').appendText(`${card.noteTitle} · ${card.priority}`);
    item.command = { command: CommandIds.practiseCard, title: vscode.l10n.t('Practise'), arguments: [card.id] };
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
