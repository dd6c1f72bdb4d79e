// A pseudo-locale for the core's text: every message of the shipped bundle (l10n/bundle.l10n.json, kept equal to
// what the extractor finds in src/) is "translated" into ⟪message⟫. Text a test sees outside those brackets reached the user without passing through @vscode/l10n, so a
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

type Bundle = Record<string, string | { message: string; comment: string[] }>;

let extracted: Promise<Bundle> | undefined;

/** The bundle `npm run l10n` would write, extracted from the current sources (seconds: only the freshness test). */
export function extractBundle(): Promise<Bundle> {
  extracted ??= getL10nJson(sourceFiles(SOURCE_ROOT).map((file) => ({ extension: '.ts', contents: readFileSync(file, 'utf8') })));
  return extracted;
}

/** The checked-in l10n/bundle.l10n.json: what ships, and what localization.test.ts keeps equal to the sources. */
function shippedBundle(): Bundle {
  return JSON.parse(readFileSync(path.join(SOURCE_ROOT, '../l10n/bundle.l10n.json'), 'utf8')) as Bundle;
}

/**
 * Switches @vscode/l10n to the pseudo-locale until the returned function is called; `fenceValues` is the strict
 * variant (see pseudoTranslate).
 */
export function usePseudoLocale(options: { fenceValues?: boolean } = {}): () => void {
  l10n.config({ contents: pseudoTranslate(shippedBundle(), options) });
  return () => l10n.config({ contents: {} });
}

/** The strict pseudo-locale: every {n} value outside the brackets, fenced with `|`. */
export function useStrictPseudoLocale(): () => void {
  return usePseudoLocale({ fenceValues: true });
}
