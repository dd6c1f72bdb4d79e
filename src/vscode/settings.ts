// Reads the typed settings (shape and defaults in settingDefaults.ts). Model: Foam packages/foam-core/src/config.ts.
import * as vscode from 'vscode';
import { defaultSettings, SettingKeys, type StatecraftSettings } from './settingDefaults';

export type { GroupBy, HintSeverity, StatecraftSettings } from './settingDefaults';

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
    practiceNewCardsPerDay: wholeNumberIn(get('practiceNewCardsPerDay'), 0, 1000, defaultSettings.practiceNewCardsPerDay),
  };
}

/** A hand-edited settings.json can hold anything: out-of-range or non-numeric values fall back or are clamped. */
function wholeNumberIn(value: unknown, min: number, max: number, fallback: number): number {
  const number = Number(value);
  return Number.isFinite(number) ? Math.min(max, Math.max(min, Math.floor(number))) : fallback;
}

/** True when a configuration change touches one of the given keys, so listeners rebuild only what changed. */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: (keyof StatecraftSettings)[]): boolean {
  return keys.some((key) => event.affectsConfiguration(`statecraft.${SettingKeys[key]}`));
}
