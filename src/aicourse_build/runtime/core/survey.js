/* Survey: Likert items recorded as interactions; the comment is free text (privacy rules). */
(function (AC) {
  'use strict';
  AC.survey = {
    init: function (app, el) {
      var id = el.getAttribute('data-ac-survey');
      var conf = (app.config.surveys || {})[id];
      if (!conf) return;
      var st = app.model.surveys[id];
      if (!st) st = app.model.surveys[id] = { done: false, items: {} };
      var items = {};
      (conf.items || []).forEach(function (it) { items[it.id] = it; });
      var comment = AC.$('[data-ac-comment]', el);
      var commentId = comment && comment.getAttribute('data-ac-comment');
      var submit = AC.$('[data-ac="submit"]', el);
      var status = AC.$('[data-ac="status"], [role="status"]', el);
      if (status) status.removeAttribute('role');  // the announcer speaks instead

      AC.$$('[data-ac-item]', el).forEach(function (fs) {
        var v = st.items[fs.getAttribute('data-ac-item')];
        AC.$$('input', fs).forEach(function (i) { i.checked = String(v) === i.value; });
      });
      if (comment) { comment.value = app.texts.get(commentId) || ''; AC.counter(app, comment); }

      function lock() {
        AC.$$('input, textarea', el).forEach(function (c) { c.disabled = st.done; });
        if (submit) submit.setAttribute('aria-disabled', String(st.done));
        if (status) status.textContent = st.done ? AC.t('surveyThanks') : '';
      }

      el.addEventListener('change', function (ev) {
        var fs = ev.target.closest('[data-ac-item]');
        var itemId = fs && fs.getAttribute('data-ac-item');
        if (!itemId || !items[itemId] || st.done) return;
        st.items[itemId] = Number(ev.target.value) || 0;
        app.save();
      });
      if (comment) comment.addEventListener('input', function () { app.texts.set(commentId, comment.value); });

      if (submit) submit.addEventListener('click', function () {
        if (st.done) return;
        var text = comment ? comment.value.trim() : '';
        var answeredIds = Object.keys(st.items).filter(function (k) { return st.items[k] >= 1; });
        if (!answeredIds.length && !text) { AC.announce(AC.t('surveyEmpty')); return; }
        (conf.items || []).forEach(function (it) {
          if (!(st.items[it.id] >= 1)) return;
          app.record({ id: id + '__' + it.id, kind: 'likert', response: String(st.items[it.id]),
            correct: null, result: 'neutral', latencyMs: 0, description: it.description || '', weight: 0 });
        });
        if (text && app.config.privacy && app.config.privacy.freeText === 'send') {
          app.record({ id: id + '__' + commentId, kind: 'long-fill-in', response: text,
            correct: null, result: 'neutral', latencyMs: 0, description: conf.description || '', weight: 0 });
        }
        st.done = true;
        lock();
        app.save();
        app.tracker.flush();
        AC.announce(AC.t('surveyThanks'));
      });
      lock();
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
