// Affinity in nginx `upstream` blocks (http and stream contexts alike) and HAProxy backends. nginx: `ip_hash`,
// `sticky` (NGINX Plus, and open-source nginx since 1.29.6), `hash <key> [consistent]` keyed on the client. HAProxy:
// `balance source|rdp-cookie|hdr()|url_param` keyed on the client, `cookie … insert|prefix|rewrite` with per-server
// (or dynamic) cookies, `stick on|match|store-*`,
// `persist rdp-cookie`, `appsession`. A `stick-table` on its own is rate limiting or tracking, not affinity, and
// stays quiet; so do round robin, least connections and random.

import type { TextEdit } from '../types';
import { classifyHashKey, deleteLines, replaceWith, type AffinityHit } from './affinityHit';
import type { LineIndex } from './configTree';
import { TEMPLATE_MARK, type Directive } from './directiveSyntax';

interface Context {
  readonly text: string;
  readonly lines: LineIndex;
}

function removeLine(context: Context, directive: Directive): readonly TextEdit[] | undefined {
  const edit = deleteLines(context.text, context.lines, directive.range);
  return edit ? [edit] : undefined;
}

/** Affinity directives inside nginx `upstream` blocks, at any depth (http { upstream }, stream { upstream }). */
export function nginxAffinity(directives: readonly Directive[], text: string, lines: LineIndex): AffinityHit[] {
  const context = { text, lines };
  const hits: AffinityHit[] = [];
  const visit = (list: readonly Directive[], inUpstream: boolean): void => {
    for (const directive of list) {
      if (directive.block) {
        visit(directive.block, directive.name === 'upstream');
        continue;
      }
      if (!inUpstream) continue;
      const platform = 'nginx';
      if (directive.name === 'ip_hash') {
        hits.push({ pin: 'client-ip', platform, section: 'nginx', range: directive.range, removal: removeLine(context, directive) });
      } else if (directive.name === 'sticky') {
        const mode = directive.args[0]?.text ?? 'cookie';
        hits.push({ pin: mode === 'route' || mode === 'learn' ? 'key' : 'cookie', platform, section: 'nginx', range: directive.range, key: mode, removal: removeLine(context, directive) });
      } else if (directive.name === 'hash' && directive.args.length > 0) {
        const key = directive.args[0].text;
        const pin = classifyHashKey(key);
        if (pin) {
          hits.push({ pin, platform, section: pin === 'non-client-hash' ? 'consistent-hashing-is-not-affinity' : 'nginx', range: directive.range, key, removal: pin === 'non-client-hash' ? undefined : removeLine(context, directive) });
        }
      }
    }
  };
  visit(directives, false);
  return hits;
}

/** Sections where load balancing and persistence are configured. */
const PROXY_SECTIONS = new Set(['defaults', 'backend', 'listen']);

/** Affinity in HAProxy `defaults`, `backend` and `listen` sections. */
export function haproxyAffinity(sections: readonly Directive[], text: string, lines: LineIndex): AffinityHit[] {
  const context = { text, lines };
  const hits: AffinityHit[] = [];
  for (const section of sections) {
    if (!PROXY_SECTIONS.has(section.name) || !section.block) continue;
    const body = section.block;
    const consistent = body.some((line) => line.name === 'hash-type' && line.args.some((arg) => arg.text === 'consistent'));
    const serverCookies = body.some((line) => (line.name === 'server' || line.name === 'default-server' || line.name === 'server-template') && line.args.some((arg) => arg.text === 'cookie'));
    for (const line of body) {
      const args = line.args.map((arg) => arg.text);
      // An unknown value says nothing where it decides (the algorithm, the stick key); a templated cookie name does not
      // change whether a cookie pins clients, so `cookie` reads its literal mode words whatever the name is.
      const templated = args.some((arg) => arg.includes(TEMPLATE_MARK));
      if (templated && line.name !== 'cookie') continue;
      const platform = 'HAProxy';
      const hit = (pin: AffinityHit['pin'], removal?: readonly TextEdit[], key?: string): void => {
        hits.push({ pin, platform, section: pin === 'non-client-hash' ? 'consistent-hashing-is-not-affinity' : 'haproxy', range: line.range, key, removal: pin === 'non-client-hash' ? undefined : removal });
      };
      switch (line.name) {
        case 'balance': {
          const algorithm = args[0]?.toLowerCase() ?? '';
          const toRoundRobin = line.args[0] ? [replaceWith(line.args[0].range, 'roundrobin')] : undefined;
          if (algorithm === 'source') {
            hit('client-ip', toRoundRobin, 'source');
          } else if (algorithm.startsWith('rdp-cookie')) {
            hit('cookie', toRoundRobin, algorithm);
          } else if (algorithm.startsWith('hdr(') || algorithm === 'url_param') {
            const key = algorithm === 'url_param' ? args[1] ?? '' : algorithm.slice(4, algorithm.indexOf(')') < 0 ? undefined : algorithm.indexOf(')'));
            const pin = classifyHashKey(key);
            if (pin && (pin !== 'non-client-hash' || consistent)) hit(pin, toRoundRobin, key);
          } else if ((algorithm === 'uri' || algorithm === 'hash') && consistent) {
            const key = algorithm === 'uri' ? 'uri' : args[1] ?? '';
            const pin = classifyHashKey(key);
            if (pin) hit(pin, toRoundRobin, key);
          }
          break;
        }
        case 'cookie':
          // Persistence needs a mode that writes the cookie and servers that have a value for it (or `dynamic` ones);
          // a passive `cookie name` read from what another layer set is content switching, not client affinity.
          if (args.some((arg) => arg === 'insert' || arg === 'prefix' || arg === 'rewrite') && (serverCookies || args.includes('dynamic'))) {
            hit('cookie', removeLine(context, line), args[0]?.includes(TEMPLATE_MARK) ? undefined : args[0]);
          }
          break;
        case 'stick':
          if (['on', 'match', 'store-request', 'store-response'].includes(args[0] ?? '') && args[1]) {
            const pin = classifyHashKey(args[1]);
            hit(pin === 'client-ip' ? 'client-ip' : 'key', removeLine(context, line), args[1]);
          }
          break;
        case 'persist':
          if (args[0]?.startsWith('rdp-cookie')) hit('cookie', removeLine(context, line), args[0]);
          break;
        case 'appsession':
          if (args[0]) hit('cookie', removeLine(context, line), args[0]);
          break;
        default:
          break;
      }
    }
  }
  return hits;
}
