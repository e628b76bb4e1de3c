/* Figures too small to read on a phone (check decides: figures.py) carry a hidden "show larger"
   button. It opens the figure full-screen in a native modal <dialog>: focus moves in and stays
   there, Escape closes it, focus returns to the button. The figure fills the width at 100 %; the
   - and + buttons (or the - and + keys) zoom it, the frame scrolls, and the browser's own pinch
   zoom is left alone. Caption and description (the image's alt) are shown below it.
   Presentation only: started before tracking, so it works whatever the LMS does. */
(function (AC) {
  'use strict';
  var STEPS = [1, 1.5, 2, 3, 4];
  var viewer = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function button(cls, label, text) {
    var b = el('button', cls, text || label);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    return b;
  }

  function build() {
    var v = { step: 0, opener: null };
    v.dialog = el('dialog', 'ac-figure-viewer');
    var bar = el('div', 'ac-figure-bar');
    v.minus = button('ac-figure-zoom', AC.t('figureZoomOut'), '\u2212');
    v.level = el('span', 'ac-figure-level');
    v.level.setAttribute('aria-live', 'polite');
    v.plus = button('ac-figure-zoom', AC.t('figureZoomIn'), '+');
    v.close = button('ac-figure-close', AC.t('figureClose'));
    [v.minus, v.level, v.plus, v.close].forEach(function (n) { bar.appendChild(n); });
    // the frame scrolls a zoomed figure: focusable, so that arrow keys scroll it too
    v.frame = el('div', 'ac-figure-frame');
    v.frame.tabIndex = 0;
    v.frame.setAttribute('role', 'group');
    v.frame.setAttribute('aria-label', AC.t('figureFrame'));
    v.img = el('img');
    v.img.alt = '';   // the description is right below, as text
    v.text = el('div', 'ac-figure-text');
    v.frame.appendChild(v.img);
    v.frame.appendChild(v.text);
    v.dialog.appendChild(bar);
    v.dialog.appendChild(v.frame);
    document.body.appendChild(v.dialog);
    v.minus.addEventListener('click', function () { zoom(v, -1); });
    v.plus.addEventListener('click', function () { zoom(v, 1); });
    v.close.addEventListener('click', function () { v.dialog.close(); });
    v.dialog.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;   // the browser's own zoom
      var by = e.key === '+' || e.key === '=' ? 1 : e.key === '-' ? -1 : 0;
      if (by) { e.preventDefault(); zoom(v, by); }
    });
    v.dialog.addEventListener('close', function () {
      if (v.opener) v.opener.focus();
    });
    return v;
  }

  /** Zooms by `by` steps around the middle of what is in view. */
  function zoom(v, by) {
    var step = Math.max(0, Math.min(STEPS.length - 1, v.step + by));
    var f = v.frame;
    var x = (f.scrollLeft + f.clientWidth / 2) / (f.scrollWidth || 1);
    var y = (f.scrollTop + f.clientHeight / 2) / (f.scrollHeight || 1);
    show(v, step);
    f.scrollLeft = x * f.scrollWidth - f.clientWidth / 2;
    f.scrollTop = y * f.scrollHeight - f.clientHeight / 2;
  }

  function show(v, step) {
    v.step = step;
    v.img.style.width = STEPS[step] * 100 + '%';
    v.level.textContent = AC.t('figureZoomLevel', { percent: STEPS[step] * 100 });
    v.minus.setAttribute('aria-disabled', String(step === 0));
    v.plus.setAttribute('aria-disabled', String(step === STEPS.length - 1));
  }

  /** The caption as a name: what it says, less what is there for screen readers alone. */
  function name(caption) {
    var copy = caption.cloneNode(true);
    AC.$$('.visually-hidden', copy).forEach(function (n) { n.parentNode.removeChild(n); });
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  function open(opener) {
    var figure = opener.closest('figure');
    var img = figure && figure.querySelector('img');
    if (!img) return;
    var v = viewer || (viewer = build());
    var caption = figure.querySelector('figcaption');
    v.opener = opener;
    v.img.src = img.getAttribute('src');
    v.dialog.setAttribute('aria-label', caption ? name(caption) : AC.t('figureTitle'));
    v.text.textContent = '';
    if (caption) {
      var p = el('p', 'ac-figure-caption');
      Array.prototype.forEach.call(caption.childNodes, function (n) { p.appendChild(n.cloneNode(true)); });
      v.text.appendChild(p);
    }
    if (img.alt) {
      var d = el('p', 'ac-figure-description');
      d.appendChild(el('strong', '', AC.t('figureDescription') + ' '));
      d.appendChild(document.createTextNode(img.alt));
      v.text.appendChild(d);
    }
    show(v, 0);
    v.dialog.showModal();
    v.frame.scrollTop = v.frame.scrollLeft = 0;
    v.plus.focus();
  }

  AC.figures = {
    init: function () {
      if (typeof HTMLDialogElement === 'undefined') return;   // no dialog: the button stays hidden
      AC.$$('[data-ac="figure-open"]').forEach(function (b) {
        b.hidden = false;
        b.addEventListener('click', function () { open(b); });
      });
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
