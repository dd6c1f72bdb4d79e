// Interview practice state in the extension's global state, synced by Settings Sync like study progress. The
// shape, its repair and every scheduling decision are the core's (src/core/practice); this class persists and
// announces. A damaged stored value is repaired once (the readable cards kept) and reported through `damaged`.
import * as vscode from 'vscode';
import { gradeCard, PRACTICE_STATE_KEY, readPracticeState, type GradeName, type PracticeState } from '../../core/practice/practiceScheduler';

export class PracticeStore implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private current: PracticeState;
  /** True when the stored value could not be read in full at start-up (the adapter tells the user once). */
  readonly damaged: boolean;

  constructor(private readonly memento: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }) {
    memento.setKeysForSync([PRACTICE_STATE_KEY]);
    const read = readPracticeState(memento.get(PRACTICE_STATE_KEY));
    this.current = read.state;
    this.damaged = read.damaged;
  }

  get state(): PracticeState {
    return this.current;
  }

  /** Writes the repaired state back, so the damage is reported once and not on every start. */
  repair(): Thenable<void> {
    return this.memento.update(PRACTICE_STATE_KEY, this.current);
  }

  async grade(cardId: string, grade: GradeName, now: Date): Promise<void> {
    this.current = gradeCard(this.current, cardId, grade, now);
    this.changeEmitter.fire();
    await this.memento.update(PRACTICE_STATE_KEY, this.current);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
