// One place that builds webview pages: a strict CSP (no inline script or style, scripts only with a per-load
// nonce, nothing remote), assets only from media/ through asWebviewUri.
import * as vscode from 'vscode';
import { escapeHtml } from '../core/render/escapeHtml';

export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function contentSecurityPolicy(webview: vscode.Webview, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function webviewPage(options: {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  title: string;
  styles: readonly string[];
  /** One script, or several loaded in order (all from media/, all with the page's nonce). */
  script?: string;
  scripts?: readonly string[];
  body: string;
  bodyAttributes?: string;
}): string {
  const nonce = makeNonce();
  const asset = (file: string) => options.webview.asWebviewUri(vscode.Uri.joinPath(options.extensionUri, 'media', file)).toString();
  const scripts = [...(options.script ? [options.script] : []), ...(options.scripts ?? [])]
    .map((file) => `<script nonce="${nonce}" src="${asset(file)}"></script>`)
    .join('\n');
  const styles = options.styles.map((file) => `<link rel="stylesheet" href="${asset(file)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.webview, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(options.title)}</title>
</head>
<body ${options.bodyAttributes ?? ''}>
${options.body}
${scripts}
</body>
</html>`;
}
