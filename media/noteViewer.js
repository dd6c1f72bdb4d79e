// Note viewer script. Loaded with a nonce under a CSP that allows nothing else. It never builds HTML from data:
// it only reads data-* attributes the extension rendered and posts a closed set of messages, which the extension
// validates again.
(function () {
  const vscode = acquireVsCodeApi();
  const body = document.body;
  const noteId = body.dataset.noteId;
  const fragment = body.dataset.fragment;


  function markTarget(slug) {
    const target = slug ? document.getElementById(slug) : null;
    if (!target) return null;
    for (const old of document.querySelectorAll('.sc-target')) old.classList.remove('sc-target');
    target.classList.add('sc-target');
    target.setAttribute('tabindex', '-1');
    return target;
  }

  function scrollToFragment(slug) {
    const target = markTarget(slug);
    if (target) {
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }
  }

  // A re-render of the same note (progress changed, notes reloaded) keeps the reader's scroll position.
  const previous = vscode.getState();
  if (body.dataset.keepScroll === 'true' && previous && previous.noteId === noteId && typeof previous.scrollY === 'number') {
    markTarget(fragment);
    window.scrollTo(0, previous.scrollY);
  } else {
    scrollToFragment(fragment);
  }

  const kept = vscode.getState();
  const sameNote = kept && kept.noteId === noteId;
  // The simulation panels keep their settings in the same state object (simPanels.js), per note.
  if (noteId) vscode.setState({ noteId: noteId, fragment: fragment || undefined, scrollY: sameNote ? kept.scrollY : 0, sims: sameNote ? kept.sims : undefined });
  if (window.StatecraftSimPanels) window.StatecraftSimPanels.start(vscode);

  let scrollTimer;
  window.addEventListener('scroll', function () {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(function () {
      const state = vscode.getState() || {};
      state.scrollY = window.scrollY;
      vscode.setState(state);
    }, 100);
  });

  document.addEventListener('click', function (event) {
    const element = event.target instanceof Element ? event.target.closest('a, button') : null;
    if (!element) return;
    if (element.tagName === 'BUTTON') {
      const action = element.getAttribute('data-action');
      switch (action) {
        case 'back': vscode.postMessage({ type: 'navigate', direction: 'back' }); break;
        case 'forward': vscode.postMessage({ type: 'navigate', direction: 'forward' }); break;
        case 'study': vscode.postMessage({ type: 'setStudied', studied: true }); break;
        case 'unstudy': vscode.postMessage({ type: 'setStudied', studied: false }); break;
        case 'bookmark': vscode.postMessage({ type: 'setBookmarked', bookmarked: true }); break;
        case 'unbookmark': vscode.postMessage({ type: 'setBookmarked', bookmarked: false }); break;
        case 'wizard': vscode.postMessage({ type: 'openWizard' }); break;
        case 'source': vscode.postMessage({ type: 'openSource' }); break;
      }
      return;
    }
    event.preventDefault();
    const targetNote = element.getAttribute('data-note-id');
    if (targetNote) {
      vscode.postMessage({ type: 'openNote', id: targetNote, fragment: element.getAttribute('data-note-fragment') || undefined, toSide: event.ctrlKey || event.metaKey });
      return;
    }
    if (element.hasAttribute('data-external-link')) {
      vscode.postMessage({ type: 'openExternal', url: element.getAttribute('href') });
      return;
    }
    const href = element.getAttribute('href');
    if (href && href.charAt(0) === '#' && href.length > 1) scrollToFragment(decodeURIComponent(href.slice(1)));
  });

  document.addEventListener('keydown', function (event) {
    if (event.altKey && event.key === 'ArrowLeft') vscode.postMessage({ type: 'navigate', direction: 'back' });
    if (event.altKey && event.key === 'ArrowRight') vscode.postMessage({ type: 'navigate', direction: 'forward' });
  });
})();
