// The core composes sentences (finding messages, the wizard's reasons, decision records, page labels) with
// @vscode/l10n, which knows nothing about VS Code. VS Code has already picked the bundle for the display language;
// handing it over here makes both layers speak the same language. Model: vscode-markdown-languageservice, whose
// host passes `vscode.l10n` contents to the host-agnostic library the same way.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Must run before anything asks the core for text. When VS Code runs in English no bundle is loaded
 * (`vscode.l10n.bundle` is undefined) and the core's English source strings are used as they are.
 */
export function shareLocalizationBundleWithCore(): void {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
}
