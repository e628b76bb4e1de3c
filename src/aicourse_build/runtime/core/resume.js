/* Resuming after a new version of the course was published: where to resume when the saved
   page is gone, and a notice of the pages before that one the learner has not seen, shown when
   the saved state was written against another set of pages (core/state.js, `pageset`). */
(function (AC) {
  'use strict';
  function ids(config) { return (config.pages || []).map(function (p) { return p.id; }); }

  /** The page to resume on: the saved one if it still exists; else the page after the
      furthest one seen (the saved page was removed), else the first not seen; null: the start. */
  function place(config, model, location) {
    var order = ids(config);
    if (!location || order.indexOf(location) >= 0) return location || null;
    var far = order.length - 1;
    while (far >= 0 && !model.visited[order[far]]) far--;
    var after = order.slice(far + 1).concat(order).filter(function (id) { return !model.visited[id]; });
    return after[0] || null;
  }

  /** Pages before `here` not seen, when `state` was written against another page set (format
      1 always): new pages, and any the learner skipped. Empty on a fresh start. */
  function pending(config, model, state, here) {
    var h = AC.state.header(state);
    if (!h || h.set === AC.index(config).set) return [];
    var order = ids(config);
    return order.slice(0, Math.max(0, order.indexOf(here))).filter(function (id) { return !model.visited[id]; });
  }

  function make(tag, text) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    return el;
  }

  /** At a resume: a notice at the top of the content with a link to each page pending(); a
      link goes when its page is shown, the notice when none is left. Announced once. */
  function notice(app, state) {
    var list = pending(app.config, app.model, state, app.nav.current());
    var main = AC.$('main');
    if (!list.length || !main) return;
    var box = make('section');
    box.className = 'ac-updated';
    var text = box.appendChild(make('p', AC.t('courseUpdated')));
    text.id = 'ac-updated-text';
    box.setAttribute('aria-labelledby', text.id);
    var ul = box.appendChild(make('ul'));
    var names = [];
    list.forEach(function (id) {
      var page = AC.$('section.page[data-ac-page="' + id + '"]');
      if (!page) return;
      var name = (AC.$('h1, h2', page) || page).textContent.trim();
      names.push(name);
      var li = ul.appendChild(make('li'));
      var a = li.appendChild(make('a', name));
      a.setAttribute('href', '#' + page.id);
      page.addEventListener('ac-show', function () {
        if (li.parentNode) ul.removeChild(li);
        if (!ul.children.length && box.parentNode) main.removeChild(box);
      });
    });
    if (!names.length) return;
    main.insertBefore(box, main.firstChild);
    AC.announce(AC.t('courseUpdated') + ' ' + names.join('; '));
  }

  AC.resume = { place: place, pending: pending, notice: notice };
})(window.AICOURSE = window.AICOURSE || {});
