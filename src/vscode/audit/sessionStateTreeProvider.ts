// The "Session State" view: the workspace audit's findings by rule → file → finding, counts in the labels. Holds no
// domain logic: the grouping is the core's (AuditResults.byRule); items only map it to VS Code objects.
import * as vscode from 'vscode';
import type { AuditResults, AuditRuleGroup } from '../../core/audit/auditResults';
import type { Finding } from '../../core/analyzer/types';
import { toRange } from '../hints/registerSessionHints';
import { diagnosticLevel } from '../hints/diagnosticLevel';
import type { SeverityLevel } from '../../core/analyzer/severity';
import { readSettings } from '../settings';

/** The icon of a rule's row says how serious its findings are under the user's settings, as the Problems panel does. */
const LEVEL_ICONS: Record<SeverityLevel, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  information: new vscode.ThemeIcon('info'),
  hint: new vscode.ThemeIcon('lightbulb'),
};
const LEVEL_ORDER: readonly SeverityLevel[] = ['error', 'warning', 'information', 'hint'];

function ruleLevel(group: AuditRuleGroup): SeverityLevel {
  const settings = readSettings();
  const levels = new Set(group.files.flatMap((file) => file.findings.map((finding) => diagnosticLevel(finding, settings) ?? 'hint')));
  return LEVEL_ORDER.find((level) => levels.has(level)) ?? 'hint';
}

/** A node of the view. Finding nodes are what the context-menu commands receive. */
export type SessionStateNode =
  | { readonly kind: 'rule'; readonly group: AuditRuleGroup }
  | { readonly kind: 'file'; readonly group: AuditRuleGroup; readonly file: AuditRuleGroup['files'][number] }
  | { readonly kind: 'finding'; readonly uri: vscode.Uri; readonly relative: string; readonly finding: Finding };

export class SessionStateTreeProvider implements vscode.TreeDataProvider<SessionStateNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly results: AuditResults) {}

  refresh(): void {
    this.changeEmitter.fire();
  }

  getChildren(node?: SessionStateNode): SessionStateNode[] {
    if (!node) return this.results.byRule().map((group) => ({ kind: 'rule', group }));
    if (node.kind === 'rule') return node.group.files.map((file) => ({ kind: 'file', group: node.group, file }));
    if (node.kind === 'file') {
      const uri = vscode.Uri.parse(node.file.file);
      return node.file.findings.map((finding) => ({ kind: 'finding', uri, relative: node.file.relative, finding }));
    }
    return [];
  }

  getTreeItem(node: SessionStateNode): vscode.TreeItem {
    if (node.kind === 'rule') {
      const item = new vscode.TreeItem(vscode.l10n.t('{0} ({1})', node.group.title, node.group.count), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `rule:${node.group.rule}`;
      item.contextValue = 'rule';
      item.iconPath = LEVEL_ICONS[ruleLevel(node.group)];
      item.tooltip = node.group.rule;
      return item;
    }
    if (node.kind === 'file') {
      const uri = vscode.Uri.parse(node.file.file);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `file:${node.group.rule}:${node.file.file}`;
      item.label = vscode.l10n.t('{0} ({1})', node.file.relative, node.file.findings.length);
      item.contextValue = 'file';
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    const range = toRange(node.finding.range);
    const item = new vscode.TreeItem(vscode.l10n.t('Line {0}: {1}', range.start.line + 1, node.finding.title), vscode.TreeItemCollapsibleState.None);
    item.id = `finding:${node.uri.toString()}:${node.finding.rule}:${range.start.line}:${range.start.character}`;
    item.contextValue = 'finding';
    item.iconPath = new vscode.ThemeIcon('circle-small-filled');
    item.tooltip = new vscode.MarkdownString(node.finding.message);
    item.description = node.finding.framework;
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [node.uri, { selection: range } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
