/* Navigation: one page section shown at a time (no hash changes), next/previous, table of
   contents with each page's state, progress bar with remaining time, focus on page change. */
(function (AC) {
  'use strict';
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  AC.nav = {
    init: function (app) {
      var pages = AC.$$('section.page[data-ac-page]');
      var ids = pages.map(function (p) { return p.getAttribute('data-ac-page'); });
      var byId = {};
      pages.forEach(function (p, i) { byId[ids[i]] = p; });
      var baseTitle = document.title;
      var current = null;
      // The furthest page visited, in course order: recorded in its slot (SCORM) when it grows.
      var order = (app.config.pages || []).map(function (p) { return p.id; });
      function furthest() {
        var i = order.length - 1;
        while (i >= 0 && !app.model.visited[order[i]]) i--;
        return i;
      }
      var far = furthest();

      var toc = {};
      AC.$$('[data-ac="toc"] a[data-ac-page]').forEach(function (a) {
        var mark = make('span', 'ac-toc-state');
        var icon = make('span', 'ac-icon', '\u2713');
        icon.setAttribute('aria-hidden', 'true');
        mark.appendChild(icon);
        mark.appendChild(make('span', 'visually-hidden', ' (' + AC.t('visited') + ')'));
        mark.hidden = true;
        a.appendChild(mark);
        toc[a.getAttribute('data-ac-page')] = { a: a, mark: mark };
      });

      var prev = AC.$('[data-ac="prev"]');
      var next = AC.$('[data-ac="next"]');
      var pager = AC.$('[data-ac="pager"]');
      if (pager) pager.hidden = false;

      var progress = AC.$('[data-ac="progress"]');
      var bar = null;
      var fill = null;
      var label = null;
      if (progress) {
        progress.textContent = '';
        bar = make('div', 'ac-progressbar');
        bar.setAttribute('role', 'progressbar');
        bar.setAttribute('aria-valuemin', '0');
        bar.setAttribute('aria-valuemax', '100');
        bar.setAttribute('aria-label', AC.t('progressLabel'));
        fill = make('span', 'ac-progress-fill');
        bar.appendChild(fill);
        label = make('p', 'ac-progress-text');
        label.setAttribute('aria-hidden', 'true');  // the same text is the bar's aria-valuetext
        progress.appendChild(bar);
        progress.appendChild(label);
        progress.hidden = false;
      }

      function heading(section) {
        var h = AC.$('h1, h2', section) || section;
        if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
        return h;
      }

      function update() {
        var all = app.config.pages || [];
        var seen = all.filter(function (p) { return app.model.visited[p.id]; });
        var pct = all.length ? Math.round((100 * seen.length) / all.length) : 100;
        var secs = all.reduce(function (n, p) { return n + (app.model.visited[p.id] ? 0 : p.seconds || 0); }, 0);
        var text = AC.t(secs ? 'progressText' : 'progressDone', { percent: pct, minutes: Math.ceil(secs / 60) });
        if (bar) {
          bar.setAttribute('aria-valuenow', String(pct));
          bar.setAttribute('aria-valuetext', text);
          fill.style.width = pct + '%';
          label.textContent = text;
        }
        Object.keys(toc).forEach(function (id) {
          var entry = toc[id];
          var here = id === current;
          if (here) entry.a.setAttribute('aria-current', 'page'); else entry.a.removeAttribute('aria-current');
          entry.a.classList.toggle('ac-current', here);
          entry.a.classList.toggle('ac-visited', !!app.model.visited[id]);
          entry.mark.hidden = !app.model.visited[id];
        });
        var i = ids.indexOf(current);
        if (prev) prev.disabled = i <= 0;
        if (next) next.disabled = i >= ids.length - 1;
        if (app.tracking) app.tracker.setProgress(all.length ? seen.length / all.length : 1);
      }

      /** Show one page; focus its heading (or `target` inside it) unless this is the launch. */
      function show(id, target, initial) {
        if (!byId[id]) id = ids[0];
        if (!id) return;
        if (current && current !== id) {
          AC.$$('video, audio', byId[current]).forEach(function (m) { try { m.pause(); } catch (e) { /* */ } });
        }
        pages.forEach(function (p, i) { p.hidden = ids[i] !== id; });
        current = id;
        app.model.visited[id] = true;
        var f = furthest();
        if (f > far) {
          far = f;
          if (app.config.slots) {
            app.record({ id: 'aicourse-progress', kind: 'fill-in', response: order[f], result: 'neutral' });
          }
        }
        byId[id].dispatchEvent(new CustomEvent('ac-show'));   // e.g. a quiz starts its clock
        var h = heading(byId[id]);
        document.title = h.textContent.trim() + (baseTitle ? ' \u2013 ' + baseTitle : '');
        update();
        if (app.tracking && app.tracker.pageViewed) app.tracker.pageViewed(id);
        if (!initial) {
          if (target && !target.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
            target.setAttribute('tabindex', '-1');
          }
          (target || h).focus();
        }
        if (app.launch.mode !== 'review') app.tracker.setLocation(id);
        app.save();
        app.evaluate(initial);
        if (!initial) app.tracker.flush();
      }

      function step(delta) {
        var i = ids.indexOf(current) + delta;
        if (i >= 0 && i < ids.length) show(ids[i]);
      }
      if (prev) prev.addEventListener('click', function () { step(-1); });
      if (next) next.addEventListener('click', function () { step(1); });

      // In-page links (TOC, skip link, links between pages): show the page, never change the hash.
      document.addEventListener('click', function (ev) {
        if (ev.defaultPrevented || ev.button || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
        var a = ev.target.closest && ev.target.closest('a[href^="#"]');
        if (!a) return;
        var hash = a.getAttribute('href').slice(1);
        try { hash = decodeURIComponent(hash); } catch (e) { /* keep it raw */ }
        var el = hash && document.getElementById(hash);
        if (a.classList.contains('skip-link') || (el && el.id === 'main')) {
          ev.preventDefault();
          heading(byId[current]).focus();
          return;
        }
        var page = el && el.closest('section.page[data-ac-page]');
        if (!page) return;
        ev.preventDefault();
        show(page.getAttribute('data-ac-page'), el === page ? null : el);
      });

      return { show: show, current: function () { return current; }, ids: ids,
        focusHeading: function () { heading(byId[current]).focus(); } };
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
