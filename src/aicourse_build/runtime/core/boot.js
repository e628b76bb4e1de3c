/* Boot: read #aicourse-config, pick the adapter the build included (falling back to
   localStorage when no LMS answers), restore the saved state, start the blocks. */
(function (AC) {
  'use strict';

  /** handover: what the previous page of a language switch left (core/language.js), or null. */
  function run(config, tracker, launch, handover) {
    var app = AC.app = {
      config: config, tracker: tracker, launch: launch,
      tracking: launch.mode === 'normal',   // browse/review: look, but report nothing
      texts: AC.localText(config, (AC.state.header(launch.state) || {}).version),
      model: AC.state.decode(launch.state, config)
    };
    // Blocks that hold a choice back a moment (the group self-report) send it now: the page
    // is going away, and a choice kept only in the resume state would never be reported.
    app.settling = [];
    app.save = function () {
      if (launch.mode !== 'review') tracker.saveState(AC.state.encode(app.model, config, tracker.limits.state));
    };
    app.leave = function () {
      app.settling.forEach(function (send) { send(); });
      app.save();
    };
    app.record = function (answer) { if (app.tracking) tracker.recordAnswer(answer); };
    app.evaluate = function (quiet) { return AC.completion.evaluate(app, quiet); };
    tracker.onSaveProblem = function (failing) { AC.announce(AC.t(failing ? 'saveFailed' : 'saveRecovered')); };

    AC.$$('[data-ac-quiz]').forEach(function (el) { AC.quiz.init(app, el); });
    AC.$$('[data-ac-survey]').forEach(function (el) { AC.survey.init(app, el); });
    AC.$$('[data-ac-reflection]').forEach(function (el) { AC.reflection.init(app, el); });
    AC.$$('[data-ac-group]').forEach(function (el) { AC.group.init(app, el); });
    if (AC.layout) AC.layout();
    app.nav = AC.nav.init(app);

    var first = (handover && handover.page) || AC.resume.place(config, app.model, launch.location);
    var hash = window.location.hash.slice(1);
    if (!first && hash && app.nav.ids.indexOf(hash) >= 0) first = hash;
    app.nav.show(first, null, true);
    if (handover) app.nav.focusHeading();   // the learner chose this: they are on the page
    else AC.resume.notice(app, launch.state);
    tracker.flush();   // commits the "incomplete" an adapter sets on first entry
    AC.language.init(app);

    // pagehide and visibilitychange, never unload (bfcache, and LMS frames that never unload).
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') { app.leave(); tracker.flush(); }
    });
    // (after a language switch the tracker has handed over and terminate() does nothing)
    window.addEventListener('pagehide', function () { app.leave(); tracker.terminate(); });
  }

  /* cmi5 with one AU per module: launched as index.html?au=<module>, the course narrows to
     that module's pages (and its test, if it holds the assessment); other pages leave the DOM. */
  function scopeToUnit(config) {
    var match = /[?&]au=([^&#]*)/.exec(window.location.search || '');
    if (!config.xapi || !config.xapi.auPerModule || !match) return;
    var unit = decodeURIComponent(match[1]);
    var kept = config.pages.filter(function (p) { return p.module === unit; });
    if (!kept.length) return;
    var ids = kept.map(function (p) { return p.id; });
    AC.$$('section.page[data-ac-page]').forEach(function (el) {
      if (ids.indexOf(el.getAttribute('data-ac-page')) < 0) el.parentNode.removeChild(el);
    });
    AC.$$('[data-ac="toc"] a[data-ac-page]').forEach(function (a) {
      if (ids.indexOf(a.getAttribute('data-ac-page')) < 0) a.parentNode.parentNode.removeChild(a.parentNode);
    });
    config.pages = kept;
    config.completion.pages = config.completion.pages.filter(function (id) { return ids.indexOf(id) >= 0; });
    var test = config.completion.assessment;
    if (test && !document.querySelector('[data-ac-quiz="' + test + '"]')) config.completion.assessment = null;
    config.course.storageKey += ':' + unit;
  }

  function boot() {
    var node = document.getElementById('aicourse-config');
    if (!node) return;
    var config;
    try { config = JSON.parse(node.textContent); } catch (e) { AC.warn('config is not JSON'); return; }
    scopeToUnit(config);
    AC.strings = config.strings || {};
    document.documentElement.classList.add('ac-js');
    AC.figures.init();   // presentation only: before, and whatever becomes of, tracking
    function local() { return AC.makeTracker(AC.localDriver(config), config); }
    var make = AC.adapters[config.target];
    var tracker = make ? make(config) : local();
    var handover = AC.handover.take(config);
    tracker.start(handover && handover.lms).catch(function () {
      AC.warn('no LMS answered: progress is kept in this browser only');
      tracker = local();
      return tracker.start();
    }).then(function (launch) { run(config, tracker, launch, handover); }).catch(function (e) {
      AC.warn('runtime error', e && (e.stack || e.message));
    });
  }

  if (typeof document !== 'undefined' && document.getElementById) {
    // Deferred so that the adapter, concatenated after this file, has registered itself.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
    else setTimeout(boot, 0);
  }
})(window.AICOURSE = window.AICOURSE || {});
