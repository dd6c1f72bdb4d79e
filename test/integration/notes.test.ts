import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NotesTreeNode } from '../../src/vscode/notesTreeProvider';
import { activateStatecraft, waitFor, webviewTabLabels } from './helpers';

async function childByLabel(api: Awaited<ReturnType<typeof activateStatecraft>>, parent: NotesTreeNode | undefined, label: string): Promise<NotesTreeNode> {
  const children = await api.notes.tree.getChildren(parent);
  const labels = children.map((child) => String(api.notes.tree.getTreeItem(child).label));
  const found = children.find((child) => api.notes.tree.getTreeItem(child).label === label);
  assert.ok(found, `"${label}" is among ${JSON.stringify(labels)}`);
  return found;
}

suite('knowledge base', () => {
  test('the Notes tree opens on "Start here" (the seed note first) and shows the seed note in its category with priority and reading time', async () => {
    const api = await activateStatecraft();
    await api.notes.library.getNotes();
    const [first] = await api.notes.tree.getChildren(undefined);
    const start = api.notes.tree.getTreeItem(first);
    assert.strictEqual(start.label, 'Start here');
    assert.strictEqual(start.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const [lead] = await api.notes.tree.getChildren(first);
    assert.strictEqual(api.notes.tree.getTreeItem(lead).label, 'Statelessness & State Management');
    const bundled = await childByLabel(api, undefined, 'Statecraft Notes');
    const fundamentals = await childByLabel(api, bundled, 'Fundamental Concepts');
    assert.match(String(api.notes.tree.getTreeItem(fundamentals).tooltip), /^References › Architecture Design Basics › Pattern Taxonomy › Fundamental Concepts/);
    const seed = await childByLabel(api, fundamentals, 'Statelessness & State Management');
    const item = api.notes.tree.getTreeItem(seed);
    assert.match(String(item.description), /^P0 · \d+ min$/);
    assert.strictEqual(item.id, 'note:statelessness-and-state-management');
    assert.strictEqual(item.command?.command, 'statecraft.openNote');
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    assert.strictEqual(api.notes.tree.getParent(seed), fundamentals, 'getParent supports reveal');
  });

  test('the workspace notes folder appears under its own root', async () => {
    const api = await activateStatecraft();
    await api.notes.library.getNotes();
    const root = await childByLabel(api, undefined, 'notes');
    const team = await childByLabel(api, root, 'Team Notes');
    await childByLabel(api, team, 'Team runbook: where our session state lives');
  });

  test('search understands aliases and typos', async () => {
    const api = await activateStatecraft();
    const affinity = await api.notes.library.search('session affinity');
    assert.strictEqual(affinity[0]?.id, 'sticky-sessions');
    const typo = await api.notes.library.search('consistant hashing');
    assert.strictEqual(typo[0]?.id, 'consistent-hashing');
  });

  test('the search index (bundled + workspace notes) is built off the host thread, saved, and restored after a reload', async () => {
    const api = await activateStatecraft();
    const library = api.notes.library;
    await library.search('runbook');
    // 'saved' when an earlier run in this profile saved it already; never 'in-thread' (the worker failed).
    assert.ok(['worker', 'saved'].includes(String(library.searchIndexSource)), `first index from ${String(library.searchIndexSource)}`);
    await library.whenSearchIndexSaved();
    await library.reload();
    const hits = await library.search('Team runbook session state');
    assert.strictEqual(library.searchIndexSource, 'saved', 'unchanged notes: restored, not rebuilt');
    assert.strictEqual(hits[0]?.title, 'Team runbook: where our session state lives');
  });

  test('the notes added for issue 19 are found by search', async () => {
    const api = await activateStatecraft();
    const queries: [string, string][] = [
      ['durable execution workflow state', 'durable-execution'],
      ['event sourcing', 'event-sourcing-and-cqrs'],
      ['StatefulSet', 'kubernetes-state'],
      ['leader election lease fencing', 'leader-election-and-leases'],
      ['scaling websockets', 'websocket-scale-out'],
      ['conflict-free replicated data type', 'crdts'],
      ['multi-region active-active', 'multi-region-state'],
    ];
    for (const [query, id] of queries) {
      const hits = await api.notes.library.search(query);
      assert.ok(hits.slice(0, 3).some((hit) => hit.id === id), `"${query}" finds ${id} in the top 3: ${JSON.stringify(hits.slice(0, 5).map((hit) => hit.id))}`);
    }
  });

  test('opening a note shows it in one reused viewer panel', async () => {
    await activateStatecraft();
    await vscode.commands.executeCommand('statecraft.openNote', 'sticky-sessions');
    await waitFor('the viewer tab', () => (webviewTabLabels().includes('Sticky Sessions') ? true : undefined));
    await vscode.commands.executeCommand('statecraft.openNote', 'consistent-hashing');
    await waitFor('the reused viewer tab', () => (webviewTabLabels().includes('Consistent Hashing') ? true : undefined));
    assert.strictEqual(webviewTabLabels().filter((label) => label === 'Sticky Sessions').length, 0, 'the panel was reused, not duplicated');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('marking a note studied updates the tree item and the P0 badge', async () => {
    const api = await activateStatecraft();
    await api.notes.library.getNotes();
    const before = api.notes.tree.unstudiedP0Count();
    await vscode.commands.executeCommand('statecraft.markStudied', 'statelessness-and-state-management');
    try {
      assert.strictEqual(api.progress.isStudied('statelessness-and-state-management'), true);
      assert.strictEqual(api.notes.tree.unstudiedP0Count(), before - 1);
      const node = api.notes.tree.nodeForNote('statelessness-and-state-management');
      assert.ok(node);
      assert.strictEqual(api.notes.tree.getTreeItem(node).contextValue, 'note.studied.unbookmarked');
      assert.strictEqual(api.notes.treeView.badge?.value, before - 1);
    } finally {
      await vscode.commands.executeCommand('statecraft.markUnstudied', 'statelessness-and-state-management');
    }
    assert.strictEqual(api.notes.tree.unstudiedP0Count(), before);
  });
});
