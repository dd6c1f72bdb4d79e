// Affinity settings in structured configuration (Kubernetes, Helm values, compose, Istio, Gateway API, Traefik,
// CloudFormation/SAM, ARM, Terraform, Bicep), matched by key over the ConfigNode tree of any format. Keys are
// specific enough that one pass serves every format: `sessionAffinity` (Kubernetes, GKE), `session_affinity`
// (Terraform google/kubernetes providers), `stickiness` (Terraform AWS), `Key: stickiness.enabled` (CloudFormation),
// `clientAffinityEnabled` (ARM/Bicep), and so on. Only literal values fire: an unknown value (a variable, a template,
// an intrinsic function) says nothing, and so do `None`, `NONE`, `false` and `Disabled`.

import type { TextEdit } from '../types';
import { classifyHashKey, deleteLines, replaceWith, type AffinityHit, type PinKind } from './affinityHit';
import { at, entry, literal, literalText, walkEntries, type ConfigEntry, type ConfigMap, type ConfigNode, type LineIndex } from './configTree';

const TRUE_TEXT = new Set(['true', 'yes', 'on', '1']);

function isTrue(node: ConfigNode | undefined): boolean {
  const text = literalText(node);
  return text !== undefined && TRUE_TEXT.has(text);
}

/** GKE and Google Cloud affinity types, and how each pins. */
function googleAffinity(value: string): PinKind | undefined {
  const upper = value.toUpperCase();
  if (upper === 'NONE' || upper === '') return undefined;
  if (upper.startsWith('CLIENT_IP')) return 'client-ip';
  if (upper.includes('COOKIE')) return 'cookie';
  if (upper === 'HEADER_FIELD') return 'key';
  return undefined;
}

/** Finds the affinity settings in one document. */
export function structuredAffinity(document: ConfigNode, text: string, lines: LineIndex): AffinityHit[] {
  const hits: AffinityHit[] = [];
  const del = (target: ConfigEntry): readonly TextEdit[] | undefined => {
    const edit = deleteLines(text, lines, target.range);
    return edit ? [edit] : undefined;
  };
  const traefikLabelParents = new Set<ConfigMap>();

  walkEntries(document, (item, parent) => {
    const { key, value } = item;
    const valueText = literalText(value);
    switch (key) {
      case 'sessionAffinity': {
        if (valueText === 'clientip') {
          // Kubernetes Service (and Helm values that template one).
          const timeout = literal(at(parent, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'));
          hits.push({ pin: 'client-ip', platform: 'Kubernetes Service', section: 'kubernetes-service', range: item.range, timeoutSeconds: typeof timeout === 'number' ? timeout : 10800, removal: [replaceWith(value.range, 'None')] });
        } else if (value.kind === 'map') {
          // GKE BackendConfig: sessionAffinity.affinityType.
          const type = entry(value, 'affinityType');
          const typeText = literal(type?.value);
          const pin = typeof typeText === 'string' ? googleAffinity(typeText) : undefined;
          if (type && pin) hits.push({ pin, platform: 'GKE BackendConfig', section: 'google-cloud', range: type.range, removal: [replaceWith(type.value.range, 'NONE')] });
        }
        return;
      }
      case 'session_affinity': {
        const raw = literal(value);
        if (typeof raw !== 'string') return;
        if (raw === 'ClientIP') {
          hits.push({ pin: 'client-ip', platform: 'Kubernetes Service', section: 'kubernetes-service', range: item.range, timeoutSeconds: 10800, removal: [replaceWith(value.range, '"None"')] });
        }
        const pin = googleAffinity(raw);
        if (pin && raw !== 'ClientIP') hits.push({ pin, platform: 'Google Cloud load balancing', section: 'google-cloud', range: item.range, removal: [replaceWith(value.range, '"NONE"')] });
        return;
      }
      case 'consistentHash':
        if (value.kind === 'map') hits.push(...consistentHash(item, value));
        return;
      case 'sessionPersistence':
        if (value.kind === 'map') {
          const type = literalText(at(value, 'type')) ?? 'cookie';
          hits.push({ pin: type === 'header' ? 'key' : 'cookie', platform: 'Gateway API', section: 'gateway-api', range: item.range, key: literal(at(value, 'sessionName'))?.toString(), removal: del(item) });
        }
        return;
      case 'stickiness':
        if (value.kind === 'map') {
          const hit = terraformStickiness(item, value);
          if (hit) hits.push(hit);
        }
        return;
      case 'sticky':
        // Traefik CRDs and file provider: sticky: { cookie: { … } }.
        if (value.kind === 'map' && entry(value, 'cookie') && literalText(at(value, 'cookie')) !== 'false') {
          hits.push({ pin: 'cookie', platform: 'Traefik', section: 'traefik', range: item.range, removal: del(item) });
        }
        return;
      case 'Key':
        // CloudFormation / SAM: TargetGroupAttributes: [{ Key: stickiness.enabled, Value: "true" }].
        if (valueText === 'stickiness.enabled') {
          const flag = entry(parent, 'Value');
          if (flag && isTrue(flag.value)) {
            hits.push({ pin: 'cookie', platform: 'AWS Elastic Load Balancing', section: 'aws-load-balancers', range: parent.range, removal: [replaceWith(flag.value.range, quoteLike(text, lines, flag.value, 'false'))] });
          }
        }
        return;
      case 'LBCookieStickinessPolicy':
      case 'AppCookieStickinessPolicy':
        if (value.kind === 'seq' && value.items.length > 0) hits.push({ pin: 'cookie', platform: 'AWS Classic Load Balancer', section: 'aws-load-balancers', range: item.range });
        return;
      case 'resource':
        if (value.kind === 'map' && (value.labels[0] === 'aws_lb_cookie_stickiness_policy' || value.labels[0] === 'aws_app_cookie_stickiness_policy')) {
          hits.push({ pin: 'cookie', platform: 'AWS Classic Load Balancer', section: 'aws-load-balancers', range: item.keyRange });
        }
        return;
      case 'client_affinity_enabled':
      case 'clientAffinityEnabled':
        if (literal(value) === true || valueText === 'true') hits.push({ pin: 'cookie', platform: 'Azure App Service', section: 'azure', range: item.range, removal: [replaceWith(value.range, quoteLike(text, lines, value, 'false'))] });
        return;
      case 'session_affinity_enabled':
        if (literal(value) === true) hits.push({ pin: 'cookie', platform: 'Azure Front Door', section: 'azure', range: item.range, removal: [replaceWith(value.range, 'false')] });
        return;
      case 'sessionAffinityEnabledState':
        if (valueText === 'enabled') hits.push({ pin: 'cookie', platform: 'Azure Front Door', section: 'azure', range: item.range, removal: [replaceWith(value.range, quoteLike(text, lines, value, 'Disabled'))] });
        return;
      case 'cookieBasedAffinity':
      case 'cookie_based_affinity':
        if (valueText === 'enabled') hits.push({ pin: 'cookie', platform: 'Azure Application Gateway', section: 'azure', range: item.range, removal: [replaceWith(value.range, quoteLike(text, lines, value, 'Disabled'))] });
        return;
      case 'loadDistribution':
      case 'load_distribution':
        if (valueText === 'sourceip' || valueText === 'sourceipprotocol') hits.push({ pin: 'client-ip', platform: 'Azure Load Balancer', section: 'azure', range: item.range, removal: [replaceWith(value.range, quoteLike(text, lines, value, 'Default'))] });
        return;
      case 'stickySessions':
        if (literalText(at(value, 'affinity')) === 'sticky') hits.push({ pin: 'cookie', platform: 'Azure Container Apps', section: 'azure', range: item.range });
        return;
      case 'labels':
        if (value.kind === 'seq') hits.push(...traefikListLabels(value.items, text, lines));
        return;
      default:
        break;
    }
    if (key.startsWith('nginx.ingress.kubernetes.io/')) {
      const name = key.slice('nginx.ingress.kubernetes.io/'.length);
      if (name === 'affinity' && valueText === 'cookie') {
        hits.push({ pin: 'cookie', platform: 'ingress-nginx', section: 'ingress-nginx', range: item.range, removal: del(item) });
      } else if (name === 'upstream-hash-by' && typeof literal(value) === 'string') {
        const hashKey = String(literal(value));
        const pin = classifyHashKey(hashKey);
        if (pin) hits.push({ pin, platform: 'ingress-nginx', section: pin === 'non-client-hash' ? 'consistent-hashing-is-not-affinity' : 'ingress-nginx', range: item.range, key: hashKey, removal: pin === 'non-client-hash' ? undefined : del(item) });
      }
    } else if (key === 'router.openshift.io/cookie_name' || key === 'haproxy.router.openshift.io/balance') {
      const hit = openShiftRoute(item, parent, text, lines);
      if (hit) hits.push(hit);
    } else if (/target-group-attributes$/.test(key) && /stickiness\.enabled\s*=\s*true/i.test(String(literal(value) ?? ''))) {
      // AWS Load Balancer Controller annotations on an Ingress or a Service.
      hits.push({ pin: 'cookie', platform: 'AWS Load Balancer Controller', section: 'aws-load-balancers', range: item.range });
    } else if (isTraefikStickyLabel(key, valueText) && !traefikLabelParents.has(parent) && !parent.entries.some((label) => isSwarmBalanced(label.key, literalText(label.value)))) {
      // Several labels configure one sticky cookie (name, secure, httpOnly): one hint per label set.
      traefikLabelParents.add(parent);
      hits.push({ pin: 'cookie', platform: 'Traefik', section: 'traefik', range: item.range, removal: del(item) });
    }
  });
  return hits;
}

/** Traefik sticky-cookie labels: v2/v3 `…loadbalancer.sticky.cookie[.name|…]`, v1 `…loadbalancer.stick(y|iness)`. */
function isTraefikStickyLabel(key: string, value: string | undefined): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('traefik.') && /\.(?:sticky|stickiness)(?:\.cookie)?(?:\.[a-z]+)?$/.test(lower) && value !== undefined && value !== 'false';
}

/**
 * `traefik.docker.lbswarm=true` (v2) or `traefik.swarm.lbswarm=true` (v3): Traefik sends every request to the Swarm
 * service's virtual IP and lets Swarm balance, so a sticky cookie has a single server to name and pins nobody.
 */
function isSwarmBalanced(key: string, value: string | undefined): boolean {
  return /^traefik\.(?:docker|swarm)\.lbswarm$/i.test(key.trim()) && value === 'true';
}

/** compose `labels:` given as a list of "key=value" strings. */
function traefikListLabels(items: readonly ConfigNode[], text: string, lines: LineIndex): AffinityHit[] {
  const pairs = items.map((item) => literal(item)).filter((label): label is string => typeof label === 'string').map((label) => label.split('=', 2));
  if (pairs.some(([key, value]) => isSwarmBalanced(key, value?.trim().toLowerCase()))) {
    return [];
  }
  for (const item of items) {
    const label = literal(item);
    if (typeof label !== 'string') continue;
    const equals = label.indexOf('=');
    const key = equals < 0 ? label : label.slice(0, equals);
    const value = equals < 0 ? 'true' : label.slice(equals + 1).trim().toLowerCase();
    if (isTraefikStickyLabel(key.trim(), value)) {
      const edit = deleteLines(text, lines, item.range);
      return [{ pin: 'cookie', platform: 'Traefik', section: 'traefik', range: item.range, removal: edit ? [edit] : undefined }];
    }
  }
  return [];
}

/**
 * OpenShift Route annotations. The router pins HTTP routes with a cookie unless `disable_cookies` says otherwise;
 * `router.openshift.io/cookie_name` names that cookie, so it is stated affinity (a bare Route is the router's default
 * and is left alone). `haproxy.router.openshift.io/balance: source` hashes the client address.
 */
function openShiftRoute(item: ConfigEntry, annotations: ConfigMap, text: string, lines: LineIndex): AffinityHit | undefined {
  const platform = 'OpenShift router';
  const section = 'openshift-routes';
  const value = literalText(item.value);
  if (item.key === 'haproxy.router.openshift.io/balance') {
    return value === 'source' ? { pin: 'client-ip', platform, section, range: item.range, removal: [replaceWith(item.value.range, quoteLike(text, lines, item.value, 'roundrobin'))] } : undefined;
  }
  const cookie = literal(item.value);
  if (typeof cookie !== 'string' || literalText(at(annotations, 'haproxy.router.openshift.io/disable_cookies')) === 'true') {
    return undefined;
  }
  // Dropping the name would bring back the router's default cookie: the change that removes affinity turns cookies off.
  const jsonKey = text[lines.lineStart(item.keyRange.start.line) + item.keyRange.start.character] === '"';
  const disable = jsonKey ? '"haproxy.router.openshift.io/disable_cookies": "true"' : 'haproxy.router.openshift.io/disable_cookies: "true"';
  return { pin: 'cookie', platform, section, range: item.range, key: cookie, removal: [replaceWith(item.range, disable)] };
}

/** Istio DestinationRule `loadBalancer.consistentHash` and Envoy Gateway `consistentHash.type`. */
function consistentHash(item: ConfigEntry, value: ConfigMap): AffinityHit[] {
  const platform = entry(value, 'type') ? 'Envoy Gateway' : 'Istio';
  const section = 'istio-and-envoy-gateway';
  const cookie = entry(value, 'httpCookie') ?? entry(value, 'cookie');
  const type = literalText(at(value, 'type'));
  if (type === 'sourceip' || isTrue(at(value, 'useSourceIp'))) {
    return [{ pin: 'client-ip', platform, section, range: item.range }];
  }
  if (cookie && (type === undefined || type === 'cookie')) {
    // The cookie name is required by Istio and Envoy Gateway; when it is a template placeholder the block is a Helm
    // chart's alternative (`if header … else cookie`), and what the rendered rule hashes on is not known here.
    const name = literal(at(cookie.value, 'name'));
    return typeof name === 'string' ? [{ pin: 'cookie', platform, section, range: item.range, key: name }] : [];
  }
  const header = literal(at(value, 'httpHeaderName')) ?? literal(at(value, 'header', 'name')) ?? literal(at(value, 'httpQueryParameterName'));
  if (typeof header === 'string') {
    const pin = classifyHashKey(header);
    if (pin === 'non-client-hash') {
      return [{ pin, platform, section: 'consistent-hashing-is-not-affinity', range: item.range, key: header }];
    }
    return pin ? [{ pin, platform, section, range: item.range, key: header }] : [];
  }
  return [];
}

/** Terraform `stickiness { … }` (aws_lb_target_group) or `stickiness = { … }` (modules). Enabled unless `false`. */
function terraformStickiness(item: ConfigEntry, value: ConfigMap): AffinityHit | undefined {
  const enabled = entry(value, 'enabled');
  const type = literalText(at(value, 'type'));
  if (enabled) {
    if (literal(enabled.value) !== true && literalText(enabled.value) !== 'true') return undefined;
  } else if (type === undefined) {
    return undefined;
  }
  const removal = enabled ? [replaceWith(enabled.value.range, 'false')] : undefined;
  return { pin: type === 'source_ip' ? 'client-ip' : 'cookie', platform: 'AWS Elastic Load Balancing', section: 'aws-load-balancers', range: item.range, removal };
}

/** `replacement` in the quoting the file used for `node` ('…', "…" or bare). */
function quoteLike(text: string, lines: LineIndex, node: ConfigNode, replacement: string): string {
  const offset = lines.lineStart(node.range.start.line) + node.range.start.character;
  const quote = text[offset];
  return quote === '"' || quote === "'" ? `${quote}${replacement}${quote}` : replacement;
}
