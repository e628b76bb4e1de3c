/* Reflection: the text is always kept in this browser's localStorage; it is sent to the LMS only
   when the profile allows it (config.privacy.freeText == "send"). */
(function (AC) {
  'use strict';
  /** Free text by id, in localStorage under "<storageKey>:t" (never in the resume state). */
  AC.localText = function (config) {
    var key = config.course.storageKey + ':t';
    var all = AC.store.get(key) || {};
    return {
      get: function (id) { return all[id] || ''; },
      set: function (id, text) { all[id] = text; AC.store.set(key, all); }
    };
  };

  AC.reflection = {
    init: function (app, el) {
      var id = el.getAttribute('data-ac-reflection');
      var box = AC.$('textarea', el);
      if (!box || !(app.config.reflections || {})[id]) return;
      var conf = app.config.reflections[id];
      var send = app.config.privacy && app.config.privacy.freeText === 'send';
      // text typed before the runtime started (a slow LMS) is kept, not replaced by nothing
      var early = !app.texts.get(id) && box.value;
      var sent = early ? '' : (box.value = app.texts.get(id));
      box.addEventListener('input', function () {
        app.texts.set(id, box.value);
        var has = !!box.value.trim();
        if (!!app.model.notes[id] !== has) {
          if (has) app.model.notes[id] = true; else delete app.model.notes[id];
          app.save();
        }
      });
      if (early) box.dispatchEvent(new Event('input'));
      // Sent when the learner leaves the field, and only if it changed.
      box.addEventListener('change', function () {
        var text = box.value.trim();
        if (!send || !text || text === sent) return;
        sent = text;
        app.record({ id: id, kind: 'long-fill-in', response: text, correct: null,
          result: 'neutral', latencyMs: 0, description: conf.description || '', weight: 0 });
        app.tracker.flush();
      });
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
