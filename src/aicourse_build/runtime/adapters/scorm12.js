/* SCORM 1.2 adapter: the Tracker over window.API (standards.md, section 2). */
(function (AC) {
  'use strict';
  var FINAL = { passed: 1, completed: 1, failed: 1 };
  var RESULT = { correct: 'correct', incorrect: 'wrong', neutral: 'neutral' };
  var TYPE = { 'long-fill-in': 'fill-in' };   // 1.2 has no long-fill-in

  /** lesson_status for a decision; never "not attempted" or another LMS-only value. */
  function lessonStatus(status, current) {
    var s = status.passed === false ? 'failed'
      : status.completed ? (status.passed ? 'passed' : 'completed') : 'incomplete';
    if (current === 'passed' || (s === 'incomplete' && FINAL[current])) return current;
    return s;
  }

  // CMIIdentifier: letters, digits, "-" and "_" only, at most 255.
  function ident(id) { return String(id).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 255); }

  /** student_response / correct_responses pattern in 1.2's formats. */
  function response(kind, v) {
    if (v == null) return null;
    if (kind === 'true-false') return v === true || v === 'true' ? 't' : 'f';
    if (kind === 'matching') return v.map(function (p) { return p[0] + '.' + p[1]; }).join(',');
    if (Array.isArray(v)) return v.join(',');
    return String(v).replace(/\s+/g, ' ');   // never cut: the field keeps to limits.text
  }

  AC.adapters.scorm12 = function (config) {
    var api = null;
    var status = '';
    var startedAt = 0;
    var closed = false;

    // Errors are logged, never thrown: some LMS wrappers throw instead of returning "false".
    function get(name) {
      try {
        var v = api.LMSGetValue(name);
        var err = String(api.LMSGetLastError());
        if (err === '0') return v == null ? '' : String(v);
        AC.warn('LMSGetValue', name, 'error', err);
      } catch (e) {
        AC.warn('LMSGetValue', name, e && e.message);
      }
      return '';
    }
    function set(name, value) {
      if (closed) return false;
      try {
        var ok = String(api.LMSSetValue(name, String(value))) === 'true';
        var err = String(api.LMSGetLastError());
        if (ok && err === '0') return true;
        AC.warn('LMSSetValue', name, 'error', err, api.LMSGetErrorString ? api.LMSGetErrorString(err) : '');
      } catch (e) {
        AC.warn('LMSSetValue', name, e && e.message);
      }
      return false;
    }

    // declare: only the id, the type and a given response (an empty slot; slot 0 the version)
    function answer(a, n, declare) {
      var p = 'cmi.interactions.' + n + '.';
      var ok = set(p + 'id', ident(a.id));
      ok = set(p + 'type', TYPE[a.kind] || a.kind) && ok;
      var r = response(a.kind, a.response);
      if (r != null && r.length > 255) AC.warn('student_response over 255 characters: not sent', a.id);
      else if (r != null) ok = set(p + 'student_response', r) && ok;
      if (declare) return ok;
      ok = set(p + 'time', AC.fmt.clock(new Date(a.at))) && ok;
      ok = set(p + 'result', RESULT[a.result] || 'neutral') && ok;
      ok = set(p + 'weighting', String(Math.round(a.weight || 0))) && ok;
      ok = set(p + 'latency', AC.fmt.hms(a.latencyMs)) && ok;
      var c = response(a.kind, a.correct);
      if (c != null && c.length <= 255) ok = set(p + 'correct_responses.0.pattern', c) && ok;
      return ok;
    }

    var driver = {
      limits: { state: 4096, location: 255, text: 255 },
      open: function (handover) {
        api = AC.findApi('API');
        if (!api) return null;
        // After a language switch the session is open already: a second LMSInitialize would be
        // an error. Reading lesson_mode without an error proves it is still open.
        var mode = handover && handover.startedAt ? AC.continued(api, 'LMSGetValue', 'LMSGetLastError', 'cmi.core.lesson_mode') : null;
        if (mode == null && String(api.LMSInitialize('')) !== 'true') {
          AC.warn('LMSInitialize failed', String(api.LMSGetLastError()));
          return null;
        }
        startedAt = mode == null ? Date.now() : handover.startedAt;
        mode = mode || get('cmi.core.lesson_mode') || 'normal';
        status = get('cmi.core.lesson_status');
        var mastery = get('cmi.student_data.mastery_score');
        var c = config.completion || {};
        if (mastery && c.assessment && Number(mastery) !== c.passingScore) {
          AC.warn('manifest mastery score', mastery, 'differs from the passing score', c.passingScore);
        }
        // Set at once: otherwise LMSFinish may turn "not attempted" into "completed".
        if ((status === 'not attempted' || !status) && mode === 'normal') {
          if (set('cmi.core.lesson_status', 'incomplete')) status = 'incomplete';
        }
        var count = parseInt(get('cmi.interactions._count'), 10);
        return {
          state: get('cmi.suspend_data') || null,
          location: get('cmi.core.lesson_location') || null,
          entry: get('cmi.core.entry') === 'resume' ? 'resume' : 'ab-initio',
          mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
          credit: get('cmi.core.credit') !== 'no-credit',
          count: count > 0 ? count : 0
        };
      },
      write: function (kind, v, n) {
        if (kind === 'state') {
          if (v.length > 4096) { AC.warn('suspend_data over 4096 characters: not sent'); return false; }
          return set('cmi.suspend_data', v);
        }
        if (kind === 'location') return String(v).length <= 255 && set('cmi.core.lesson_location', v);
        if (kind === 'progress') return true;   // no such element in 1.2
        if (kind === 'score') {
          var raw = Math.max(0, Math.min(100, Math.round(v.raw)));
          return set('cmi.core.score.min', '0') && set('cmi.core.score.max', '100') &&
            set('cmi.core.score.raw', String(raw));
        }
        if (kind === 'status') {
          var s = lessonStatus(v, status);
          if (s === status) return true;
          if (!set('cmi.core.lesson_status', s)) return false;
          status = s;
          return true;
        }
        if (kind === 'answer' || kind === 'declare') return answer(v, n, kind === 'declare');
        return false;
      },
      commit: function () {
        if (closed) return false;   // nothing after LMSFinish
        var ok = String(api.LMSCommit('')) === 'true';
        if (!ok) AC.warn('LMSCommit failed', String(api.LMSGetLastError()));
        return ok;
      },
      handover: function () { return { startedAt: startedAt }; },
      close: function (finished) {
        set('cmi.core.exit', finished ? '' : 'suspend');
        set('cmi.core.session_time', AC.fmt.hms(Date.now() - startedAt));
        var ok = false;
        try { ok = driver.commit(); } catch (e) { AC.warn('LMSCommit', e && e.message); }
        closed = true;   // LMSFinish once, whatever it answers
        if (String(api.LMSFinish('')) !== 'true') AC.warn('LMSFinish failed', String(api.LMSGetLastError()));
        return ok;
      }
    };
    return AC.makeTracker(driver, config);
  };
  AC.scorm12 = { lessonStatus: lessonStatus, response: response, ident: ident };
})(window.AICOURSE = window.AICOURSE || {});
