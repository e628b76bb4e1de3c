/* Group self-report: one choice, kept in the resume state; sent only when privacy.group == "send". */
(function (AC) {
  'use strict';
  AC.group = {
    init: function (app, el) {
      var id = el.getAttribute('data-ac-group');
      var conf = (app.config.groups || {})[id];
      var select = AC.$('select', el);
      if (!conf || !select) return;
      // A choice made before the runtime started (a slow LMS) is kept, not reset.
      var early = !app.model.groups[id] && select.value;
      if (!early) select.value = app.model.groups[id] || '';
      var sent = early ? '' : select.value;
      var timer = null;
      // Arrow keys on a closed select fire "change" for every step: send once it settles.
      function send() {
        clearTimeout(timer);
        var v = select.value;
        if (v === sent) return;
        sent = v;
        if (v && app.config.privacy && app.config.privacy.group === 'send') {
          app.record({ id: id, kind: 'choice', response: [v], correct: null, result: 'neutral',
            latencyMs: 0, description: conf.description || '', weight: 0 });
        }
        app.tracker.flush();
        AC.announce(AC.t('groupSaved'));
      }
      function changed() {
        var v = select.value;
        if (v && (conf.options || []).indexOf(v) >= 0) app.model.groups[id] = v;
        else delete app.model.groups[id];
        app.save();
        clearTimeout(timer);
        timer = setTimeout(send, 1500);
      }
      select.addEventListener('change', changed);
      select.addEventListener('blur', send);
      app.settling.push(send);   // the page may go before the choice settles
      if (early) changed();
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
