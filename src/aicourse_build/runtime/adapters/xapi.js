/* xAPI adapter, and AC.xapi for cmi5.js (design: docs/runtime.md; standards.md 4). */
(function (AC) {
  'use strict';
  var ADL = 'http://adlnet.gov/expapi/';
  var CMI5 = 'https://w3id.org/xapi/cmi5/';
  var X = AC.xapi = { wait: [1000, 2000, 4000, 8000, 16000, 30000], stateId: 'aicourse-state' };
  var json = JSON.stringify;
  var last = 0;

  function later(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  function byId(list, id) { return (list || []).filter(function (x) { return x.id === id; })[0]; }
  function comps(ids) { return (ids || []).map(function (id) { return { id: String(id) }; }); }
  function pattern(kind, v) {
    if (kind === 'true-false') return String(v === true || v === 'true');
    return [].concat(v).map(function (p) { return [].concat(p).join('[.]'); }).join('[,]');
  }

  X.params = function (search) {
    var out = {};
    new URLSearchParams(search).forEach(function (v, k) { out[k] = v; });
    return out;
  };
  X.actor = function (raw) {
    var a = [].concat(JSON.parse(raw))[0];
    ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account'].forEach(function (k) { a[k] = [].concat(a[k])[0]; });
    var c = a.account;
    if (c && c.accountName) a.account = { homePage: c.accountServiceHomePage, name: c.accountName };
    return JSON.parse(json(a));
  };
  X.uuid = function () {
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, function (c) {
      return (c ^ (window.crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  };
  X.request = function (s, method, path, query, body, keep) {
    var q = new URLSearchParams();
    Object.keys(query || {}).forEach(function (k) { if (query[k] != null) q.append(k, query[k]); });
    var headers = { 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
    if (s.auth) headers.Authorization = s.auth;
    var ctl = !keep && window.AbortController && new AbortController();
    var timer = ctl && setTimeout(function () { ctl.abort(); }, 30000);
    return window.fetch(s.endpoint + path + (query ? '?' + q : ''), { method: method, headers: headers, body: body,
      keepalive: !!keep, cache: 'no-store', signal: ctl ? ctl.signal : null
    }).then(function (r) {
      clearTimeout(timer);
      return r.text().then(function (text) { return { status: r.status, text: text }; });
    });
  };
  X.getDoc = function (s, path, query, tries) {
    return X.request(s, 'GET', path, query).then(function (r) {
      if (r.status === 404) return null;
      if (r.status !== 200) throw new Error(path + ': HTTP ' + r.status);
      return JSON.parse(r.text);
    }).catch(function (e) {
      if (tries < 2) throw e;
      return later(X.wait[0]).then(function () { return X.getDoc(s, path, query, tries - 1); });
    });
  };

  /** launch() -> (Promise of) null or {endpoint, auth, actor, registration, object, mode, cmi5,
      template, mastery, grouping, platform} */
  X.tracker = function (config, launch) {
    var xc = config.xapi || {};
    var lang = config.course.lang;
    var privacy = config.privacy;
    var d = { q: [] };   // stored: q queue, doc, put (doc unsent)
    var doc = {};        // s state, l location, r record
    var rec = {};        // sent: c completed, p passed, f failed; j this session
    var batch = [];
    var flying = {};
    var failures = 0;
    var s, key, open, t0, progress, score, status, viewed, state, model, modelOf, ended, busy, timer, held;

    function save() { AC.store.set(key, d); }
    function base() { return xc.courseIri || s.object; }
    function lmap(text) { var m = {}; m[lang] = String(text); return m; }
    function iso() { return AC.fmt.iso(Date.now() - t0); }
    function hidden() { return typeof document !== 'undefined' && document.visibilityState === 'hidden'; }
    function decoded() {
      if (modelOf !== state) model = AC.state.decode(modelOf = state, config);
      return model;
    }

    // the cmi5 template, plus additions only
    function ctx(kind, parent, object, ext) {
      var c = JSON.parse(json(s.template || {}));
      var ca = c.contextActivities = c.contextActivities || {};
      function add(list, id) {
        var l = [].concat(ca[list] || []);
        if (id && id !== object && !(list === 'grouping' && id === parent) && !byId(l, id)) l.push({ id: id, objectType: 'Activity' });
        if (l.length) ca[list] = l;
      }
      if (s.registration) c.registration = s.registration;
      if (s.platform) c.platform = s.platform;   // the LMS's activity_platform (Tin Can launch)
      add('parent', parent);
      [s.object, xc.courseIri, s.grouping].forEach(function (id) { add('grouping', id); });
      if (s.cmi5 && kind) add('category', CMI5 + 'context/categories/cmi5');
      if (s.cmi5 && kind === 'move') add('category', CMI5 + 'context/categories/moveon');
      if (!Object.keys(ca).length) delete c.contextActivities;
      var e = xc.extensions || {};
      var g = privacy.group === 'send' && e.group;
      ext = ext || {};
      if (g && Object.keys(decoded().groups).length) ext[g] = decoded().groups;
      if (e.version) ext[e.version] = config.course.version;
      Object.keys(ext).forEach(function (k) {
        c.extensions = c.extensions || {};
        if (!(k in c.extensions)) c.extensions[k] = ext[k];
      });
      return c;
    }
    function make(verb, object, result, context) {
      last = Math.max(Date.now(), last + 1);   // cmi5 orders by timestamp
      var st = { id: X.uuid(), timestamp: new Date(last).toISOString(), actor: s.actor,
        verb: { id: ADL + 'verbs/' + verb, display: { 'en-US': verb } }, object: object, context: context };
      if (result) st.result = result;
      return st;
    }
    function course(verb, kind, result, ext) {
      var obj = { id: s.object, objectType: 'Activity' };
      if (!s.cmi5) obj.definition = { type: ADL + 'activities/course', name: lmap(config.course.title) };
      return make(verb, obj, result, ctx(kind, null, s.object, ext));
    }
    function withProgress(result) {
      if (progress != null && !rec.c) (result = result || {}).extensions = { [CMI5 + 'result/extensions/progress']: Math.round(progress * 100) };
      return result;
    }

    function answered(a) {
      var ids = String(a.id).split('__');
      var quiz = ids[1] && (config.quizzes || {})[ids[0]];
      var survey = ids[1] && (config.surveys || {})[ids[0]];
      var group = (config.groups || {})[a.id];
      var def = { type: ADL + 'activities/cmi.interaction', interactionType: a.kind };
      var kind = a.kind;
      var parent = s.object;
      var item = group || (config.reflections || {})[a.id];
      var id = base() + (group ? '/groups/' : '/reflections/') + a.id;
      var result = {};
      if (quiz || survey) {
        parent = (quiz || survey).iri || base() + (quiz ? '/quizzes/' : '/surveys/') + ids[0];
        item = byId(quiz ? quiz.questions : survey.items, ids[1]);
        id = parent + '/' + ids[1];
      }
      id = (item && item.iri) || id;
      var choices = group ? group.options : quiz && item && item.choices;
      if (kind === 'matching') { def.source = comps(item && item.prompts); def.target = comps(choices); }
      if (/choice|sequencing/.test(kind) && choices) def.choices = comps(choices);
      if (survey && kind === 'likert') {
        def.scale = [];
        while (def.scale.length < (+survey.scale || (survey.scale || []).length)) def.scale.push({ id: String(def.scale.length + 1) });
      }
      if (a.description) def.name = lmap(a.description);
      if (a.correct != null) def.correctResponsesPattern = [pattern(kind, a.correct)];
      if (a.response != null && (!/fill-in/.test(kind) || privacy.freeText === 'send')) result.response = pattern(kind, a.response);
      if (/^(in)?correct$/.test(a.result)) result.success = a.result === 'correct';
      if (a.latencyMs > 0) result.duration = AC.fmt.iso(a.latencyMs);
      var ext = {};
      if (quiz && a.attempt && (xc.extensions || {}).attempt) ext[xc.extensions.attempt] = a.attempt;
      return make('answered', { id: id, objectType: 'Activity', definition: def },
        Object.keys(result).length ? result : null, ctx(null, parent, id, ext));
    }

    function outcome(v, attempt) {
      var out = [];
      // cmi5's completed says all was seen and moveOn weighs it with passed; a Tin Can LMS
      // completes on the verb alone, so there a failed test sends no completed.
      if (v.completed && !rec.c && (s.cmi5 || v.passed !== false)) {
        rec.c = 1;
        out.push(course('completed', 'move', { completion: true, duration: iso() }));
      }
      var passed = v.passed;
      var result = { duration: iso() };
      var ext;
      var test = (config.completion || {}).assessment;
      var raw = score ? score.raw : test && (decoded().quizzes[test] || {}).score;
      if (passed != null && raw != null) {
        // scaled is floored, never rounded up into a pass: a failed's scaled stays below the
        // mastery score, as cmi5 requires; raw is a whole number
        var scaled = Math.max(0, Math.min(1, Math.floor(raw * 100 + 1e-6) / 10000));
        raw = Math.max(0, Math.min(100, Math.round(raw)));
        result.score = { scaled: scaled, raw: raw, min: 0, max: 100 };
        if (s.mastery != null) {
          passed = scaled >= s.mastery;
          ext = { [CMI5 + 'context/extensions/masteryscore']: s.mastery };
        }
      }
      if (passed == null || rec.p || (s.cmi5 && rec.j) || (!passed && rec.f && !attempt)) return out;
      result.success = passed;
      // cmi5 allows one passed or failed per session: a fail waits for the session's end, so
      // that a retry passed in the same session is what the LMS gets (docs/completion.md)
      held = s.cmi5 && !passed ? [result, ext] : null;
      if (held) return out;
      rec.j = rec[passed ? 'p' : 'f'] = 1;
      out.push(course(passed ? 'passed' : 'failed', 'move', result, ext));
      return out;
    }
    function record() { return { c: !!rec.c, p: !!rec.p, f: !!rec.f }; }

    function enqueue(list) {
      d.q = d.q.concat(list);
      save();
    }
    function build() {
      var w = {};
      var out = [];
      batch.forEach(function (x) { if (x.kind === 'answer') out.push(x.v); else w[x.kind] = x.v; });
      batch = [];
      var attempt = 'score' in w;   // a test was just submitted (its status may be unchanged)
      if (attempt) score = w.score;
      status = w.status || status;
      if (ended) return;
      out = s.mode === 'normal' ? out.map(answered).concat(status && (w.status || attempt) ? outcome(status, attempt) : []) : [];
      enqueue(out);
      var next = { s: 'state' in w ? w.state : doc.s, l: 'location' in w ? w.location : doc.l, r: record() };
      if (json(next) !== json(doc)) {
        d.doc = doc = next;
        d.put = 1;
        save();
      }
    }

    function step(urgent) {
      var list = [];
      var size = 0;
      d.q.forEach(function (st) {
        if ((flying[st.id] && !urgent) || list.length > 49 || size > 40000) return;
        size += json(st).length;
        list.push(st);
      });
      if (list.length) return post(list, urgent).then(function () { return step(urgent); });
      if (d.put) return putDoc(json(d.doc), urgent).then(function () { return step(urgent); });
      return Promise.resolve();
    }
    function post(list, keep) {
      list.forEach(function (st) { flying[st.id] = 1; });
      return X.request(s, 'POST', 'statements', null, json(list), keep).then(function (r) {
        var code = r.status;
        var one = !list[1];
        // 409: stored already
        if (code < 300 || (code === 409 && one)) return done(list);
        if (!one && /^(400|403|409|413)$/.test(code)) {
          return list.reduce(function (p, st) { return p.then(function () { return post([st], keep); }); }, Promise.resolve());
        }
        // refused as such: set aside
        if (code === 400 || code === 403) {
          AC.warn('LRS refused statement', list[0].id, code, r.text.slice(0, 200));
          d.bad = (d.bad || []).concat(list).slice(-20);
          return done(list);
        }
        throw new Error('statements: HTTP ' + code);
      }).finally(function () { list.forEach(function (st) { delete flying[st.id]; }); });
    }
    function done(list) {
      d.q = d.q.filter(function (st) { return list.indexOf(st) < 0; });
      save();
    }
    function stateQuery() {
      return { stateId: X.stateId, activityId: s.object, agent: json(s.actor), registration: s.registration };
    }
    function putDoc(body, keep) {
      return X.request(s, 'PUT', 'activities/state', stateQuery(), body, keep).then(function (r) {
        if (r.status > 299) {
          if (!/^(400|403|409|412|413)$/.test(r.status)) throw new Error('state: HTTP ' + r.status);
          AC.warn('LRS refused the bookmark', r.status);
        }
        if (json(d.doc) === body) { d.put = 0; save(); }
      });
    }
    function pump(urgent) {
      if (!s || (busy && !urgent)) return busy || Promise.resolve();
      clearTimeout(timer);
      var p = step(urgent).then(function () {
        if (failures && t.onSaveProblem) t.onSaveProblem(false);
        failures = 0;
      }, function (e) {
        AC.warn('LRS not reached; retry', ++failures, e.message);
        if (failures === 1 && t.onSaveProblem) t.onSaveProblem(true);
        timer = setTimeout(pump, X.wait[Math.min(failures, X.wait.length) - 1]);
      }).then(function () { if (busy === p) busy = null; });
      busy = busy || p;
      return p;
    }

    var t = AC.makeTracker({
      limits: { state: 64000, location: 1000 },
      open: function () { return open; },
      write: function (kind, v) { batch.push({ kind: kind, v: v }); return true; },
      commit: function () { build(); return true; },
      close: function (finished) {
        build();
        var last = [];
        if (held && !ended && !rec.j) {   // the session's fail, held back by outcome()
          held[0].duration = iso();
          rec.j = rec.f = 1;
          last.push(course('failed', 'move', held[0], held[1]));
          d.doc = doc = { s: doc.s, l: doc.l, r: record() };
          d.put = 1;
        }
        held = null;
        if (!ended) enqueue(last.concat([course(s.cmi5 || finished ? 'terminated' : 'suspended', 'def', withProgress({ duration: iso() }))]));
        ended = true;
        return true;
      }
    }, config);
    var core = { start: t.start, flush: t.flush, terminate: t.terminate, saveState: t.saveState, setProgress: t.setProgress,
      handover: t.handover };

    // handover: the previous page's session, continued after a language switch (docs/runtime.md)
    t.start = function (handover) {
      var going = handover && handover.t0 ? handover : null;
      return Promise.resolve(launch(going)).then(function (session) {
        if (!session) throw new Error('no LRS in the launch');
        s = session;
        key = config.course.storageKey + ':xapi:' + (s.registration || AC.hash(json(s.actor)).toString(36));
        d = AC.store.get(key) || d;
        return X.getDoc(s, 'activities/state', stateQuery(), 3).catch(function (e) { AC.warn('no bookmark:', e.message); });
      }).then(function (remote) {
        var use = remote === undefined || d.put ? d.doc : remote;
        [remote, d.doc].forEach(function (x) {
          if (x) ['c', 'p', 'f'].forEach(function (k) { rec[k] = rec[k] || (x.r || {})[k]; });
        });
        d.doc = doc = { s: (use || {}).s || null, l: (use || {}).l || null, r: record() };
        state = doc.s;
        t0 = going ? going.t0 : Date.now();
        open = { state: state, location: doc.l, entry: state ? 'resume' : 'ab-initio', mode: s.mode,
          credit: s.mode === 'normal', count: 0 };
        if (going) {
          rec.j = going.j;
          held = going.h || null;
          viewed = going.viewed;
        } else {
          enqueue([course(s.cmi5 || !state ? 'initialized' : 'resumed', 'def')]);
        }
        pump();
        return core.start();
      });
    };
    // Queue what is batched, then wait (a while) until the LRS has it: the next page sends
    // whatever is left from the same localStorage queue.
    t.handover = function () {
      if (!core.handover()) return null;
      return t.sync(4000).then(function () { return { t0: t0, j: rec.j || 0, viewed: viewed, h: held }; });
    };
    t.flush = function () {
      var ok = core.flush();
      pump(hidden());
      return ok;
    };
    t.terminate = function () {
      core.terminate();
      pump(true);
    };
    t.saveState = function (v) { core.saveState(state = v); };
    t.setProgress = function (f) { core.setProgress(progress = Math.max(0, Math.min(1, f))); };
    t.pageViewed = function (id) {
      if (!s || ended || s.mode !== 'normal' || id === viewed) return;
      var obj = { id: (byId(config.pages, viewed = id) || {}).iri || base() + '/pages/' + id, objectType: 'Activity',
        definition: { type: 'http://activitystrea.ms/schema/1.0/page' } };
      var h = typeof document !== 'undefined' && document.getElementById(id + '-title');
      if (h) obj.definition.name = lmap(h.textContent.trim());
      enqueue([make('experienced', obj, withProgress(), ctx(null, s.object, obj.id))]);
      pump();
    };
    t.sync = function (ms) {
      var until = Date.now() + ms;
      function again() {
        return pump(hidden()).then(function () {
          return !d.q.length && !d.put || (Date.now() < until && later(X.wait[0] / 4).then(again));
        });
      }
      return again();
    };
    return t;
  };

  AC.adapters.xapi = function (config) {
    return X.tracker(config, function () {
      var p = X.params(window.location.search);
      var auth = p.auth || '';
      try {
        return p.endpoint && {
          endpoint: p.endpoint.replace(/\/?$/, '/'),
          auth: /^\w+ /.test(auth) || !auth ? auth : 'Basic ' + auth,
          actor: X.actor(p.actor),
          registration: p.registration,
          object: p.activity_id || (config.xapi || {}).courseIri,
          grouping: p.grouping,
          platform: p.activity_platform,
          mode: 'normal'
        };
      } catch (e) {
        AC.warn('no launch actor');
      }
    });
  };
})(window.AICOURSE = window.AICOURSE || {});
