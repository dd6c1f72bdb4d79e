// Study progress and bookmarks in the extension's global state, synced by Settings Sync. The shape, its
// migration and every change are the core's (src/core/progress); this class only persists and announces.
import * as vscode from 'vscode';
import {
  addBookmark, emptyProgress, isBookmarked, isStudied, markStudied, markUnstudied, migrateProgress, PROGRESS_STATE_KEY,
  removeBookmark, type ProgressState,
} from '../core/progress/progressState';

export class ProgressStore implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private state: ProgressState;

  constructor(private readonly memento: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }) {
    memento.setKeysForSync([PROGRESS_STATE_KEY]);
    this.state = migrateProgress(memento.get(PROGRESS_STATE_KEY));
  }

  isStudied(id: string): boolean {
    return isStudied(this.state, id);
  }

  isBookmarked(id: string): boolean {
    return isBookmarked(this.state, id);
  }

  get bookmarks(): readonly string[] {
    return this.state.bookmarks;
  }

  setStudied(id: string, studied: boolean): Thenable<void> {
    return this.update(studied ? markStudied(this.state, id) : markUnstudied(this.state, id));
  }

  setBookmarked(id: string, bookmarked: boolean): Thenable<void> {
    return this.update(bookmarked ? addBookmark(this.state, id) : removeBookmark(this.state, id));
  }

  reset(): Thenable<void> {
    return this.update(emptyProgress);
  }

  /** Re-reads the stored value: Settings Sync may have changed it from another machine. */
  refresh(): void {
    this.state = migrateProgress(this.memento.get(PROGRESS_STATE_KEY));
    this.changeEmitter.fire();
  }

  private async update(next: ProgressState): Promise<void> {
    if (next === this.state) return;
    this.state = next;
    this.changeEmitter.fire();
    await this.memento.update(PROGRESS_STATE_KEY, next);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
