/**
 * The one slug function. Tree ids, search hits, webview anchors and cross-link fragments all use it, so a heading
 * "Latency vs Operational Simplicity" is `latency-vs-operational-simplicity` everywhere. It follows GitHub's rule
 * (lower-case, drop punctuation, spaces to hyphens) so links in notes also work when read on GitHub.
 */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
