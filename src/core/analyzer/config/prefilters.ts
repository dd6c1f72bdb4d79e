// Raw-text tests that decide whether a configuration file can hold an affinity setting at all. They must never be
// narrower than the rules (a missed word here is a missed finding), so they list every key the rules read.

import type { ConfigFormat } from './configFormats';

const STRUCTURED_WORDS = /sessionAffinity|session_affinity|consistentHash|sessionPersistence|stickiness|sticky|StickinessPolicy|client_?[Aa]ffinity_?[Ee]nabled|clientAffinityEnabled|session_affinity_enabled|sessionAffinityEnabledState|cookie_?[Bb]ased_?[Aa]ffinity|cookieBasedAffinity|load_?[Dd]istribution|stickySessions|nginx\.ingress\.kubernetes\.io\/(?:affinity|upstream-hash-by)|router\.openshift\.io\/(?:cookie_name|balance)/;

export function structuredAffinityPrefilter(text: string): boolean {
  return STRUCTURED_WORDS.test(text);
}

export function directiveAffinityPrefilter(format: Extract<ConfigFormat, 'nginx' | 'haproxy'>, text: string): boolean {
  return format === 'nginx' ? /\bupstream\b/.test(text) && /\b(?:ip_hash|sticky|hash)\b/.test(text) : /\b(?:balance|cookie|stick|persist|appsession)\b/.test(text);
}
