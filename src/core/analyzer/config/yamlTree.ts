// YAML → ConfigNode documents, with the `yaml` package's own parser (multi-document, source ranges). Aliases are
// never expanded (an alias is an unknown value here), so alias bombs cost nothing; template placeholders (`{{ }}`,
// `${ }`) are unknown values; nesting beyond MAX_CONFIG_DEPTH is cut; a syntax error keeps what was read before it.

import * as l10n from '@vscode/l10n';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { TEMPLATE_MARK } from './directiveSyntax';
import { LineIndex, MAX_CONFIG_DEPTH, UNKNOWN, type ConfigDocuments, type ConfigEntry, type ConfigNode, type ScalarValue } from './configTree';

/** Placeholders of Helm, Go templates, Jinja, envsubst and CloudFormation-style substitution. */
const TEMPLATE = /\{\{|\{%|\$\{|\u0001/;

/** Reads every document of a YAML text; never throws. */
export function readYaml(text: string, lines: LineIndex = new LineIndex(text)): ConfigDocuments {
  const problems: string[] = [];
  let parsed;
  try {
    parsed = parseAllDocuments(maskYamlTemplates(text), { uniqueKeys: false, strict: false, prettyErrors: false, stringKeys: false });
  } catch (error) {
    // The composer recurses per nesting level: a pathological depth ends here instead of in the caller.
    problems.push(l10n.t({ message: 'YAML could not be read: {0}', args: [error instanceof Error ? error.message : String(error)], comment: ['{0} is the parser\'s error message'] }));
    return { documents: [], problems };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const documents: ConfigNode[] = [];
  for (const document of list) {
    for (const error of document.errors.slice(0, 3)) {
      const where = lines.position(error.pos[0]);
      problems.push(l10n.t({ message: 'YAML syntax error at line {0}: {1}', args: [where.line + 1, error.code], comment: ['{0} is a 1-based line number, {1} the parser\'s error code'] }));
    }
    if (document.contents) {
      documents.push(convert(document.contents as YamlNode, lines, 0));
    }
  }
  return { documents, problems };
}

/**
 * Helm / Go-template / Jinja tags would break YAML syntax (`{{- if … }}` reads as a flow mapping). A line that is only
 * a tag becomes blank; a tag inside a line becomes a run of TEMPLATE_MARK, which reads as a plain scalar whose value
 * is unknown. Offsets and line breaks are kept, so ranges still point into the original text.
 */
export function maskYamlTemplates(text: string): string {
  if (!/\{[{%#]/.test(text)) {
    return text;
  }
  return text
    .split('\n')
    .map((line) => (/^\s*(?:\{\{[^\n]*?\}\}|\{%[^\n]*?%\}|\{#[^\n]*?#\})\s*$/.test(line) ? line.replace(/[^\r]/g, ' ') : line))
    .join('\n')
    .replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g, (tag) => tag.replace(/[^\n]/g, TEMPLATE_MARK));
}

function convert(node: YamlNode, lines: LineIndex, depth: number): ConfigNode {
  const range = lines.range(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  if (depth > MAX_CONFIG_DEPTH || isAlias(node)) {
    return { kind: 'scalar', value: UNKNOWN, range };
  }
  if (isMap(node)) {
    const entries: ConfigEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || typeof pair.key.value !== 'string' || TEMPLATE.test(pair.key.value)) {
        continue;
      }
      const key = pair.key as YamlNode;
      const value = pair.value ? convert(pair.value as YamlNode, lines, depth + 1) : { kind: 'scalar' as const, value: null, range: lines.range(key.range?.[1] ?? 0, key.range?.[1] ?? 0) };
      const keyStart = key.range?.[0] ?? 0;
      const end = (pair.value as YamlNode | null)?.range?.[1] ?? key.range?.[1] ?? keyStart;
      entries.push({ key: pair.key.value, keyRange: lines.range(keyStart, key.range?.[1] ?? keyStart), value, range: lines.range(keyStart, end) });
    }
    return { kind: 'map', entries, range, labels: [] };
  }
  if (isSeq(node)) {
    return { kind: 'seq', items: node.items.map((item) => (item && typeof item === 'object' ? convert(item as YamlNode, lines, depth + 1) : { kind: 'scalar' as const, value: null, range })), range };
  }
  if (isScalar(node)) {
    return { kind: 'scalar', value: scalarValue(node.value), range: lines.range(node.range?.[0] ?? 0, node.range?.[1] ?? 0) };
  }
  return { kind: 'scalar', value: UNKNOWN, range };
}

function scalarValue(value: unknown): ScalarValue {
  if (typeof value === 'string') {
    return TEMPLATE.test(value) ? UNKNOWN : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return value;
  }
  return UNKNOWN;
}
