// The pseudo-locale's text rules, shared by the unit tier (which configures @vscode/l10n in-process) and the E2E
// tier (which installs pseudo-translated bundles into a real VS Code). A translated message reads ⟪message⟫, so any
// prose a user sees outside those brackets bypassed the translation bundles.

type BundleEntry = string | { message: string; comment: string[] };

/**
 * Maps every message of a bundle (l10n/bundle.l10n.json or package.nls.json) to ⟪message⟫, placeholders kept.
 * `fenceValues` closes the brackets around each {n} and fences it with `|` (⟪got ⟫|{0}|⟪⟫): a value then sits
 * outside the brackets and is judged on its own, so an English phrase passed in as a value is caught too instead of
 * hiding inside the message that embeds it.
 */
export function pseudoTranslate(bundle: Readonly<Record<string, BundleEntry>>, { fenceValues = false } = {}): Record<string, string> {
  const pseudo: Record<string, string> = {};
  for (const [key, value] of Object.entries(bundle)) {
    const message = typeof value === 'string' ? value : value.message;
    pseudo[key] = `⟪${fenceValues ? message.replace(/\{(\d+)\}/g, '⟫|{$1}|⟪') : message}⟫`;
  }
  return pseudo;
}

/**
 * Runs of three or more words that are outside every ⟪…⟫ and outside `code`: prose that skipped the bundle.
 * Identifiers, numbers, code and punctuation between translated messages are not prose and are ignored.
 */
export function untranslatedProse(text: string): string[] {
  let rest = text;
  // Innermost brackets first, so a translated message that embeds another translated message is removed whole.
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(/⟪[^⟪⟫]*⟫/g, ' ');
  }
  rest = rest.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
  return rest.match(/[A-Za-z][a-z']+(?:[ ,]+[a-z][a-z']+){2,}/g) ?? [];
}
