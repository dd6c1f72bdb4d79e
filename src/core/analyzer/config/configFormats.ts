// Which configuration format a file is, from its name and, where names are ambiguous, its first directives.
// VS Code has language ids for YAML, JSON and (with an extension) Terraform and Bicep, none for nginx or HAProxy,
// and real repositories name these files freely: `nginx.conf`, `default.conf`, `conf.d/api.conf`,
// `sites-available/example`, `haproxy.cfg`, `lb.cfg.tmpl`. So: usual names are recognised outright; any other
// `*.conf` / `*.cfg` / `*.tmpl` (and `*.j2` renderings of them) is sniffed.

/** Configuration formats the affinity rules read. `hcl` and `bicep` parse with tree-sitter, the rest in TypeScript. */
export type ConfigFormat = 'yaml' | 'json' | 'nginx' | 'haproxy' | 'hcl' | 'bicep';

export const CONFIG_FORMATS: readonly ConfigFormat[] = ['yaml', 'json', 'nginx', 'haproxy', 'hcl', 'bicep'];

/** What a file name alone says: a format, a candidate that needs its text sniffed, or nothing. */
export type NameVerdict = ConfigFormat | 'sniff' | undefined;

/** File extensions (after removing a template suffix) that are a format by name. */
const BY_EXTENSION: ReadonlyArray<readonly [RegExp, ConfigFormat]> = [
  [/\.ya?ml$/, 'yaml'],
  [/\.json$/, 'json'],
  [/\.(?:tf|tofu|tfvars)$/, 'hcl'],
  [/\.bicep$/, 'bicep'],
  [/\.nginx(?:conf)?$/, 'nginx'],
  [/^nginx\.conf$/, 'nginx'],
  [/^haproxy\.cfg$/, 'haproxy'],
];

/** Suffixes of templates rendered into a config file (`nginx.conf.j2`, `haproxy.cfg.tmpl`, `default.conf.template`). */
const TEMPLATE_SUFFIX = /\.(?:j2|jinja2?|tmpl|tpl|template|erb|mustache|ctmpl|gotmpl)$/;

/** Base names of JSON files that are never infrastructure (the prefilter would skip them anyway; this saves a read). */
const NOT_INFRASTRUCTURE_JSON = /^(?:package(?:-lock)?|tsconfig.*|jsconfig|composer|\.eslintrc|launch|settings|tasks|extensions)\.json$/;

/** The verdict from a (workspace-relative) path. */
export function configFormatFromName(fileName: string): NameVerdict {
  const normalized = fileName.replace(/\\/g, '/').toLowerCase();
  const segments = normalized.split('/');
  const base = segments[segments.length - 1] ?? '';
  if (NOT_INFRASTRUCTURE_JSON.test(base)) {
    return undefined;
  }
  const untemplated = base.replace(TEMPLATE_SUFFIX, '');
  for (const [pattern, format] of BY_EXTENSION) {
    if (pattern.test(untemplated)) {
      return format;
    }
  }
  const folder = segments[segments.length - 2] ?? '';
  if (folder === 'sites-available' || folder === 'sites-enabled' || /(?:^|\.)haproxy(?:\.|$)/.test(untemplated) && untemplated.endsWith('.cfg')) {
    return 'sniff';
  }
  if (/\.(?:conf|cfg)$/.test(untemplated) || base !== untemplated) {
    return 'sniff';
  }
  return undefined;
}

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

/** The format of a file from its name and text. */
export function configFormatFor(fileName: string, text: string): ConfigFormat | undefined {
  const verdict = configFormatFromName(fileName);
  return verdict === 'sniff' ? sniffDirectiveFormat(text) : verdict;
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

/** Comment syntax per format, for suppressions and the ignore command: line comments only. */
export function commentPrefixesFor(format: ConfigFormat): readonly string[] {
  switch (format) {
    case 'yaml':
    case 'nginx':
    case 'haproxy':
      return ['#'];
    case 'hcl':
      return ['#', '//'];
    case 'bicep':
    case 'json':
      return ['//'];
  }
}
