/* Compact resume state (cmi.suspend_data), keyed by the 3-character keys `k` of the boot config,
   never by positions, so it survives reordering and edits of the course.

   Grammar, version 1 (b62 = one character of [0-9A-Za-z], value 0..61; key = 3 b62):

     state     = "1" *section
     section   = visited / unvisited / quiz / survey / notes / groups
     visited   = "." *pagekey         pages seen; written when not longer than `unvisited`
     unvisited = "-" *pagekey         pages NOT seen; every other page of the config was seen
     quiz      = "!" quizkey attempts seed score phase *answer
       attempts = b62                 submitted attempts (capped at 61)
       seed     = 2b62                draw and shuffle of the current attempt (0..3843)
       score    = 2b62                last submitted score + 1 (1..101); 0 = none yet
       phase    = "a" / "s"           answering / submitted (result shown)
       answer   = questionkey response
     survey    = "~" surveykey ("a" / "s") *(itemkey b62)    item value 1..scale; "s" = sent
     notes     = "*" *reflectionkey   reflections that have text (the text stays in localStorage)
     groups    = "_" *(groupkey b62)  chosen option code 1..n

   Responses have a width fixed by the question (its type and number of choices/prompts). Codes
   refer to ids sorted by code point (AC.sorted), not to the authored order:
     single     1 char             code of the chosen choice (1..n)
     truefalse  1 char             "t" / "f"
     multiple   ceil(n/5) chars    5 bits per char; bit i set = sorted choice i chosen
     ordering   n chars            per sorted choice, its chosen position 1..n, 0 = not set
     matching   p chars            per sorted prompt, the chosen choice's code 1..n, 0 = not set
   Questions with more than 61 choices (or prompts) are not saved.

   Section tags are not b62, so a section ends at the next tag. An unknown key (the course was
   edited) ends the parsing of its own section only; the other sections survive.
   Worst case (state_budget.py mirrors it): 1 + (1 + 3*floor(pages/2)) + per quiz 10 + its largest
   `draw` answers (3 + width) + per survey 5 + 4*items + (1 + 3*reflections) + (1 + 4*groups).
   If a limit is ever exceeded, encode() drops the least important parts first (see PRIORITY). */
(function (AC) {
  'use strict';
  var TAGS = '.-!~*_';
  var cache = typeof WeakMap === 'function' ? new WeakMap() : null;

  /** Lookups from keys and ids to config entries, built once per config. */
  AC.index = function (config) {
    var ix = cache && cache.get(config);
    if (ix) return ix;
    ix = { pages: config.pages || [], page: {}, pageKey: {}, quiz: {}, quizKey: {},
      survey: {}, surveyKey: {}, refl: {}, reflKey: {}, group: {}, groupKey: {} };
    ix.pages.forEach(function (p) { ix.page[p.id] = p; ix.pageKey[p.k] = p; });
    function each(map, byId, byKey, extra) {
      Object.keys(map || {}).forEach(function (id) {
        var entry = { id: id, conf: map[id], k: map[id].k };
        if (extra) extra(entry);
        byId[id] = entry;
        byKey[entry.k] = entry;
      });
    }
    each(config.quizzes, ix.quiz, ix.quizKey, function (e) {
      e.q = {}; e.qKey = {};
      (e.conf.questions || []).forEach(function (q) { e.q[q.id] = q; e.qKey[q.k] = q; });
    });
    each(config.surveys, ix.survey, ix.surveyKey, function (e) {
      e.item = {}; e.itemKey = {};
      (e.conf.items || []).forEach(function (it) { e.item[it.id] = it; e.itemKey[it.k] = it; });
    });
    each(config.reflections, ix.refl, ix.reflKey);
    each(config.groups, ix.group, ix.groupKey);
    if (cache) cache.set(config, ix);
    return ix;
  };

  var b62 = AC.b62;
  var val = AC.unb62;
  function code(list, id) { return list.indexOf(id) + 1; }  // 0 = not set

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

  function emptyModel() {
    return { visited: {}, quizzes: {}, surveys: {}, notes: {}, groups: {} };
  }

  // Lower numbers are dropped first when the state would exceed the limit.
  var PRIORITY = { survey: 1, notes: 1, doneAnswers: 2, groups: 3, openAnswers: 4 };

  function pieces(model, config) {
    var ix = AC.index(config);
    var out = [];
    Object.keys(model.quizzes).forEach(function (id) {
      var qz = ix.quiz[id];
      var st = model.quizzes[id];
      if (!qz) return;
      var score = st.score == null ? 0 : Math.max(0, Math.min(100, Math.round(st.score))) + 1;
      var seed = Math.max(0, Math.min(3843, st.seed | 0));
      out.push({ p: 99, text: '!' + qz.k + b62(Math.min(61, st.att | 0)) + b62(Math.floor(seed / 62)) +
        b62(seed % 62) + b62(Math.floor(score / 62)) + b62(score % 62) + (st.phase === 's' ? 's' : 'a') });
      var answers = '';
      (qz.conf.questions || []).forEach(function (q) {
        var c = codec(q);
        var enc = c && st.resp && q.id in st.resp ? c.enc(st.resp[q.id]) : null;
        if (enc && enc.length === c.w) answers += q.k + enc;
      });
      if (answers) out.push({ p: st.phase === 's' ? PRIORITY.doneAnswers : PRIORITY.openAnswers, text: answers });
    });
    Object.keys(model.surveys).forEach(function (id) {
      var sv = ix.survey[id];
      var st = model.surveys[id];
      if (!sv) return;
      var text = '~' + sv.k + (st.done ? 's' : 'a');
      (sv.conf.items || []).forEach(function (it) {
        var v = st.items && st.items[it.id];
        if (v >= 1 && v <= 61) text += it.k + b62(v);
      });
      out.push({ p: PRIORITY.survey, text: text });
    });
    var notes = '';
    Object.keys(model.notes).forEach(function (id) { if (model.notes[id] && ix.refl[id]) notes += ix.refl[id].k; });
    if (notes) out.push({ p: PRIORITY.notes, text: '*' + notes });
    var groups = '';
    Object.keys(model.groups).forEach(function (id) {
      var g = ix.group[id];
      var c = g ? code(AC.sorted(g.conf.options), model.groups[id]) : 0;
      if (c && c <= 61) groups += g.k + b62(c);
    });
    if (groups) out.push({ p: PRIORITY.groups, text: '_' + groups });
    return out;
  }

  function pageSection(model, config, room) {
    var seen = '';
    var unseen = '';
    AC.index(config).pages.forEach(function (p) {
      if (model.visited[p.id]) seen += p.k; else unseen += p.k;
    });
    if (room != null) {
      // Degraded: drop visited pages (safe: the learner just sees them as unvisited).
      seen = seen.slice(0, Math.max(0, Math.floor((room - 1) / 3)) * 3);
      return seen ? '.' + seen : '';
    }
    if (!seen) return '';
    return seen.length <= unseen.length ? '.' + seen : '-' + unseen;
  }

  /** Encode the model; never longer than `limit` characters (drops least important parts). */
  function encode(model, config, limit) {
    var pages = pageSection(model, config);
    var list = pieces(model, config);
    function total() {
      return list.reduce(function (n, x) { return n + x.text.length; }, 1 + pages.length);
    }
    if (limit && total() > limit) {
      AC.warn('resume state over', limit, 'characters; dropping the least important parts');
      [1, 2, 3, 4].forEach(function (level) {
        if (total() > limit) list = list.filter(function (x) { return x.p > level; });
      });
      if (total() > limit) {
        var others = total() - pages.length;
        pages = pageSection(model, config, limit - others);
      }
    }
    return '1' + pages + list.map(function (x) { return x.text; }).join('');
  }

  function decode(str, config) {
    var model = emptyModel();
    if (typeof str !== 'string' || str.charAt(0) !== '1') return model;
    var ix = AC.index(config);
    var i = 1;
    while (i < str.length) {
      var tag = str.charAt(i);
      var end = i + 1;
      while (end < str.length && TAGS.indexOf(str.charAt(end)) < 0) end++;
      var body = str.slice(i + 1, end);
      i = end;
      if (tag === '.' || tag === '-') {
        var listed = {};
        for (var j = 0; j + 3 <= body.length; j += 3) listed[body.substr(j, 3)] = true;
        ix.pages.forEach(function (p) {
          if (!!listed[p.k] === (tag === '.')) model.visited[p.id] = true;
        });
      } else if (tag === '!') {
        decodeQuiz(body, ix, model);
      } else if (tag === '~') {
        var sv = ix.surveyKey[body.substr(0, 3)];
        if (!sv) continue;
        var st = model.surveys[sv.id] = { done: body.charAt(3) === 's', items: {} };
        for (var k = 4; k + 4 <= body.length; k += 4) {
          var it = sv.itemKey[body.substr(k, 3)];
          var v = val(body.charAt(k + 3));
          if (!it) break;
          if (v >= 1) st.items[it.id] = v;
        }
      } else if (tag === '*') {
        for (var r = 0; r + 3 <= body.length; r += 3) {
          var refl = ix.reflKey[body.substr(r, 3)];
          if (refl) model.notes[refl.id] = true;
        }
      } else if (tag === '_') {
        for (var g = 0; g + 4 <= body.length; g += 4) {
          var grp = ix.groupKey[body.substr(g, 3)];
          var opt = grp && AC.sorted(grp.conf.options)[val(body.charAt(g + 3)) - 1];
          if (opt) model.groups[grp.id] = opt;
        }
      }
    }
    return model;
  }

  function decodeQuiz(body, ix, model) {
    var qz = ix.quizKey[body.substr(0, 3)];
    if (!qz || body.length < 9) return;
    var score = val(body.charAt(6)) * 62 + val(body.charAt(7));
    var st = model.quizzes[qz.id] = {
      att: Math.max(0, val(body.charAt(3))),
      seed: Math.max(0, val(body.charAt(4)) * 62 + val(body.charAt(5))),
      score: score >= 1 && score <= 101 ? score - 1 : null,
      phase: body.charAt(8) === 's' ? 's' : 'a',
      resp: {}
    };
    for (var i = 9; i + 3 <= body.length;) {
      var q = qz.qKey[body.substr(i, 3)];
      var c = q && codec(q);
      if (!c || i + 3 + c.w > body.length) return;  // edited quiz: keep what was read so far
      var v = c.dec(body.substr(i + 3, c.w));
      if (v === undefined) return;
      st.resp[q.id] = v;
      i += 3 + c.w;
    }
  }

  AC.state = { encode: encode, decode: decode, empty: emptyModel, codec: codec };
})(window.AICOURSE = window.AICOURSE || {});
