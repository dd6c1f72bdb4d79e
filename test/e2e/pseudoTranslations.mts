// Gives a code-server profile a pseudo display language, the way a translator's work would reach a user: a language
// pack makes "qps-ploc" a language code-server accepts, and pseudo-translated bundles sit next to the installed
// extension's own l10n/bundle.l10n.json and package.nls.json. Everything Statecraft shows then reads ⟪…⟫, unless it
// bypassed the bundles. Checked: code-server 4.139.1 resolves `--locale qps-ploc` only through
// <user-data>/languagepacks.json, which it does not write when an extension is installed from the command line.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { installVsix, repoRoot, type Profile } from '../../scripts/lib/codeServer.mjs';
import { pseudoTranslate } from '../shared/pseudoText.js';

export const PSEUDO_LOCALE = 'qps-ploc';
const LANGUAGE_PACK = path.join(repoRoot, 'test/fixtures/pseudo-language-pack');

export function installPseudoLocale(profile: Profile): void {
  const packageDir = fs.mkdtempSync(path.join(profile.dir, 'language-pack-'));
  fs.cpSync(LANGUAGE_PACK, packageDir, { recursive: true });
  const vsix = path.join(profile.dir, 'pseudo-language-pack.vsix');
  execFileSync(path.join(repoRoot, 'node_modules/.bin/vsce'), ['package', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: packageDir, stdio: 'pipe' });
  installVsix(vsix, profile);

  const manifest = JSON.parse(fs.readFileSync(path.join(LANGUAGE_PACK, 'package.json'), 'utf8'));
  const installedPack = installedExtensionDir(profile, `${manifest.publisher}.${manifest.name}`);
  const languagePacks = {
    [PSEUDO_LOCALE]: {
      hash: `${manifest.publisher}.${manifest.name}@${manifest.version}`,
      extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
      translations: { vscode: path.join(installedPack, 'translations/main.i18n.json') },
      label: 'Pseudo Language',
    },
  };
  fs.writeFileSync(path.join(profile.userDataDir, 'languagepacks.json'), JSON.stringify(languagePacks));

  // Translate what the VSIX actually shipped, so a message missing from the shipped bundle shows up untranslated.
  const statecraft = installedExtensionDir(profile, 'statecraft.statecraft');
  const bundle = JSON.parse(fs.readFileSync(path.join(statecraft, 'l10n/bundle.l10n.json'), 'utf8'));
  fs.writeFileSync(path.join(statecraft, `l10n/bundle.l10n.${PSEUDO_LOCALE}.json`), JSON.stringify(pseudoTranslate(bundle)));
  const nls = JSON.parse(fs.readFileSync(path.join(statecraft, 'package.nls.json'), 'utf8'));
  fs.writeFileSync(path.join(statecraft, `package.nls.${PSEUDO_LOCALE}.json`), JSON.stringify(pseudoTranslate(nls)));
}

function installedExtensionDir(profile: Profile, id: string): string {
  const folder = fs.readdirSync(profile.extensionsDir).find((name) => name.toLowerCase().startsWith(`${id.toLowerCase()}-`));
  if (!folder) throw new Error(`${id} is not installed in ${profile.extensionsDir}`);
  return path.join(profile.extensionsDir, folder);
}
