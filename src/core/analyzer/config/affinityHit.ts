// What an affinity rule found, before it becomes a Finding: how clients are pinned, on which platform, where, and
// the edit that would remove the affinity when one is safe to compute. Shared by the structured rules (YAML, JSON,
// HCL, Bicep) and the directive rules (nginx, HAProxy).

import type { TextEdit, TextRange } from '../types';
import type { LineIndex } from './configTree';

/**
 * How requests are pinned. `client-ip`: by the client's address; `cookie`: by a cookie the balancer sets or reads;
 * `key`: by a header, query parameter or session id; `non-client-hash`: a consistent hash on something that is not
 * the client (a URL), which spreads keys for cache locality and is not session affinity.
 */
export type PinKind = 'client-ip' | 'cookie' | 'key' | 'non-client-hash';

/** Sections of the sticky-sessions note, one per place affinity is configured (heading slugs). */
export type AffinitySection =
  | 'kubernetes-service'
  | 'ingress-nginx'
  | 'openshift-routes'
  | 'traefik'
  | 'istio-and-envoy-gateway'
  | 'gateway-api'
  | 'nginx'
  | 'haproxy'
  | 'aws-load-balancers'
  | 'azure'
  | 'google-cloud'
  | 'consistent-hashing-is-not-affinity';

export interface AffinityHit {
  readonly pin: PinKind;
  /** The product that applies the setting, shown in messages: "Kubernetes Service", "nginx", "HAProxy", … */
  readonly platform: string;
  readonly section: AffinitySection;
  readonly range: TextRange;
  /** What the hash or persistence is keyed on, as written (`$cookie_sid`, `x-user-id`), for key/non-client kinds. */
  readonly key?: string;
  /** How long the pin lasts, when the file says (Kubernetes `timeoutSeconds`). */
  readonly timeoutSeconds?: number;
  /** The change that removes the affinity. */
  readonly removal?: readonly TextEdit[];
}

/**
 * Classifies a hash key as written in nginx variables, ingress-nginx `upstream-hash-by`, HAProxy `balance hdr(…)` or
 * a header name: the client's address, another client identity (cookie, session id, user, token), or something
 * that is not the client (a URL, a host). Undefined when the key is a template or empty.
 */
export function classifyHashKey(key: string): PinKind | undefined {
  const lower = key.toLowerCase();
  if (lower.trim() === '' || lower.includes('\u0001')) {
    return undefined;
  }
  if (/remote_addr|realip|x[-_]forwarded[-_]for|x[-_]real[-_]ip|connecting[-_]ip|true[-_]client[-_]ip|client[-_]?ip|\bsrc\b|source/.test(lower)) {
    return 'client-ip';
  }
  if (/cookie|session|sess(?:ion)?[-_]?id|\bsid\b|_sid\b|jsessionid|user|token|auth|jwt|login|account|tenant|client|ssl_client|remote_user|customer|player|device/.test(lower)) {
    return 'key';
  }
  return 'non-client-hash';
}

/**
 * An edit deleting whole lines from the start of `range` to its end, when the range is alone on them (only
 * indentation or a YAML list dash before it, only space or a comment after). Undefined otherwise.
 */
export function deleteLines(text: string, lines: LineIndex, range: TextRange): TextEdit | undefined {
  const startOffset = lines.lineStart(range.start.line);
  const before = text.slice(startOffset, startOffset + range.start.character);
  if (!/^\s*(?:-\s+)?$/.test(before)) {
    return undefined;
  }
  const endLineStart = lines.lineStart(range.end.line);
  const nextLineStart = Math.min(lines.lineStart(range.end.line + 1), text.length);
  const after = text.slice(endLineStart + range.end.character, nextLineStart);
  if (!/^[\s;]*(?:#.*)?\s*$/.test(after)) {
    return undefined;
  }
  const end = lines.position(nextLineStart);
  return { range: { start: { line: range.start.line, character: 0 }, end }, newText: '' };
}

/** An edit replacing the text of `range` (a scalar value) with `newText`. */
export function replaceWith(range: TextRange, newText: string): TextEdit {
  return { range, newText };
}
