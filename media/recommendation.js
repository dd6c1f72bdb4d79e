// Recommendation panel script (nonce-loaded, strict CSP). Posts only the panel's closed set of messages.
(function () {
  const vscode = acquireVsCodeApi();
  try {
    vscode.setState(JSON.parse(document.body.dataset.state || '{}'));
  } catch (e) {
    // a malformed state attribute only costs restoring after reload
  }
  document.addEventListener('click', function (event) {
    const element = event.target instanceof Element ? event.target.closest('a, button') : null;
    if (!element) return;
    if (element.tagName === 'BUTTON') {
      const action = element.getAttribute('data-action');
      if (action === 'save') vscode.postMessage({ type: 'saveDecisionRecord' });
      if (action === 'copy') vscode.postMessage({ type: 'copyMarkdown' });
      if (action === 'change') vscode.postMessage({ type: 'changeAnswers' });
      return;
    }
    event.preventDefault();
    const id = element.getAttribute('data-note-id');
    if (id) vscode.postMessage({ type: 'openNote', id: id, fragment: element.getAttribute('data-note-fragment') || undefined });
  });
})();
