// The postmortem preview's only script (loaded with the CSP nonce). It receives already-sanitised HTML from
// the extension, shows it, and keeps the preview and the editor scrolled to the same place.
//
// Messages in:  {type: 'update', html, line?, uri}  {type: 'scroll', line}
// Messages out: {type: 'ready'}  {type: 'reveal', line}  {type: 'shown', uri (of the update shown), ...what the reader sees, see `seen()`}
(function () {
  'use strict';

  /** @type {{ postMessage(message: unknown): void } | undefined} */
  // acquireVsCodeApi exists only inside a VS Code webview; the browser safety test loads this file bare.
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const content = document.getElementById('pm-content');
  if (!content) return;

  // The renderer already sanitised the HTML; this is a second, independent net in case a bug lets
  // something through. It works on an inert document (DOMParser runs no scripts and loads nothing).
  const DROP =
    'script,style,link,meta,base,iframe,frame,frameset,object,embed,applet,form,input,button,textarea,select,template,noscript,foreignObject,use,animate,set,image,audio,video,source,track';
  /** @param {Element} root */
  function scrub(root) {
    for (const element of Array.from(root.querySelectorAll(DROP))) {
      // A disabled task-list checkbox is the one input Markdown makes.
      if (element.localName === 'input' && element.getAttribute('type') === 'checkbox' && element.hasAttribute('disabled')) continue;
      element.remove();
    }
    for (const element of Array.from(root.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (
          name.startsWith('on') ||
          name === 'style' ||
          name === 'srcdoc' ||
          name === 'formaction' ||
          ((name === 'href' || name === 'src' || name === 'xlink:href' || name === 'action') && /^(?:javascript|vbscript|data):/.test(value))
        ) {
          element.removeAttribute(attribute.name);
        }
      }
    }
  }

  /** @param {string} html */
  function show(html) {
    const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    scrub(parsed.body);
    content.replaceChildren(...Array.from(parsed.body.childNodes).map((node) => document.adoptNode(node)));
  }

  // Blocks that carry their source line; chart marks have one too but are not where the text is.
  function blocks() {
    return /** @type {HTMLElement[]} */ (Array.from(content.querySelectorAll('[data-line]:not(g)')));
  }

  // Scrolling we cause must not be echoed back to the editor, or the two would chase each other.
  let ignoreScrollUntil = 0;

  /** @param {number} line */
  function scrollToLine(line) {
    let before;
    let after;
    for (const element of blocks()) {
      const at = Number(element.dataset.line);
      if (at <= line) before = { element, at };
      else {
        after = { element, at };
        break;
      }
    }
    if (!before) {
      ignoreScrollUntil = Date.now() + 150;
      window.scrollTo(0, 0);
      return;
    }
    const top = before.element.getBoundingClientRect().top + window.scrollY;
    let y = top;
    // Between two blocks, go the same fraction of the way as the line is between their lines.
    if (after && after.at > before.at) {
      const nextTop = after.element.getBoundingClientRect().top + window.scrollY;
      y = top + ((line - before.at) / (after.at - before.at)) * (nextTop - top);
    }
    ignoreScrollUntil = Date.now() + 150;
    window.scrollTo(0, Math.max(0, y - 8));
  }

  function topLine() {
    for (const element of blocks()) {
      const box = element.getBoundingClientRect();
      if (box.bottom > 0) {
        const line = Number(element.dataset.line);
        // Partway through a tall block, estimate how far.
        if (box.top < 0 && box.height > 0) {
          const next = element.nextElementSibling;
          const nextLine = next instanceof HTMLElement && next.dataset.line ? Number(next.dataset.line) : line + 1;
          return Math.floor(line + (-box.top / box.height) * Math.max(0, nextLine - line));
        }
        return line;
      }
    }
    return 0;
  }

  let scrollPending = false;
  window.addEventListener('scroll', () => {
    if (!vscode || scrollPending || Date.now() < ignoreScrollUntil) return;
    scrollPending = true;
    requestAnimationFrame(() => {
      scrollPending = false;
      if (Date.now() >= ignoreScrollUntil) vscode.postMessage({ type: 'reveal', line: topLine() });
    });
  });

  /** @param {EventTarget | null} target */
  function markOf(target) {
    return target instanceof Element ? target.closest('g.pm-mark[data-line]') : null;
  }

  // A click on a chart mark, or Enter or Space on a focused one, shows its entry in the editor.
  content.addEventListener('click', (event) => {
    const mark = markOf(event.target);
    if (mark && vscode) vscode.postMessage({ type: 'reveal', line: Number(mark.getAttribute('data-line')) });
  });
  content.addEventListener('keydown', (event) => {
    const mark = markOf(event.target);
    if (!mark || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    if (vscode) vscode.postMessage({ type: 'reveal', line: Number(mark.getAttribute('data-line')) });
  });

  // Pointing at a mark or focusing it writes its entry under the chart (as text: it is the mark's own title).
  /** @param {Element | null} mark */
  function readOut(mark) {
    const figure = mark ? mark.closest('.pm-chart') : null;
    const readout = figure ? figure.querySelector('.pm-chart-readout') : null;
    if (!mark || !readout) return;
    for (const active of Array.from(content.querySelectorAll('.pm-mark.pm-active'))) active.classList.remove('pm-active');
    mark.classList.add('pm-active');
    const title = mark.querySelector('title');
    readout.textContent = title ? title.textContent : '';
    readout.classList.add('pm-active');
  }
  content.addEventListener('mouseover', (event) => readOut(markOf(event.target)));
  content.addEventListener('focusin', (event) => readOut(markOf(event.target)));

  // What a reader of this update sees, measured in the page (the integration tests check it): the smallest
  // chart text as drawn, the editor's font size VS Code gives the webview, and the placeholders on screen.
  function seen() {
    let chartTextPx = null;
    for (const text of Array.from(content.querySelectorAll('svg.pm-chart-svg text'))) {
      const matrix = text instanceof SVGGraphicsElement ? text.getScreenCTM() : null;
      const size = parseFloat(getComputedStyle(text).fontSize) * (matrix ? Math.abs(matrix.d) : 1);
      if (chartTextPx === null || size < chartTextPx) chartTextPx = size;
    }
    const editorFontPx = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-size')) || null;
    const placeholders = Array.from(content.querySelectorAll('.pm-placeholder'))
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => element.textContent || '');
    return { chartTextPx, editorFontPx, placeholders };
  }

  let updates = 0;
  /** The uri of an update shown while the page was not laid out yet: it is reported once the page is. */
  let unreported = null;
  function reportShown(uri) {
    // Only what is laid out can be measured.
    if (!vscode || content.getClientRects().length === 0) {
      unreported = { uri };
      return;
    }
    unreported = null;
    vscode.postMessage({ type: 'shown', updates, uri, ...seen() });
  }
  // A webview being moved to another group, or still being placed, can take an update before it is
  // laid out; it reports what it shows when it is (a hidden panel's webview reloads when shown instead).
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      if (unreported) reportShown(unreported.uri);
    }).observe(content);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.html === 'string') {
      show(message.html);
      if (typeof message.line === 'number') scrollToLine(message.line);
      // Tests wait for this rather than for a fixed time.
      content.dataset.updates = String(++updates);
      reportShown(message.uri);
    } else if (message.type === 'scroll' && typeof message.line === 'number') {
      scrollToLine(message.line);
    }
  });

  if (vscode) vscode.postMessage({ type: 'ready' });
})();
