/* Completion policy (config.completion). Completion and success are decided here once, in
   standard-free terms; each adapter maps {completed, passed} to its own status elements. */
(function (AC) {
  'use strict';

  /**
   * @param {{pagesDone: boolean, missing: (string[]|undefined), assessment: boolean,
   *          submitted: boolean, passed: boolean, onFail: "failed"|"incomplete"}} f
   *        missing: required reflections without text; like an unvisited required page, each
   *        holds completion back (never success)
   * @returns {{completed: boolean, passed: (boolean|null)}}  passed null: nothing to report.
   *   completed: everything required was done (with a failed test too: cmi5 needs that fact);
   *   the course counts as finished only when completed and passed !== false, and each adapter
   *   reports exactly that as its "complete" (docs/completion.md).
   */
  function decide(f) {
    var done = f.pagesDone && !(f.missing && f.missing.length);
    if (!f.assessment) return { completed: done, passed: null };
    if (!f.submitted) return { completed: false, passed: null };
    // A pass is held back until the rest is done: LMSs count "passed" alone as complete.
    if (f.passed) return done ? { completed: true, passed: true } : { completed: false, passed: null };
    if (f.onFail === 'incomplete') return { completed: false, passed: null };
    return { completed: done, passed: false };
  }

  /** The facts for decide(), read from the resume model. */
  function facts(config, model) {
    var c = config.completion || {};
    var required = c.pages && c.pages.length ? c.pages : (config.pages || []).map(function (p) { return p.id; });
    var quiz = c.assessment ? model.quizzes[c.assessment] : null;
    var submitted = !!quiz && quiz.score != null;
    var refl = config.reflections || {};
    return {
      pagesDone: required.every(function (id) { return !!model.visited[id]; }),
      // required reflections on a required page (a cmi5 unit keeps only its own) without text
      missing: Object.keys(refl).filter(function (id) {
        var r = refl[id];
        return r.required && (!r.page || required.indexOf(r.page) >= 0) && !model.notes[id];
      }),
      assessment: !!c.assessment,
      submitted: submitted,
      passed: submitted && quiz.score >= (c.passingScore || 0),
      onFail: c.onFail === 'incomplete' ? 'incomplete' : 'failed'
    };
  }

  var last = null;
  /** Report the status (when tracking) and show the badge; announce when it is newly earned. */
  function evaluate(app, quiet) {
    var f = facts(app.config, app.model);
    var status = decide(f);
    AC.reflection.missing(app, f.missing, quiet);
    var key = JSON.stringify(status);
    if (key === last) return status;
    var wasDone = last && JSON.parse(last);
    last = key;
    if (app.tracking) app.tracker.complete(status);
    var done = status.completed && status.passed !== false;
    var badge = AC.$('[data-ac="badge"]');
    if (badge) {
      badge.removeAttribute('role');  // announced below, once
      badge.hidden = !done;
    }
    if (done && !quiet && !(wasDone && wasDone.completed && wasDone.passed !== false)) {
      AC.announce(AC.t('courseCompleted') + (badge ? ' ' + badge.textContent.trim() : ''));
    }
    return status;
  }

  AC.completion = { decide: decide, facts: facts, evaluate: evaluate };
})(window.AICOURSE = window.AICOURSE || {});
