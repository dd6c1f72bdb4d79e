// A pseudo-locale for the core's text: every message the bundle extractor finds in src/ is "translated" into
// ⟪message⟫. Text a test sees outside those brackets reached the user without passing through @vscode/l10n, so a
// translator could never have changed it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nJson } from '@vscode/l10n-dev';
import { pseudoTranslate } from '../../shared/pseudoText';

export { untranslatedProse } from '../../shared/pseudoText';

const SOURCE_ROOT = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

let extracted: Promise<Record<string, string | { message: string; comment: string[] }>> | undefined;

/** The bundle `npm run l10n` would write, extracted from the current sources (once per test process). */
export function extractBundle(): Promise<Record<string, string | { message: string; comment: string[] }>> {
  extracted ??= getL10nJson(sourceFiles(SOURCE_ROOT).map((file) => ({ extension: '.ts', contents: readFileSync(file, 'utf8') })));
  return extracted;
}

/** Switches @vscode/l10n to the pseudo-locale until the returned function is called. */
export async function usePseudoLocale(): Promise<() => void> {
  const bundle = await extractBundle();
  l10n.config({ contents: pseudoTranslate(bundle) });
  return () => l10n.config({ contents: {} });
}
