/* Codes of the resume state (core/state.js): a question's response in a fixed width, and the
   checks that let a newer version of the course tell whether a saved code still means what it
   meant. Codes refer to ids sorted by code point (AC.sorted), not to the authored order. */
(function (AC) {
  'use strict';
  var b62 = AC.b62;
  var val = AC.unb62;
  // 0 = not set
  function code(list, id) { return list.indexOf(id) + 1; }

  /** `n` base-62 characters of a hash of `text`. */
  function digest(text, n) {
    var h = AC.hash(text);
    var out = '';
    for (var i = 0; i < n; i++) { out += b62(h % 62); h = Math.floor(h / 62); }
    return out;
  }

  /** Two characters that change when what a question's codes refer to changes (its type, its
      choices or its prompts): an answer saved against other choices is dropped, not misread. */
  function check(q) {
    return digest(q.type + ':' + AC.sorted(q.choices).join(',') + '|' + AC.sorted(q.prompts).join(','), 2);
  }

  /** Encoder/decoder of one question's response; null when it cannot be saved. */
  function codec(q) {
    var ch = AC.sorted(q.choices);
    var n = ch.length;
    if (q.type === 'truefalse') {
      return { w: 1,
        enc: function (v) { return v === true ? 't' : v === false ? 'f' : null; },
        dec: function (s) { return s === 't' ? true : s === 'f' ? false : undefined; } };
    }
    if (q.type === 'multiple') {
      var w = Math.ceil(n / 5);
      return { w: w,
        enc: function (v) {
          if (!v || !v.length) return null;
          var out = '';
          for (var c = 0; c < w; c++) {
            var bits = 0;
            for (var b = 0; b < 5; b++) if (v.indexOf(ch[c * 5 + b]) >= 0) bits |= 1 << b;
            out += b62(bits);
          }
          return out;
        },
        dec: function (s) {
          var out = [];
          for (var i = 0; i < n; i++) {
            var bits = val(s.charAt(Math.floor(i / 5)));
            if (bits < 0 || bits > 31) return undefined;
            if (bits & (1 << (i % 5))) out.push(ch[i]);
          }
          return out.length ? out : undefined;
        } };
    }
    if (n > 61) return null;
    if (q.type === 'single') {
      return { w: 1,
        enc: function (v) { var c = code(ch, v); return c ? b62(c) : null; },
        dec: function (s) { return ch[val(s) - 1]; } };
    }
    // ordering: {choiceId: position}; matching: {promptId: choiceId}
    var isOrder = q.type === 'ordering';
    var slots = isOrder ? ch : AC.sorted(q.prompts);
    if (!isOrder && q.type !== 'matching') return null;
    if (slots.length > 61) return null;
    return { w: slots.length,
      enc: function (v) {
        if (!v) return null;
        var any = false;
        var out = slots.map(function (slot) {
          var c = isOrder ? Number(v[slot]) || 0 : code(ch, v[slot]);
          if (c < 0 || c > n) c = 0;
          if (c) any = true;
          return b62(c);
        }).join('');
        return any ? out : null;
      },
      dec: function (s) {
        var out = {};
        for (var i = 0; i < slots.length; i++) {
          var c = val(s.charAt(i));
          if (c < 0 || c > n) return undefined;
          if (c) out[slots[i]] = isOrder ? c : ch[c - 1];
        }
        return out;
      } };
  }

  AC.codec = { codec: codec, check: check, digest: digest };
})(window.AICOURSE = window.AICOURSE || {});
