// Disposal with error isolation: one throwing disposable must not leave the others registered. Shape of
// markdown-language-features' util/dispose.ts (`disposeAll`); its `Disposable` base class is left out until a class
// here needs more than an array and this function. Free of the vscode import (a disposable is anything with
// `dispose()`), so a unit test reaches it.

/** Anything that can be disposed: vscode.Disposable, panels, analysis sessions. */
export interface IDisposable {
  dispose(): unknown;
}

/**
 * Disposes every item, even when some throw, then rethrows: the one error as it is, several as an AggregateError.
 * Arrays are emptied first, so a second call (or a re-entrant one) disposes nothing twice.
 */
export function disposeAll(disposables: Iterable<IDisposable>): void {
  const items = Array.isArray(disposables) ? (disposables as IDisposable[]).splice(0) : [...disposables];
  const errors: unknown[] = [];
  for (const disposable of items) {
    try {
      disposable.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) {
    throw errors[0];
  }
  if (errors.length > 1) {
    throw new AggregateError(errors, 'Encountered errors while disposing of store');
  }
}
