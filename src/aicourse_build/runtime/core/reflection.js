/* Reflection: the text is always kept in this browser's localStorage; it is sent to the LMS only
   when the profile allows it (config.privacy.freeText == "send"). A required reflection
   (config.reflections[id].required) holds completion back until it has text (core/completion.js);
   once the course is completed, clearing the text does not take completion back. */
(function (AC) {
  'use strict';
  /** Free text by id, in localStorage under "<storageKey>:t" (never in the resume state). The
      storage key holds the course version: the first launch of a new version (`from`: the
      version the resume state was written with) starts from the texts of that version. */
  AC.localText = function (config, from) {
    var key = config.course.storageKey + ':t';
    var now = ':' + config.course.version + ':';
    var all = AC.store.get(key) ||
      (from && from !== config.course.version && AC.store.get(key.replace(now, ':' + from + ':'))) || {};
    return {
      get: function (id) { return all[id] || ''; },
      set: function (id, text) { all[id] = text; AC.store.set(key, all); }
    };
  };

  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = text || '';
    return el;
  }

  /** A free-text field's limit: what its target keeps when the text is sent (SCORM 1.2: 255),
      else 4000 (kept in this browser, SCORM 2004's long-fill-in, xAPI); and a counter under it,
      announced once near the limit and once at it, never on every keystroke. */
  AC.counter = function (app, box) {
    var p = app.config.privacy || {};
    var max = box.maxLength = (p.freeText === 'send' && app.tracker.limits.text) || 4000;
    var c = make('p', 'note ac-count');
    var near;
    c.setAttribute('id', box.id + '-count');
    box.parentNode.insertBefore(c, box.nextSibling);
    box.setAttribute('aria-describedby', ((box.getAttribute('aria-describedby') || '') + ' ' + box.id + '-count').trim());
    function show(say) {
      var n = box.value.length;
      var now = n >= max ? 2 : n >= max * 0.9 ? 1 : 0;
      c.textContent = AC.t('textCount', { n: n, max: max });
      if (say && now > near) AC.announce(c.textContent);
      near = now;
    }
    box.addEventListener('input', show);
    show();
  };

  // required reflections by id: {box, name} (the label's text), what the missing list links to
  var fields = {};
  var list, shown, said;

  AC.reflection = {
    init: function (app, el) {
      var id = el.getAttribute('data-ac-reflection');
      var box = AC.$('textarea', el);
      if (!box || !(app.config.reflections || {})[id]) return;
      var conf = app.config.reflections[id];
      var send = app.config.privacy && app.config.privacy.freeText === 'send';
      var label = AC.$('label', el);
      if (conf.required && label) {
        fields[id] = { box: box, name: label.textContent.trim() };
        label.appendChild(make('span', 'ac-required', ' ' + AC.t('reflectionRequired')));
      }
      // text typed before the runtime started (a slow LMS) is kept, not replaced by nothing
      var early = !app.texts.get(id) && box.value;
      var sent = early ? '' : (box.value = app.texts.get(id));
      AC.counter(app, box);
      box.addEventListener('input', function () {
        app.texts.set(id, box.value);
        var has = !!box.value.trim();
        if (!!app.model.notes[id] !== has) {
          if (has) app.model.notes[id] = true;
          // completion once reached stays: the flag of a required reflection is kept
          else if (conf.required && app.evaluate(true).completed) return;
          else delete app.model.notes[id];
          app.save();
          // reported at once; text typed before boot waits for the first page
          if (app.nav) { app.evaluate(); app.tracker.flush(); }
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
    },

    /** Before the badge: the required reflections still empty (ids), each a link to its field;
        announced once when the learner is on the last page. */
    missing: function (app, ids, quiet) {
      ids = ids.filter(function (id) { return fields[id]; });
      var key = ids.join();
      var badge = (list || key) && AC.$('[data-ac="badge"]');
      if (!badge) return;
      if (!list) list = badge.parentNode.insertBefore(make('div', 'ac-missing'), badge);
      var names = ids.map(function (id) { return fields[id].name; });
      if (key !== shown) {
        shown = key;
        list.hidden = !key;
        list.textContent = '';
        list.appendChild(make('p', '', AC.t('requiredMissing')));
        var ul = list.appendChild(make('ul', ''));
        ids.forEach(function (id, i) {
          var a = make('a', '', names[i]);
          a.setAttribute('href', '#' + fields[id].box.id);
          ul.appendChild(make('li', '')).appendChild(a);
        });
      }
      var nav = app.nav;
      if (quiet || !key || key === said || nav.current() !== nav.ids[nav.ids.length - 1]) return;
      said = key;
      AC.announce(AC.t('requiredMissing') + ' ' + names.join('; '));
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
