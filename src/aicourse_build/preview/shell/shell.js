/* The preview page: plays the LMS for the course frame (SCORM API objects, an LRS launch),
   shows every call and statement in the inspector, and reloads after each rebuild. */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var FORMAT_TITLES = {};     // format -> its name, from the server's table (formats.py)
  var STORE_KEY = 'aicourse-preview-lms';
  var state = null;          // /_preview/state
  var variant = null;        // key of the variant in the frame
  var served = null;         // generation of the build in the frame
  var unit = 0;              // the cmi5 assignable unit to launch (a course may have one per module)
  var registrations = {};    // xAPI registration -> variant key
  var learners = load();     // variant key -> {data, sessions}: the SCORM learner records

  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORE_KEY)) || {}; } catch (e) { return {}; }
  }
  function save() {
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(learners)); } catch (e) { /* full */ }
  }
  function clock() { return new Date().toTimeString().slice(0, 8); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // ---- inspector ------------------------------------------------------------------------

  function log(kind, text, detail, failed) {
    var li = el('li', failed ? 'failed' : '');
    li.appendChild(el('span', 'time', clock()));
    li.appendChild(el('span', 'kind', kind));
    li.appendChild(el('code', '', text));
    if (detail) {
      var d = el('details');
      d.appendChild(el('summary', '', 'details'));
      d.appendChild(el('pre', '', typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2)));
      li.appendChild(d);
    }
    var list = $('log');
    var atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.appendChild(li);
    while (list.children.length > 2000) list.removeChild(list.firstChild);
    if (atEnd) list.scrollTop = list.scrollHeight;
  }

  function showData(data, changed) {
    var body = $('data').tBodies[0];
    body.textContent = '';
    Object.keys(data).sort().forEach(function (name) {
      var tr = el('tr', name === changed ? 'changed' : '');
      var th = el('th', '', name);
      th.scope = 'row';
      tr.appendChild(th);
      var td = el('td');
      td.appendChild(el('code', '', data[name]));
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  // ---- SCORM: one API object per launch, so a closing frame never ends the next one's session

  var SCORM = {
    scorm12: {
      global: 'API', init: 'LMSInitialize', end: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue',
      commit: 'LMSCommit', error: 'LMSGetLastError', text: 'LMSGetErrorString', diag: 'LMSGetDiagnostic',
      notRunning: '301', running: '101', entry: 'cmi.core.entry', exit: 'cmi.core.exit',
      fresh: function (mastery) {
        return {
          'cmi.core.student_id': 'preview', 'cmi.core.student_name': 'Preview, Author',
          'cmi.core.lesson_location': '', 'cmi.core.credit': 'credit', 'cmi.core.lesson_status': 'not attempted',
          'cmi.core.entry': 'ab-initio', 'cmi.core.score.raw': '', 'cmi.core.total_time': '0000:00:00.00',
          'cmi.core.lesson_mode': 'normal', 'cmi.suspend_data': '', 'cmi.launch_data': '',
          'cmi.student_data.mastery_score': mastery || '', 'cmi.interactions._count': '0', 'cmi.objectives._count': '0'
        };
      }
    },
    scorm2004: {
      global: 'API_1484_11', init: 'Initialize', end: 'Terminate', get: 'GetValue', set: 'SetValue',
      commit: 'Commit', error: 'GetLastError', text: 'GetErrorString', diag: 'GetDiagnostic',
      notRunning: '122', running: '103', entry: 'cmi.entry', exit: 'cmi.exit',
      fresh: function (mastery) {
        return {
          'cmi.learner_id': 'preview', 'cmi.learner_name': 'Preview, Author', 'cmi.location': '',
          'cmi.credit': 'credit', 'cmi.completion_status': 'unknown', 'cmi.success_status': 'unknown',
          'cmi.entry': 'ab-initio', 'cmi.mode': 'normal', 'cmi.suspend_data': '', 'cmi.launch_data': '',
          'cmi.scaled_passing_score': mastery || '', 'cmi.completion_threshold': '', 'cmi.total_time': 'PT0H0M0S',
          'cmi.interactions._count': '0', 'cmi.objectives._count': '0'
        };
      }
    }
  };

  function learner(key, kind, mastery) {
    if (!learners[key]) learners[key] = { data: kind.fresh(mastery) };
    return learners[key];
  }

  function scormApi(key, format, mastery) {
    var kind = SCORM[format];
    var phase = 'new';
    var last = '0';
    var api = {};
    function record() { return learner(key, kind, mastery); }
    function answer(value, error) { last = error || '0'; return value; }
    function call(name, args, result) {
      var failed = last !== '0';
      if (name === kind.get && !$('show-reads').checked && !failed) return;
      log(FORMAT_TITLES[format], name + '(' + args.map(JSON.stringify).join(', ') + ') \u2192 ' +
        JSON.stringify(result) + (failed ? '  error ' + last : ''), null, failed);
    }
    api[kind.init] = function () {
      var r = phase === 'running' ? answer('false', kind.running) : (phase = 'running', answer('true'));
      call(kind.init, [''], r);
      showData(record().data);
      return r;
    };
    api[kind.end] = function () {
      var r = phase !== 'running' ? answer('false', kind.notRunning) : (phase = 'ended', answer('true'));
      if (r === 'true') {
        var data = record().data;
        data[kind.entry] = data[kind.exit] === 'suspend' ? 'resume' : '';
        save();
      }
      call(kind.end, [''], r);
      return r;
    };
    api[kind.get] = function (name) {
      if (phase !== 'running') return answer('', kind.notRunning);
      var v = record().data[name];
      var r = answer(v == null ? '' : String(v));
      call(kind.get, [name], r);
      return r;
    };
    api[kind.set] = function (name, value) {
      if (phase !== 'running') { answer('false', kind.notRunning); call(kind.set, [name, value], 'false'); return 'false'; }
      var data = record().data;
      data[name] = String(value);
      var m = /^cmi\.(interactions|objectives)\.(\d+)\./.exec(name);
      if (m) {
        var count = m[1] + '._count';
        data['cmi.' + count] = String(Math.max(+data['cmi.' + count] || 0, +m[2] + 1));
      }
      var r = answer('true');
      call(kind.set, [name, String(value)], r);
      showData(data, name);
      return r;
    };
    api[kind.commit] = function () {
      var r = phase === 'running' ? answer('true') : answer('false', kind.notRunning);
      if (r === 'true') save();
      call(kind.commit, [''], r);
      return r;
    };
    api[kind.error] = function () { return last; };
    api[kind.text] = function (code) { return code === '0' ? 'No error' : 'Error ' + code; };
    api[kind.diag] = function (code) { return api[kind.text](code || last); };
    return api;
  }

  // ---- xAPI: statements arrive from the preview LRS over the event stream --------------------

  function langText(map) {
    if (!map) return '';
    return map['en-US'] || map.en || map[Object.keys(map)[0]] || '';
  }
  function showStatement(s) {
    var key = registrations[(s.context || {}).registration];
    if (key && key !== variant) return;
    var verb = langText(s.verb.display) || s.verb.id.split('/').pop();
    var obj = s.object || {};
    var name = langText((obj.definition || {}).name) || obj.id;
    var res = s.result || {};
    var bits = [];
    if (res.score && res.score.scaled != null) bits.push('score ' + res.score.scaled);
    if (res.success != null) bits.push(res.success ? 'success' : 'no success');
    if (res.completion != null) bits.push(res.completion ? 'complete' : 'not complete');
    if (res.response != null) bits.push('response ' + JSON.stringify(res.response));
    log('statement', verb + ' ' + name + (bits.length ? ' (' + bits.join(', ') + ')' : ''), s);
  }
  function showDocument(d) {
    log('LRS', d.method + ' ' + d.id + (d.body ? ' (' + d.body.length + ' bytes)' : ''), d.body || null);
    if (d.id === 'aicourse-state' && d.body) {
      try { showData(flatten(JSON.parse(d.body), '')); } catch (e) { /* not JSON */ }
    }
  }
  function flatten(value, prefix) {
    var out = {};
    if (value && typeof value === 'object') {
      Object.keys(value).forEach(function (k) {
        var inner = flatten(value[k], prefix ? prefix + '.' + k : k);
        Object.keys(inner).forEach(function (n) { out[n] = inner[n]; });
      });
    } else {
      out[prefix] = JSON.stringify(value);
    }
    return out;
  }

  // ---- launching ------------------------------------------------------------------------------

  function current() {
    return state && state.variants.filter(function (v) { return v.key === variant; })[0];
  }

  var launches = 0;          // only the latest launch may take the frame

  /** The file the frame shows now if it belongs to variant `key` (a language switch may have
      moved it from the launch file to index.en.html): a rebuild reopens that one. */
  function shownFile(key) {
    try {
      var path = decodeURIComponent($('course').contentWindow.location.pathname);
      var prefix = '/c/' + key + '/';
      return path.indexOf(prefix) === 0 ? path.slice(prefix.length) : null;
    } catch (e) {
      return null;
    }
  }

  function launch(keepFile) {
    var v = current();
    if (!v) return;
    var mine = ++launches;
    var file = keepFile ? shownFile(v.key) : null;
    fetch('/_preview/launch?variant=' + encodeURIComponent(v.key) + '&unit=' + unit, { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (info) {
        if (mine !== launches) return;   // the author picked something else meanwhile
        if (info.error) { status(info.error, true); return; }
        if (info.registration) registrations[info.registration] = v.key;
        showUnits(info.units);
        if (SCORM[v.format]) {
          var api = scormApi(v.key, v.format, info.mastery);
          window[SCORM[v.format].global] = api;
          $('inspector-note').textContent = 'The page plays the LMS: every ' + FORMAT_TITLES[v.format] +
            ' call the course makes is listed here.';
          showData(learner(v.key, SCORM[v.format], info.mastery).data);
        } else {
          $('inspector-note').textContent = 'The course sends its statements to the preview LRS; ' +
            'each one is listed here.';
          showData({});
        }
        served = state.served;
        if (file && file.indexOf('/') < 0) info.url = info.url.replace(/[^\/?]+(\?|$)/, file + '$1');
        log('launch', v.profile + ' \u00b7 ' + v.lang + ' \u00b7 ' + FORMAT_TITLES[v.format] + ' \u2192 ' +
          info.url.split('?')[0], info.url.indexOf('?') > 0 ? info.url : null);
        $('course').src = info.url;
        status(statusText(), !state.ok);
      })
      .catch(function (e) { status('Could not launch: ' + e.message, true); });
  }

  function showUnits(units) {
    var select = $('unit');
    $('unit-pick').hidden = units.length < 2;
    if (units.length < 2) { unit = 0; return; }
    select.textContent = '';
    units.forEach(function (u, i) {
      var o = el('option', '', (i + 1) + ': ' + u.id.split('/').pop());
      o.value = String(i);
      select.appendChild(o);
    });
    select.value = String(unit);
  }

  function restart() {
    var v = current();
    if (!v) return;
    delete learners[v.key];
    save();
    fetch('/_preview/reset?variant=' + encodeURIComponent(v.key), { method: 'POST' }).then(function () {
      log('restart', 'a new learner for ' + v.key);
      launch();
    });
  }

  // ---- builds and problems --------------------------------------------------------------------

  function status(text, error) {
    var s = $('status');
    s.textContent = text;
    s.className = error ? 'error' : '';
  }
  function statusText() {
    if (!state) return '';
    if (!state.ok) return state.served ? 'Errors: showing the last good build' : 'Errors: nothing to show yet';
    return 'Build ' + state.generation + ' at ' + clock();
  }

  // '2 warning(s)', '2 warning(s), 1 note(s)': a note is advice, never counted as a warning
  function counted(problems) {
    var notes = problems.filter(function (d) { return d.severity === 'note'; }).length;
    var text = (problems.length - notes) + ' warning(s)';
    return notes ? text + ', ' + notes + ' note(s)' : text;
  }

  function showProblems(open) {
    var list = $('problem-list');
    var problems = state.diagnostics;
    var errors = problems.filter(function (d) { return d.severity === 'error'; }).length;
    list.textContent = '';
    problems.forEach(function (d) {
      var li = el('li', d.severity);
      li.appendChild(document.createTextNode(d.path + ':' + d.line + ':' + d.col + ': ' + d.severity +
        '[' + d.code + ']: ' + d.message + (d.profile ? ' (profile ' + d.profile + ')' : '')));
      if (d.hint) li.appendChild(el('span', 'hint', 'hint: ' + d.hint));
      list.appendChild(li);
    });
    $('problems-title').textContent = errors ? errors + ' error(s) in the manuscript' : counted(problems);
    $('problems-note').textContent = errors
      ? (state.served ? 'The course below is the last build without errors. Fix these and save: the page reloads.'
        : 'Fix these and save: the course appears when the manuscript has no errors.')
      : 'The course builds; these are worth a look.';
    var button = $('show-problems');
    button.textContent = 'Problems (' + problems.length + ')';
    var panel = $('problems');
    panel.className = 'problems' + (errors ? '' : ' warnings-only');
    if (open != null) panel.hidden = !open || !problems.length;
    button.setAttribute('aria-expanded', String(!panel.hidden));
  }

  function fillVariants() {
    var select = $('variant');
    select.textContent = '';
    state.variants.forEach(function (v) {
      FORMAT_TITLES[v.format] = v.formatTitle;
      var o = el('option', '', v.title + ' (' + v.profile + ') \u00b7 ' + v.lang + ' \u00b7 ' + FORMAT_TITLES[v.format]);
      o.value = v.key;
      select.appendChild(o);
    });
    var wanted = decodeURIComponent(location.hash.slice(1)) || variant;
    var keys = state.variants.map(function (v) { return v.key; });
    variant = keys.indexOf(wanted) >= 0 ? wanted : keys[0] || null;
    if (variant) select.value = variant;
    select.disabled = !keys.length;
  }

  function applyState(next) {
    var first = !state;
    state = next;
    if (state.course) {
      $('course-title').textContent = state.course.title;
      document.title = state.course.title + ' \u2013 aicourse preview';
    }
    if (state.variants.length) fillVariants();
    showProblems(!state.ok);
    status(statusText(), !state.ok);
    if (state.ok && (first || served !== state.served)) launch(!first);
    else if (first && state.served) launch();
  }

  function refresh() {
    return fetch('/_preview/state', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(applyState);
  }

  function listen() {
    var events = new EventSource('/_preview/events');
    var lost = false;
    events.addEventListener('build', function (e) {
      var next = JSON.parse(e.data);
      log('build', next.ok ? 'rebuilt (' + counted(next.diagnostics) + ')' : 'errors: ' +
        next.diagnostics.filter(function (d) { return d.severity === 'error'; }).length, null, !next.ok);
      applyState(next);
    });
    events.addEventListener('statement', function (e) { showStatement(JSON.parse(e.data)); });
    events.addEventListener('document', function (e) { showDocument(JSON.parse(e.data)); });
    events.onerror = function () { lost = true; status('Lost the preview server; retrying\u2026', true); };
    events.onopen = function () {
      if (!started) { lost = false; start(); }
      else if (lost) { lost = false; refresh(); }
    };
  }

  // The first launch waits for the event stream, so the statements the launch itself makes
  // (cmi5's "launched") are listed; a stream that never opens delays it by two seconds only.
  var started = false;
  function start() {
    if (started) return;
    started = true;
    refresh().catch(function (e) { status('The preview server did not answer: ' + e.message, true); });
  }

  $('variant').addEventListener('change', function () {
    variant = this.value;
    unit = 0;
    history.replaceState(null, '', '#' + variant);
    launch();
  });
  $('unit').addEventListener('change', function () { unit = +this.value; launch(); });
  $('relaunch').addEventListener('click', function () { launch(); });
  $('restart').addEventListener('click', restart);
  $('clear-log').addEventListener('click', function () { $('log').textContent = ''; });
  $('show-problems').addEventListener('click', function () {
    showProblems($('problems').hidden);
    if (!$('problems').hidden) $('problems').focus();
  });
  $('show-inspector').addEventListener('click', function () {
    var panel = $('inspector');
    panel.hidden = !panel.hidden;
    this.setAttribute('aria-expanded', String(!panel.hidden));
  });
  window.addEventListener('pagehide', save);

  listen();
  setTimeout(start, 2000);
})();
