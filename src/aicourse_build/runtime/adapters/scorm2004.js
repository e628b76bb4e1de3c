/* SCORM 2004 4th edition adapter: the Tracker over window.API_1484_11 (standards.md, section 3). */
(function (AC) {
  'use strict';

  /** completion_status and success_status for a decision; completed/passed are never undone,
      and a reported failed stays until a pass replaces it (as 1.2's lesson_status). A failed
      test leaves the SCO incomplete: Moodle and Totara count completion_status "completed"
      as a complete activity, and 1.2's "failed" is not one (docs/completion.md). */
  function statuses(status, current) {
    var completion = status.completed && status.passed !== false ? 'completed' : 'incomplete';
    var success = status.passed === true ? 'passed' : status.passed === false ? 'failed' : 'unknown';
    if (current.completion === 'completed') completion = 'completed';
    if (current.success === 'passed' || (success === 'unknown' && current.success === 'failed')) success = current.success;
    return { completion: completion, success: success };
  }

  // Response identifiers: letters, digits, "_" and "." only (Moodle), at most 250.
  function rid(id) { return String(id).replace(/[^A-Za-z0-9_.]/g, '_').slice(0, 250); }
  // Free text: no list delimiters, no leading "{" (it would read as a {lang=} or {order_matters=}).
  function text(s, max) {
    return String(s).replace(/\[[,.:]\]/g, ' ').replace(/^\s*\{+/, '').slice(0, max);
  }

  /** learner_response / correct_responses pattern with [,] and [.] delimiters. */
  function response(kind, v) {
    if (v == null) return null;
    if (kind === 'true-false') return v === true || v === 'true' ? 'true' : 'false';
    if (kind === 'matching') return v.map(function (p) { return rid(p[0]) + '[.]' + rid(p[1]); }).join('[,]');
    if (Array.isArray(v)) return v.map(rid).join('[,]');
    if (kind === 'likert') return rid(v);
    return text(v, kind === 'long-fill-in' ? 4000 : 250);
  }

  AC.adapters.scorm2004 = function (config) {
    var api = null;
    var current = { completion: '', success: '' };
    var startedAt = 0;
    var closed = false;
    var lang = (config.course && config.course.lang) || '';

    // Errors are logged, never thrown: some LMS wrappers throw instead of returning "false".
    function get(name) {
      try {
        var v = api.GetValue(name);
        var err = String(api.GetLastError());
        if (err === '0') return v == null ? '' : String(v);
        // 403: a value the LMS has not set yet (e.g. an empty suspend_data) - not a problem.
        if (err !== '403') AC.warn('GetValue', name, 'error', err);
      } catch (e) {
        AC.warn('GetValue', name, e && e.message);
      }
      return '';
    }
    function set(name, value) {
      if (closed) return false;   // nothing after Terminate
      try {
        var ok = String(api.SetValue(name, String(value))) === 'true';
        var err = String(api.GetLastError());
        if (ok && err === '0') return true;
        AC.warn('SetValue', name, 'error', err, api.GetErrorString ? api.GetErrorString(err) : '');
      } catch (e) {
        AC.warn('SetValue', name, e && e.message);
      }
      return false;
    }

    // declare: only the id, the type and a given response (an empty slot; slot 0 the version)
    function answer(a, n, declare) {
      var p = 'cmi.interactions.' + n + '.';
      // id first, then type (before any response), as the data model requires (else 408).
      var ok = set(p + 'id', String(a.id).replace(/\s/g, '_').slice(0, 4000));
      ok = set(p + 'type', a.kind) && ok;
      var r = response(a.kind, a.response);
      if (r) ok = set(p + 'learner_response', r) && ok;
      if (declare) return ok;
      ok = set(p + 'timestamp', AC.fmt.timestamp(new Date(a.at))) && ok;
      if (a.description) {
        ok = set(p + 'description', (lang ? '{lang=' + lang + '}' : '') + text(a.description, 250)) && ok;
      }
      var c = response(a.kind, a.correct);
      if (c) ok = set(p + 'correct_responses.0.pattern', c) && ok;
      ok = set(p + 'result', a.result === 'correct' || a.result === 'incorrect' ? a.result : 'neutral') && ok;
      ok = set(p + 'weighting', String(Math.round(a.weight || 0))) && ok;
      ok = set(p + 'latency', AC.fmt.iso(a.latencyMs)) && ok;
      return ok;
    }

    var driver = {
      limits: { state: 64000, location: 1000 },
      open: function (handover) {
        api = AC.findApi('API_1484_11');
        if (!api) return null;
        // After a language switch the session is open already (a second Initialize is error 103).
        var mode = handover && handover.startedAt ? AC.continued(api, 'GetValue', 'GetLastError', 'cmi.mode') : null;
        if (mode == null && String(api.Initialize('')) !== 'true') {
          AC.warn('Initialize failed', String(api.GetLastError()));
          return null;
        }
        startedAt = mode == null ? Date.now() : handover.startedAt;
        var entry = get('cmi.entry');
        mode = mode || get('cmi.mode') || 'normal';
        current = { completion: get('cmi.completion_status'), success: get('cmi.success_status') };
        get('cmi.scaled_passing_score');   // read for the log only; config.completion decides
        get('cmi.completion_threshold');
        if (mode === 'normal' && current.completion !== 'completed' && current.completion !== 'incomplete') {
          if (set('cmi.completion_status', 'incomplete')) current.completion = 'incomplete';
        }
        var count = parseInt(get('cmi.interactions._count'), 10);
        return {
          state: get('cmi.suspend_data') || null,
          location: get('cmi.location') || null,
          entry: entry === 'resume' ? 'resume' : 'ab-initio',
          mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
          credit: get('cmi.credit') !== 'no-credit',
          count: count > 0 ? count : 0
        };
      },
      write: function (kind, v, n) {
        if (kind === 'state') {
          if (v.length > 64000) { AC.warn('suspend_data over 64000 characters: not sent'); return false; }
          return set('cmi.suspend_data', v);
        }
        if (kind === 'location') return String(v).length <= 1000 && set('cmi.location', v);
        if (kind === 'progress') return set('cmi.progress_measure', AC.fmt.fixed(v, 2));
        if (kind === 'score') {
          var raw = Math.max(0, Math.min(100, Math.round(v.raw)));
          return set('cmi.score.min', '0') && set('cmi.score.max', '100') &&
            set('cmi.score.raw', String(raw)) && set('cmi.score.scaled', AC.fmt.fixed(raw / 100, 2));
        }
        if (kind === 'status') {
          var s = statuses(v, current);
          var ok = true;
          if (s.completion !== current.completion) {
            ok = set('cmi.completion_status', s.completion);
            if (ok) current.completion = s.completion;
          }
          // Set explicitly: Moodle never derives success_status.
          if (s.success !== current.success) {
            var okS = set('cmi.success_status', s.success);
            if (okS) current.success = s.success;
            ok = ok && okS;
          }
          return ok;
        }
        if (kind === 'answer' || kind === 'declare') return answer(v, n, kind === 'declare');
        return false;
      },
      commit: function () {
        if (closed) return false;
        var ok = String(api.Commit('')) === 'true';
        if (!ok) AC.warn('Commit failed', String(api.GetLastError()));
        return ok;
      },
      handover: function () { return { startedAt: startedAt }; },
      close: function (finished) {
        set('cmi.exit', finished ? 'normal' : 'suspend');
        set('cmi.session_time', AC.fmt.iso(Date.now() - startedAt));
        var ok = false;
        try { ok = driver.commit(); } catch (e) { AC.warn('Commit', e && e.message); }
        closed = true;   // Terminate once, whatever it answers
        if (String(api.Terminate('')) !== 'true') AC.warn('Terminate failed', String(api.GetLastError()));
        return ok;
      }
    };
    return AC.makeTracker(driver, config);
  };
  AC.scorm2004 = { statuses: statuses, response: response, rid: rid };
})(window.AICOURSE = window.AICOURSE || {});
