/* cmi5 adapter (standards.md 5): the AU launch sequence over AC.xapi (adapters/xapi.js, bundled
   before this file). */
(function (AC) {
  'use strict';
  var X = AC.xapi;

  function add(tag, cls, text) {
    var el = document.createElement(tag);
    el.className = cls;
    el.textContent = text;
    return (AC.$('.course-header') || document.body).appendChild(el);
  }
  function notice(text) {
    if (typeof document === 'undefined') return;
    AC.$$('.layout, .ac-exit').forEach(function (el) { el.hidden = true; });
    var box = add('p', 'ac-notice', text);
    box.tabIndex = -1;
    box.focus();
    AC.announce(text);
  }
  function stop(text, why) {
    AC.warn('cmi5 launch failed:', why);
    notice(text);
    return new Promise(function () {});
  }
  function used(url) {
    try {
      if (sessionStorage.getItem(url)) return true;
      sessionStorage.setItem(url, '1');
    } catch (e) { /* the LMS refuses a second POST */ }
    return false;
  }

  AC.adapters.cmi5 = function (config) {
    var returnURL;
    var session;
    function ready(s, prefs) {
      var audio = (prefs || {}).audioPreference;
      t.preferences = prefs;
      if (typeof document !== 'undefined') {
        if (/^(on|off)$/.test(audio)) AC.$$('video, audio').forEach(function (m) { m.muted = audio === 'off'; });
        var b = add('button', 'ac-exit', AC.t('exitCourse'));
        b.type = 'button';
        b.addEventListener('click', function () { b.disabled = true; t.exit(); });
      }
      return (session = s);
    }
    var t = X.tracker(config, function (going) {
      var p = X.params(window.location.search);
      var s = { cmi5: true, registration: p.registration, object: p.activityId, endpoint: (p.endpoint || '').replace(/\/?$/, '/') };
      // After a language switch: the fetch URL is spent; the previous page's token goes on.
      var c = going && going.cmi5;
      if (c && c.s.registration === s.registration && c.s.object === s.object) {
        returnURL = c.returnURL;
        t.launchData = c.launchData;
        return ready(c.s, c.preferences);
      }
      try { s.actor = X.actor(p.actor); } catch (e) { /* below */ }
      if (!p.endpoint || !p.fetch || !s.actor || !s.registration || !s.object) return stop(AC.t('launchFromLms'));
      if (used('aicourse:cmi5:' + p.fetch)) return stop(AC.t('launchUsed'));
      var agent = JSON.stringify(s.actor);
      return window.fetch(p.fetch, { method: 'POST', cache: 'no-store' }).then(function (r) {
        return r.json();
      }).then(function (body) {
        if (!body['auth-token']) throw new Error('fetch: ' + body['error-code'] + ' ' + body['error-text']);
        s.auth = 'Basic ' + body['auth-token'];
        return X.getDoc(s, 'activities/state', { stateId: 'LMS.LaunchData', activityId: s.object, agent: agent,
          registration: s.registration }, 3);
      }).then(function (data) {
        if (!data.contextTemplate) throw new Error('no contextTemplate');
        t.launchData = data;
        s.template = data.contextTemplate;
        s.mode = { Browse: 'browse', Review: 'review' }[data.launchMode] || 'normal';
        s.mastery = parseFloat(data.masteryScore) >= 0 ? +data.masteryScore : null;
        returnURL = data.returnURL;
        return X.getDoc(s, 'agents/profile', { profileId: 'cmi5LearnerPreferences', agent: agent }, 1)
          .catch(function (e) { AC.warn('no learner preferences:', e.message); });
      }).then(function (prefs) { return ready(s, prefs); },
        function (e) { return stop(AC.t('launchFailed'), e && e.message); });
    });

    // The session's token travels to the next page (sessionStorage, read once there).
    var handover = t.handover;
    t.handover = function () {
      var done = handover();
      return done && done.then(function (h) {
        h.cmi5 = { s: session, returnURL: returnURL, launchData: t.launchData, preferences: t.preferences };
        return h;
      });
    };

    t.exit = function () {
      if (AC.app) AC.app.save();
      t.terminate();
      return t.sync(8000).then(function (ok) {
        if (returnURL) window.location.href = returnURL;
        else notice(AC.t('courseClosed'));
        return ok;
      });
    };
    return t;
  };
})(window.AICOURSE = window.AICOURSE || {});
