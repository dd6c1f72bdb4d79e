// Content sniffing for configuration files whose names do not decide their format. VS Code has language ids for
// YAML, JSON and (with an extension) Terraform and Bicep, none for nginx or HAProxy, and real repositories name these
// files freely: `nginx.conf`, `default.conf`, `conf.d/api.conf`, `sites-available/example`, `haproxy.cfg`,
// `lb.cfg.tmpl`. The file-kind table (languages.ts) lists the names; these functions decide from the text.

/** Configuration formats the affinity rules read. `hcl` and `bicep` parse with tree-sitter, the rest in TypeScript. */
export type ConfigFormat = 'yaml' | 'json' | 'nginx' | 'haproxy' | 'hcl' | 'bicep';

export const CONFIG_FORMATS: readonly ConfigFormat[] = ['yaml', 'json', 'nginx', 'haproxy', 'hcl', 'bicep'];

/** nginx directives that open blocks at the top of a file or of an included snippet. */
const NGINX_OPENERS = /^(?:upstream|server|http|events|stream|location|map|geo|split_clients|mail)\b[^;{]*\{/;
/** nginx directives seen at the top level of nginx.conf or of a conf.d snippet. */
const NGINX_SIMPLE = /^(?:user|worker_processes|worker_rlimit_nofile|pid|error_log|include|load_module|daemon|proxy_cache_path|log_format|access_log|limit_req_zone|limit_conn_zone|ssl_certificate|resolver|gzip|sendfile|keepalive_timeout|client_max_body_size|server_tokens|add_header|proxy_set_header|env|worker_cpu_affinity)\s[^;{]*;/;
const HAPROXY_SECTION = /^(?:global|defaults|frontend|backend|listen|peers|resolvers|userlist|program|cache|mailers|ring|http-errors)(?:\s|$)/;

/**
 * Decides nginx or HAProxy from the first few meaningful lines (comments, blank lines and template tags skipped):
 * HAProxy files open with a section keyword, nginx files with a block (`upstream x {`, `server {`) or a well-known
 * directive ending in `;`. Anything else (INI, systemd units, Apache) is undefined.
 */
export function sniffDirectiveFormat(text: string): 'nginx' | 'haproxy' | undefined {
  let seen = 0;
  let nginxVotes = 0;
  for (const raw of text.slice(0, 16_384).split('\n')) {
    const line = raw.replace(/\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}/g, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';') || line.startsWith('//')) continue;
    if (HAPROXY_SECTION.test(line) && !line.includes('{') && !line.endsWith(';')) {
      return 'haproxy';
    }
    if (NGINX_OPENERS.test(line)) {
      return 'nginx';
    }
    if (NGINX_SIMPLE.test(line)) {
      nginxVotes++;
      if (nginxVotes >= 2) return 'nginx';
    }
    if (++seen >= 12) break;
  }
  return nginxVotes > 0 ? 'nginx' : undefined;
}

/**
 * What kind of YAML document set a file holds, from its content: Kubernetes objects (`apiVersion` + `kind`), a
 * compose file (`services:` at the top), a CloudFormation/SAM template (`AWSTemplateFormatVersion`, or `Resources`
 * with `AWS::` types), or other YAML (Helm values, Traefik file-provider configuration) where only the specific keys
 * fire.
 */
export function yamlKind(text: string): 'kubernetes' | 'compose' | 'cloudformation' | 'other' {
  const head = text.slice(0, 65_536);
  if (/^AWSTemplateFormatVersion\s*:/m.test(head) || (/^Resources\s*:/m.test(head) && /Type\s*:\s*['"]?AWS::/.test(head))) return 'cloudformation';
  if (/^apiVersion\s*:/m.test(head) && /^kind\s*:/m.test(head)) return 'kubernetes';
  if (/^services\s*:/m.test(head)) return 'compose';
  return 'other';
}
