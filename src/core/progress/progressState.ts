// Study progress and bookmarks, as stored in the extension's global state (synced by Settings Sync). Pure: the
// adapter reads and writes the raw value; this module owns the shape, its migration and every change to it.

/** The stored shape. `version` lets later releases migrate what an older one wrote. */
export interface ProgressState {
  readonly version: 2;
  /** Note id → ISO date when it was marked studied. */
  readonly studied: Readonly<Record<string, string>>;
  /** Bookmarked note ids, most recent first. */
  readonly bookmarks: readonly string[];
}

export const PROGRESS_STATE_KEY = 'statecraft.progress';
export const emptyProgress: ProgressState = { version: 2, studied: {}, bookmarks: [] };

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Reads whatever an earlier version stored. Version 1 (0.0.x previews) kept `{ studied: string[], bookmarked: string[] }`
 * with no dates; it becomes version 2 with the migration date. Anything unreadable yields empty progress rather
 * than an error: losing nothing that *can* be read matters more than rejecting the rest.
 */
export function migrateProgress(raw: unknown, now: Date = new Date()): ProgressState {
  if (raw === null || typeof raw !== 'object') return emptyProgress;
  const value = raw as Record<string, unknown>;
  if (value.version === 2) {
    const studied: Record<string, string> = {};
    if (value.studied && typeof value.studied === 'object' && !Array.isArray(value.studied)) {
      for (const [id, date] of Object.entries(value.studied as Record<string, unknown>)) {
        if (typeof date === 'string') studied[id] = date;
      }
    }
    return { version: 2, studied, bookmarks: isStringArray(value.bookmarks) ? dedupe(value.bookmarks) : [] };
  }
  const migratedAt = now.toISOString();
  const studied: Record<string, string> = {};
  if (isStringArray(value.studied)) for (const id of value.studied) studied[id] = migratedAt;
  const bookmarks = isStringArray(value.bookmarked) ? dedupe(value.bookmarked) : [];
  return { version: 2, studied, bookmarks };
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function isStudied(state: ProgressState, id: string): boolean {
  return Object.prototype.hasOwnProperty.call(state.studied, id);
}

export function isBookmarked(state: ProgressState, id: string): boolean {
  return state.bookmarks.includes(id);
}

export function markStudied(state: ProgressState, id: string, now: Date = new Date()): ProgressState {
  if (isStudied(state, id)) return state;
  return { ...state, studied: { ...state.studied, [id]: now.toISOString() } };
}

export function markUnstudied(state: ProgressState, id: string): ProgressState {
  if (!isStudied(state, id)) return state;
  const studied = { ...state.studied };
  delete studied[id];
  return { ...state, studied };
}

export function addBookmark(state: ProgressState, id: string): ProgressState {
  if (isBookmarked(state, id)) return state;
  return { ...state, bookmarks: [id, ...state.bookmarks] };
}

export function removeBookmark(state: ProgressState, id: string): ProgressState {
  if (!isBookmarked(state, id)) return state;
  return { ...state, bookmarks: state.bookmarks.filter((bookmark) => bookmark !== id) };
}
