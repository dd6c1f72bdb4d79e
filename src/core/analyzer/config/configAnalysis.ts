// The configuration-file side of the analyzer: reads a file in its format and runs the affinity rules. Formats with
// a tree-sitter grammar (HCL, Bicep) receive their parsed tree from the engine; the others are read here.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Finding } from '../types';
import type { AffinityHit } from './affinityHit';
import { findingForHit } from './affinityFindings';
import { at, literal, LineIndex, walkEntries, type ConfigNode } from './configTree';
import type { ConfigFormat } from './configFormats';
import { directiveAffinityPrefilter, structuredAffinityPrefilter } from './prefilters';
import { haproxyAffinity, nginxAffinity } from './directiveAffinityRules';
import { readHaproxy, readNginx } from './directiveSyntax';
import { readJson } from './jsonTree';
import { structuredAffinity } from './structuredAffinityRules';
import { bicepToConfig, hclToConfig } from './treeSitterConfig';
import { readYaml } from './yamlTree';

export interface ConfigAnalysis {
  readonly findings: readonly Finding[];
  /** Problems met while reading (syntax errors, limits): the findings cover what could be read. */
  readonly problems: readonly string[];
}

/** A cheap test on the raw text: false means no affinity rule can fire on this file, so it is never parsed. */
export function configPrefilter(format: ConfigFormat, text: string): boolean {
  return format === 'nginx' || format === 'haproxy' ? directiveAffinityPrefilter(format, text) : structuredAffinityPrefilter(text);
}

/** Analyses a configuration file read without tree-sitter (YAML, JSON, nginx, HAProxy). */
export function analyzeConfigText(text: string, format: Exclude<ConfigFormat, 'hcl' | 'bicep'>): ConfigAnalysis {
  const lines = new LineIndex(text);
  if (format === 'nginx' || format === 'haproxy') {
    const file = format === 'nginx' ? readNginx(text, lines) : readHaproxy(text, lines);
    const hits = format === 'nginx' ? nginxAffinity(file.directives, text, lines) : haproxyAffinity(file.directives, text, lines);
    return { findings: toFindings(hits, undefined), problems: file.problems };
  }
  const read = format === 'yaml' ? readYaml(text, lines) : readJson(text, lines);
  return { findings: structuredFindings(read.documents, text, lines), problems: read.problems };
}

/** Analyses a configuration file parsed by tree-sitter (HCL, Bicep). */
export function analyzeConfigTree(root: Node, text: string, format: 'hcl' | 'bicep'): ConfigAnalysis {
  const document = format === 'hcl' ? hclToConfig(root) : bicepToConfig(root);
  return { findings: structuredFindings([document], text, new LineIndex(text)), problems: [] };
}

function structuredFindings(documents: readonly ConfigNode[], text: string, lines: LineIndex): Finding[] {
  const hits = documents.flatMap((document) => structuredAffinity(document, text, lines));
  return toFindings(hits, hits.length > 0 ? replicaCount(documents) : undefined);
}

function toFindings(hits: readonly AffinityHit[], instances: number | undefined): Finding[] {
  return hits.map((hit) => findingForHit(hit, instances));
}

/**
 * The largest literal replica count in the file: Deployment/StatefulSet `spec.replicas`, HPA `spec.maxReplicas`,
 * compose `deploy.replicas`, Helm values `replicaCount`. Undefined when none is stated.
 */
export function replicaCount(documents: readonly ConfigNode[]): number | undefined {
  let best: number | undefined;
  const consider = (value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) best = Math.max(best ?? 0, value);
  };
  for (const document of documents) {
    consider(literal(at(document, 'spec', 'replicas')));
    consider(literal(at(document, 'spec', 'maxReplicas')));
    consider(literal(at(document, 'replicaCount')));
    walkEntries(document, (item, _parent, path) => {
      if (item.key === 'replicas' && path[path.length - 1] === 'deploy') consider(literal(item.value));
    });
  }
  return best;
}
