// The settings' shape and defaults, free of the vscode import so a unit test can check them against
// package.json (they must agree, or the Settings UI and the code disagree about defaults).
import { MAX_ANALYSED_BYTES } from '../core/analyzer/languages';
import type { SeveritySetting } from '../core/analyzer/severity';
import { DEFAULT_NEW_CARDS_PER_DAY } from '../core/practice/practiceDefaults';

/** `statecraft.hints.severity`: the values of the core's severity policy (core/analyzer/severity.ts). */
export type HintSeverity = SeveritySetting;
export type GroupBy = 'category' | 'priority';

export interface StatecraftSettings {
  readonly notesFolders: readonly string[];
  readonly groupBy: GroupBy;
  readonly hideStudied: boolean;
  readonly hintsEnabled: boolean;
  readonly hintsCodeLens: boolean;
  readonly hintsSeverity: HintSeverity;
  readonly hintsExclude: readonly string[];
  readonly hintsMaxFileSizeKb: number;
  readonly decisionsFolder: string;
  readonly practiceNewCardsPerDay: number;
}

export const defaultSettings: StatecraftSettings = {
  notesFolders: [],
  groupBy: 'category',
  hideStudied: false,
  hintsEnabled: true,
  hintsCodeLens: true,
  hintsSeverity: 'default',
  hintsExclude: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/vendor/**'],
  hintsMaxFileSizeKb: MAX_ANALYSED_BYTES / 1024,
  decisionsFolder: 'docs/adr',
  practiceNewCardsPerDay: DEFAULT_NEW_CARDS_PER_DAY,
};

/** The setting keys, relative to the `statecraft` section. */
export const SettingKeys = {
  notesFolders: 'notes.folders',
  groupBy: 'notes.groupBy',
  hideStudied: 'notes.hideStudied',
  hintsEnabled: 'hints.enabled',
  hintsCodeLens: 'hints.codeLens',
  hintsSeverity: 'hints.severity',
  hintsExclude: 'hints.exclude',
  hintsMaxFileSizeKb: 'hints.maxFileSizeKb',
  decisionsFolder: 'decisions.folder',
  practiceNewCardsPerDay: 'practice.newCardsPerDay',
} as const satisfies Record<keyof StatecraftSettings, string>;

/**
 * The folders workspace-wide file searches skip (the hints' default exclusions and `.git`), as one glob for
 * `vscode.workspace.findFiles`: the warm-up's file-name look-up and the list of suppressions share it.
 */
export const SEARCH_EXCLUDE_GLOB = `{${[...defaultSettings.hintsExclude, '**/.git/**'].join(',')}}`;
