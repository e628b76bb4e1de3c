/* Compact resume state (cmi.suspend_data, or the xAPI State API document's `s`), keyed by the
   3-character keys `k` of the boot config, never by positions, so it survives reordering and
   edits of the course, and a newer version of the course reads what an older one wrote.

   Grammar, format 2 (b62 = one character of [0-9A-Za-z], value 0..61; key = 3 b62):

     state     = "2" pageset version *section
     pageset   = 3b62                 digest of the sorted page keys of the config it was written with
     version   = *(b62 / ":")         the course version, "." written as ":" ("1:2:0"); it ends
                                      at the first section tag
     section   = visited / unvisited / quiz / survey / notes / groups
     visited   = "." *pagekey         pages seen
     unvisited = "-" *pagekey         pages NOT seen; every other page of the config was seen.
                                      Read only when `pageset` is the reader's own: against another
                                      page set it cannot tell a page added since from one seen, so
                                      it counts as nothing seen. Written only when the state would
                                      not fit its limit with `visited` (or, without a limit, when it
                                      is shorter: the worst case state_budget.py computes)
     quiz      = "!" quizkey attempts seed score phase *answer
       attempts = b62                 submitted attempts (capped at 61)
       seed     = 2b62                draw and shuffle of the current attempt (0..3843)
       score    = 2b62                last submitted score + 1 (1..101); 0 = none yet
       phase    = "a" / "s"           answering / submitted (result shown)
       answer   = questionkey check response
       check    = 2b62                AC.codec.check: an answer whose question's type, choices or
                                      prompts changed is dropped, never read with other codes.
                                      After an answer that cannot be read (its question removed
                                      or changed, so its width is unknown) the reader moves on
                                      one character at a time to the next known key followed by
                                      that question's check
     survey    = "~" surveykey ("a" / "s") scale *(itemkey b62)   item value 1..scale; "s" = sent;
                                      scale = b62: values are dropped when the scale changed
     notes     = "*" *reflectionkey   reflections that have text (the text stays in localStorage)
     groups    = "_" *(groupkey 3b62) digest of the chosen option's id: the choice survives
                                      options added or removed, and is dropped if it was removed

   Responses have a width fixed by the question (its type and number of choices/prompts). Codes
   refer to ids sorted by code point (AC.sorted), not to the authored order:
     single     1 char             code of the chosen choice (1..n)
     truefalse  1 char             "t" / "f"
     multiple   ceil(n/5) chars    5 bits per char; bit i set = sorted choice i chosen
     ordering   n chars            per sorted choice, its chosen position 1..n, 0 = not set
     matching   p chars            per sorted prompt, the chosen choice's code 1..n, 0 = not set
   Questions with more than 61 choices (or prompts) are not saved.

   Format 1 (packages before format 2) is read too: "1" *section, no pageset or version, answers
   without width and check, surveys without scale, groups as the sorted option's code (b62). It
   tells nothing about the course it was written with, so its `-` section counts as nothing seen
   (a page added since would otherwise count as seen), and its codes are trusted as they are.

   Section tags are not b62, so a section ends at the next tag. An unknown key (the course was
   edited) drops its own record only; the other sections survive.
   Worst case (state_budget.py mirrors it): 4 + version + (1 + 3*floor(pages/2)) + per quiz 10 +
   its largest `draw` answers (5 + width) + per survey 6 + 4*items + (1 + 3*reflections) +
   (1 + 6*groups). If a limit is ever exceeded, encode() drops the least important parts first
   (see PRIORITY). */
(function (AC) {
  'use strict';
  // state_budget.STATE_FORMAT mirrors it (a test checks that they agree)
  var FORMAT = 2;
  var TAGS = '.-!~*_';
  var cache = typeof WeakMap === 'function' ? new WeakMap() : null;
  var b62 = AC.b62;
  var val = AC.unb62;

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
    // what a `-` section and the update notice are checked against (see the grammar)
    ix.set = AC.codec.digest(ix.pages.map(function (p) { return p.k; }).sort().join(''), 3);
    if (cache) cache.set(config, ix);
    return ix;
  };

  function emptyModel() {
    return { visited: {}, quizzes: {}, surveys: {}, notes: {}, groups: {} };
  }

  function versionField(config) {
    return String((config.course && config.course.version) || '').replace(/[^0-9A-Za-z]/g, ':');
  }

  /** The header of a saved state: {format, set, version, at} (at: where the sections start),
      set and version null in format 1; null when it is no state this runtime can read. */
  function header(str) {
    if (typeof str !== 'string') return null;
    if (str.charAt(0) === '1') return { format: 1, set: null, version: null, at: 1 };
    if (str.charAt(0) !== String(FORMAT) || str.length < 4) return null;
    var at = 4;
    while (at < str.length && TAGS.indexOf(str.charAt(at)) < 0) at++;
    return { format: FORMAT, set: str.slice(1, 4), version: str.slice(4, at).replace(/:/g, '.'), at: at };
  }

  function scaleOf(conf) { return Math.min(61, conf.scale | 0); }

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
        var c = AC.codec.codec(q);
        var enc = c && st.resp && q.id in st.resp ? c.enc(st.resp[q.id]) : null;
        if (enc && enc.length === c.w) answers += q.k + AC.codec.check(q) + enc;
      });
      if (answers) out.push({ p: st.phase === 's' ? PRIORITY.doneAnswers : PRIORITY.openAnswers, text: answers });
    });
    Object.keys(model.surveys).forEach(function (id) {
      var sv = ix.survey[id];
      var st = model.surveys[id];
      if (!sv) return;
      var text = '~' + sv.k + (st.done ? 's' : 'a') + b62(scaleOf(sv.conf));
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
      if (g && (g.conf.options || []).indexOf(model.groups[id]) >= 0) groups += g.k + AC.codec.digest(model.groups[id], 3);
    });
    if (groups) out.push({ p: PRIORITY.groups, text: '_' + groups });
    return out;
  }

  /** The two forms of the pages section: {seen: "." list, unseen: "-" list}; '' when none seen. */
  function pageForms(model, config) {
    var seen = '';
    var unseen = '';
    AC.index(config).pages.forEach(function (p) {
      if (model.visited[p.id]) seen += p.k; else unseen += p.k;
    });
    return seen ? { seen: '.' + seen, unseen: '-' + unseen } : { seen: '', unseen: '' };
  }

  /** Encode the model; never longer than `limit` characters (drops least important parts). */
  function encode(model, config, limit) {
    var head = FORMAT + AC.index(config).set + versionField(config);
    var forms = pageForms(model, config);
    var list = pieces(model, config);
    function total(pages) {
      return list.reduce(function (n, x) { return n + x.text.length; }, head.length + pages.length);
    }
    // The explicit list whenever it fits: only it stays true when pages are added later.
    function pick() {
      if (limit && total(forms.seen) <= limit) return forms.seen;
      return forms.seen.length <= forms.unseen.length ? forms.seen : forms.unseen;
    }
    var pages = pick();
    if (limit && total(pages) > limit) {
      AC.warn('resume state over', limit, 'characters; dropping the least important parts');
      [1, 2, 3, 4].forEach(function (level) {
        if (total(pick()) > limit) list = list.filter(function (x) { return x.p > level; });
      });
      pages = pick();
      if (total(pages) > limit) {
        // Degraded: drop visited pages (safe: the learner just sees them as unvisited).
        var room = limit - total('') - 1;
        pages = forms.seen.slice(0, 1 + Math.max(0, Math.floor(room / 3)) * 3);
        if (pages.length < 4) pages = '';
      }
    }
    return head + pages + list.map(function (x) { return x.text; }).join('');
  }

  function decode(str, config) {
    var model = emptyModel();
    var h = header(str);
    if (!h) return model;
    var ix = AC.index(config);
    var v2 = h.format === 2;
    var i = h.at;
    while (i < str.length) {
      var tag = str.charAt(i);
      var end = i + 1;
      while (end < str.length && TAGS.indexOf(str.charAt(end)) < 0) end++;
      var body = str.slice(i + 1, end);
      i = end;
      if (tag === '.' || (tag === '-' && h.set === ix.set)) {
        var listed = {};
        for (var j = 0; j + 3 <= body.length; j += 3) listed[body.substr(j, 3)] = true;
        ix.pages.forEach(function (p) {
          if (!!listed[p.k] === (tag === '.')) model.visited[p.id] = true;
        });
      } else if (tag === '!') {
        decodeQuiz(body, ix, model, v2);
      } else if (tag === '~') {
        decodeSurvey(body, ix, model, v2);
      } else if (tag === '*') {
        for (var r = 0; r + 3 <= body.length; r += 3) {
          var refl = ix.reflKey[body.substr(r, 3)];
          if (refl) model.notes[refl.id] = true;
        }
      } else if (tag === '_') {
        var w = v2 ? 6 : 4;
        for (var g = 0; g + w <= body.length; g += w) {
          var grp = ix.groupKey[body.substr(g, 3)];
          var opt = grp && option(grp.conf.options, body.substr(g + 3, w - 3), v2);
          if (opt) model.groups[grp.id] = opt;
        }
      }
    }
    return model;
  }

  /** The option a saved group record names: by the digest of its id (format 2), or by its
      code among the sorted options (format 1); undefined when none, or not only one, matches. */
  function option(options, saved, v2) {
    if (!v2) return AC.sorted(options)[val(saved) - 1];
    var found = (options || []).filter(function (o) { return AC.codec.digest(o, 3) === saved; });
    return found.length === 1 ? found[0] : undefined;
  }

  function decodeSurvey(body, ix, model, v2) {
    var sv = ix.surveyKey[body.substr(0, 3)];
    if (!sv) return;
    var st = model.surveys[sv.id] = { done: body.charAt(3) === 's', items: {} };
    // another scale: the values meant other things
    if (v2 && val(body.charAt(4)) !== scaleOf(sv.conf)) return;
    for (var k = v2 ? 5 : 4; k + 4 <= body.length; k += 4) {
      var it = sv.itemKey[body.substr(k, 3)];
      var v = val(body.charAt(k + 3));
      if (it && v >= 1 && v <= scaleOf(sv.conf)) st.items[it.id] = v;
    }
  }

  function decodeQuiz(body, ix, model, v2) {
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
      var c = q && AC.codec.codec(q);
      var at = i + (v2 ? 5 : 3);
      if (v2 && c && body.substr(i + 3, 2) !== AC.codec.check(q)) c = null;
      var v = c && at + c.w <= body.length ? c.dec(body.substr(at, c.w)) : undefined;
      if (v !== undefined) {
        st.resp[q.id] = v;
        i = at + c.w;
      } else if (v2) {
        i++;
      } else {
        // format 1: an unreadable answer's width is unknown; keep what was read so far
        return;
      }
    }
  }

  AC.state = { FORMAT: FORMAT, encode: encode, decode: decode, header: header, empty: emptyModel,
    codec: AC.codec.codec };
})(window.AICOURSE = window.AICOURSE || {});
