/* A question's inputs: reading and writing its answer, and the ordering list's move buttons
   (the list's order is the answer; each move is announced and focus stays on the button). */
(function (AC) {
  'use strict';
  var ORDER = 'data-ac-order';

  /** Choice ids in display order: by the saved positions, else `ids` unless that already is
      the answer (then the first goes last: the start is never the solution). */
  function arrange(ids, answer, v) {
    var out = ids.slice();
    if (v && Object.keys(v).length) {
      return out.sort(function (a, b) { return (v[a] || 1e3) - (v[b] || 1e3); });
    }
    if (out.length > 1 && out.join() === (answer || []).join()) out.push(out.shift());
    return out;
  }

  // {choice id: position} of the list as shown (the stored shape of an ordering answer); the
  // buttons that cannot move their item (first up, last down) say so.
  function order(fs) {
    var v = {};
    var list = AC.$$('[' + ORDER + ']', fs);
    list.forEach(function (li, i) {
      v[li.getAttribute(ORDER)] = i + 1;
      AC.$$('[data-ac-move]', li).forEach(function (b) {
        b.setAttribute('aria-disabled', String(i === (b.getAttribute('data-ac-move') === 'up' ? 0 : list.length - 1)));
      });
    });
    return v;
  }

  function read(fs, q) {
    if (q.type === 'ordering') return order(fs);
    var out = {};
    var checked = AC.$$('input:checked', fs).map(function (i) {
      var g = i.closest('[data-ac-match]');
      if (g) out[g.getAttribute('data-ac-match')] = i.value;
      return i.value;
    });
    if (q.type === 'matching') return out;
    if (q.type === 'single') return checked[0];
    if (q.type === 'truefalse') return checked.length ? checked[0] === 'true' : undefined;
    return checked;
  }

  /** Shows the answer `v`; `list` holds an ordering question's items in their start order. */
  function write(fs, q, v, list) {
    if (q.type === 'ordering') {
      var byId = {};
      list.forEach(function (li) { byId[li.getAttribute(ORDER)] = li; });
      arrange(list.map(function (li) { return li.getAttribute(ORDER); }), q.answer, v).forEach(function (id) {
        byId[id].parentNode.appendChild(byId[id]);
      });
      order(fs);
    }
    AC.$$('input', fs).forEach(function (i) {
      var g = i.closest('[data-ac-match]');
      var x = g ? v && v[g.getAttribute('data-ac-match')] : v;
      i.checked = x != null && (Array.isArray(x) ? x.indexOf(i.value) >= 0 : String(x) === i.value);
    });
  }

  /** A move button pressed: the neighbour changes place (the focused button never leaves the
      document), the new position is announced and the quiz hears a change. */
  function move(btn) {
    var li = btn.closest('[' + ORDER + ']');
    var fs = li.closest('[data-ac-question]');
    var up = btn.getAttribute('data-ac-move') === 'up';
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (other) li.parentNode.insertBefore(other, up ? li.nextSibling : li);
    var v = order(fs);
    var label = document.getElementById(btn.getAttribute('aria-labelledby').split(' ').pop());
    AC.announce(AC.t('orderMoved', { item: label.textContent.trim(), n: v[li.getAttribute(ORDER)],
      total: Object.keys(v).length }));
    if (other) fs.dispatchEvent(new Event('change', { bubbles: true }));
  }

  AC.answers = { arrange: arrange, read: read, write: write, move: move };
})(window.AICOURSE = window.AICOURSE || {});
