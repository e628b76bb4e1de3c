/* Language switch (a profile with language_switch): the package holds one page per language,
   each linking to the others. Following a link must not end the LMS session - SCORM allows one
   Initialize and one Terminate per session, a cmi5 fetch URL works once - so the runtime commits
   without finishing, leaves a handover in sessionStorage and replaces the page; the other page
   takes the handover at boot and continues the same session on the same page (docs/runtime.md). */
(function (AC) {
  'use strict';
  var MAX_AGE = 120000;   // a handover older than this is stale: the next launch starts afresh

  function key(config) { return 'aicourse:handover:' + config.course.storageKey; }

  AC.handover = {
    /** What the previous page left for this one ({at, page, lms}), once; or null. */
    take: function (config) {
      try {
        var raw = window.sessionStorage.getItem(key(config));
        if (raw == null) return null;
        window.sessionStorage.removeItem(key(config));
        var h = JSON.parse(raw);
        var age = Date.now() - (h && h.at);
        return age >= 0 && age < MAX_AGE ? h : null;
      } catch (e) {
        return null;
      }
    },
    give: function (config, h) {
      try {
        window.sessionStorage.setItem(key(config), JSON.stringify(h));
        return true;
      } catch (e) {
        return false;
      }
    },
    /** Can this page hand its session over (sessionStorage may be refused in a frame)? */
    possible: function (config) {
      var probe = key(config) + ':probe';
      try {
        window.sessionStorage.setItem(probe, '1');
        window.sessionStorage.removeItem(probe);
        return true;
      } catch (e) {
        return false;
      }
    }
  };

  /** Save, hand the session over, then replace this page by `href` (same launch parameters). */
  function go(app, href) {
    if (app.switching) return;
    app.switching = true;
    app.leave();
    var page = app.nav.current();
    Promise.resolve(app.tracker.handover()).catch(function (e) {
      AC.warn('handover', e && e.message);
      return null;
    }).then(function (lms) {
      AC.handover.give(app.config, { at: Date.now(), page: page, lms: lms });
      // replace: Back must not reopen a page whose session has moved on
      window.location.replace(href + window.location.search);
    });
  }

  AC.language = {
    /** Show the switch (hidden in the HTML: a click before the runtime runs would end the
        session) once a handover is possible, and take over its links. */
    init: function (app) {
      var links = AC.$$('a[data-ac="language"]');
      if (!links.length) return;
      if (!AC.handover.possible(app.config)) {
        AC.warn('no sessionStorage: no language switch, it would end the LMS session');
        return;
      }
      AC.$$('[data-ac="languages"]').forEach(function (el) { el.hidden = false; });
      links.forEach(function (a) {
        a.addEventListener('click', function (ev) {
          ev.preventDefault();   // a new tab would start a second session: always switch here
          go(app, a.getAttribute('href'));
        });
      });
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
