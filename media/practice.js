// Practice panel script. Loaded with a nonce under the strict CSP. It reveals the points already in the page and
// posts a closed set of messages (grade, openNote), which the extension validates again. It never builds HTML.
(function () {
  const vscode = acquireVsCodeApi();
  const card = document.querySelector('.sc-card');
  const points = document.getElementById('sc-points');

  function reveal(button) {
    if (!points) return;
    points.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    button.hidden = true;
    const first = points.querySelector('button[data-grade]');
    if (first) first.focus();
  }

  document.addEventListener('click', function (event) {
    const element = event.target instanceof Element ? event.target.closest('a, button') : null;
    if (!element) return;
    if (element.getAttribute('data-action') === 'reveal') {
      reveal(element);
      return;
    }
    const grade = element.getAttribute('data-grade');
    if (grade && card) {
      for (const button of document.querySelectorAll('button[data-grade]')) button.disabled = true;
      vscode.postMessage({ type: 'grade', cardId: card.getAttribute('data-card-id'), grade: grade });
      return;
    }
    const noteId = element.getAttribute('data-note-id');
    if (noteId) {
      event.preventDefault();
      vscode.postMessage({ type: 'openNote', id: noteId });
    }
  });

  // Keyboard: Space or Enter on the page reveals; 1-4 grade once the points show (buttons stay the primary way).
  document.addEventListener('keydown', function (event) {
    if (!points || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.closest('button, a, input')) return;
    if (points.hidden && (event.key === ' ' || event.key === 'Enter')) {
      const button = document.querySelector('button[data-action="reveal"]');
      if (button) { event.preventDefault(); reveal(button); }
    } else if (!points.hidden && /^[1-4]$/.test(event.key)) {
      const buttons = document.querySelectorAll('button[data-grade]');
      buttons[Number(event.key) - 1].click();
    }
  });

  const reveal0 = document.querySelector('button[data-action="reveal"]');
  if (reveal0) reveal0.focus();
})();
