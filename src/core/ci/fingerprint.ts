// Stable identities for findings, shared by baselines, SARIF `partialFingerprints` and GitLab Code Quality reports,
// so that one finding has one identity everywhere.
//
// A fingerprint hashes the rule, the workspace-relative file path and the text of the lines the finding spans with
// every whitespace character removed; never a line or column number. So inserting or deleting lines above a finding,
// re-indenting it or re-wrapping it keeps its fingerprint, and editing the flagged construct itself changes it (which
// is right: it is a different construct now). Neighbouring lines are deliberately left out: unrelated edits next to
// a finding would otherwise turn an accepted finding into a "new" one.
//
// Identical constructs in one file (the same rule on two identical lines) would collide, so each fingerprint ends
// with its occurrence number among the findings of the file with the same hash, counted in position order, as
// GitHub's own `primaryLocationLineHash` does ("<hash>:<n>").

import type { Finding } from '../analyzer/types';

/** The SARIF `partialFingerprints` key: versioned, so a change of the algorithm is a new key, not a silent mismatch. */
export const FINGERPRINT_KEY = 'statecraft/v1';

/** A flagged construct spanning more lines than this is hashed from its first lines only (bounded work per finding). */
const MAX_HASHED_LINES = 50;

/**
 * The fingerprints of one file's findings, in the order of `findings`. `file` is the path relative to the workspace
 * root with `/` separators (the same file must get the same path on every machine); `text` the file's content.
 */
export function fingerprintFindings(file: string, text: string, findings: readonly Finding[]): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const hashes = findings.map((finding) => {
    const first = finding.range.start.line;
    const last = Math.min(finding.range.end.line, first + MAX_HASHED_LINES - 1);
    const construct = lines.slice(first, last + 1).join('\n').replace(/\s+/gu, '');
    return fnv1a64(`${finding.rule}\u0000${file}\u0000${construct}`);
  });
  const byPosition = findings.map((_, index) => index).sort((a, b) => comparePositions(findings[a], findings[b]) || a - b);
  const seen = new Map<string, number>();
  const result: string[] = new Array<string>(findings.length);
  for (const index of byPosition) {
    const occurrence = (seen.get(hashes[index]) ?? 0) + 1;
    seen.set(hashes[index], occurrence);
    result[index] = `${hashes[index]}:${occurrence}`;
  }
  return result;
}

function comparePositions(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes, as 16 hex digits. Not cryptographic (nothing here is secret or adversarial:
 * a collision only merges two findings of the same rule in the same file); chosen because the core runs in browsers
 * and workers too, where node:crypto is missing, and 64 bits keep accidental collisions out of reach.
 */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/** FNV-1a, 32 bits, over the UTF-8 bytes: a cheap, platform-independent hash for bucketing (shards). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash;
}
