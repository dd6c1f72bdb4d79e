// Settings, typed in one module with defaults equal to package.json (a unit test checks they agree).
// Model: Foam packages/foam-core/src/config.ts.
import * as vscode from 'vscode';

export type HintSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';
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
}

export const defaultSettings: StatecraftSettings = {
  notesFolders: [],
  groupBy: 'category',
  hideStudied: false,
  hintsEnabled: true,
  hintsCodeLens: true,
  hintsSeverity: 'information',
  hintsExclude: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/vendor/**'],
  hintsMaxFileSizeKb: 1024,
  decisionsFolder: 'docs/adr',
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
} as const satisfies Record<keyof StatecraftSettings, string>;

export function readSettings(scope?: vscode.ConfigurationScope): StatecraftSettings {
  const config = vscode.workspace.getConfiguration('statecraft', scope);
  const get = <K extends keyof StatecraftSettings>(key: K): StatecraftSettings[K] =>
    config.get<StatecraftSettings[K]>(SettingKeys[key], defaultSettings[key]);
  return {
    notesFolders: get('notesFolders'),
    groupBy: get('groupBy') === 'priority' ? 'priority' : 'category',
    hideStudied: get('hideStudied') === true,
    hintsEnabled: get('hintsEnabled') !== false,
    hintsCodeLens: get('hintsCodeLens') !== false,
    hintsSeverity: get('hintsSeverity'),
    hintsExclude: get('hintsExclude'),
    hintsMaxFileSizeKb: Math.max(1, Number(get('hintsMaxFileSizeKb')) || defaultSettings.hintsMaxFileSizeKb),
    decisionsFolder: get('decisionsFolder') || defaultSettings.decisionsFolder,
  };
}

/** True when a configuration change touches one of the given keys, so listeners rebuild only what changed. */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: (keyof StatecraftSettings)[]): boolean {
  return keys.some((key) => event.affectsConfiguration(`statecraft.${SettingKeys[key]}`));
}
