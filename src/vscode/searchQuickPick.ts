// "Statecraft: Search Notes": a QuickPick that re-queries the core index on every keystroke (ranking, aliases,
// typo tolerance and snippets are the core's) and opens the note scrolled to the matching section.
import * as vscode from 'vscode';
import type { SearchHit } from '../core/search/searchIndex';
import type { NotesLibrary } from './notesLibrary';
import { disposeAll } from './dispose';

interface HitItem extends vscode.QuickPickItem {
  readonly hit: SearchHit;
}

export async function searchNotes(
  library: NotesLibrary,
  openNote: (id: string, fragment: string | undefined) => Promise<unknown>,
  initialQuery = '',
): Promise<void> {
  const quickPick = vscode.window.createQuickPick<HitItem>();
  quickPick.title = vscode.l10n.t('Search Statecraft Notes');
  quickPick.placeholder = vscode.l10n.t('Search titles, aliases, tags, headings and text (typos are fine)');
  // The index does the matching; VS Code's own filter would hide hits found through aliases or typo tolerance.
  quickPick.matchOnDescription = false;
  quickPick.matchOnDetail = false;
  quickPick.value = initialQuery;
  let generation = 0;
  const update = async (value: string) => {
    const mine = ++generation;
    quickPick.busy = true;
    const hits = value.trim() === '' ? [] : await library.search(value, 30);
    if (mine !== generation) return;
    quickPick.items = hits.map((hit) => ({
      label: hit.title,
      description: hit.sectionTitle ? `§ ${hit.sectionTitle}` : undefined,
      detail: hit.snippet,
      alwaysShow: true,
      hit,
    }));
    quickPick.busy = false;
  };
  const disposables: vscode.Disposable[] = [
    quickPick.onDidChangeValue((value) => void update(value)),
    quickPick.onDidAccept(() => {
      const selected = quickPick.selectedItems[0];
      quickPick.hide();
      if (selected) void openNote(selected.hit.id, selected.hit.section || undefined);
    }),
  ];
  await new Promise<void>((resolve) => {
    disposables.push(quickPick.onDidHide(() => resolve()));
    quickPick.show();
    if (initialQuery) void update(initialQuery);
  });
  disposeAll([...disposables, quickPick]);
}
