/* aicourse runtime: shared namespace and small helpers.
   Every file is its own IIFE on window.AICOURSE, so core/*.js and one adapter can simply be
   concatenated (bundle.json gives the order). ES2019, no dependencies, works from file://. */
(function (AC) {
  'use strict';
  var B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  AC.B62 = B62;
  AC.adapters = AC.adapters || {};
  AC.strings = AC.strings || {};
  AC.log = [];

  // Problems are logged, never thrown: a tracking error must not stop the learner.
  AC.warn = function () {
    var args = Array.prototype.slice.call(arguments);
    AC.log.push(args.join(' '));
    if (typeof console !== 'undefined') console.warn.apply(console, ['[aicourse]'].concat(args));
  };

  AC.$ = function (sel, root) { return (root || document).querySelector(sel); };
  AC.$$ = function (sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  };

  // UI text always comes from config.strings; "{name}" is replaced by vars.name.
  AC.t = function (key, vars) {
    var s = AC.strings[key];
    if (s == null) s = key;
    return String(s).replace(/\{(\w+)\}/g, function (m, name) {
      return vars && vars[name] != null ? String(vars[name]) : m;
    });
  };

  // localStorage can throw (private mode, sandboxed frames, some file:// setups): then keep the
  // values in memory for this session so the course still works.
  var memory = {};
  AC.store = {
    get: function (key) {
      try {
        var raw = window.localStorage.getItem(key);
        return raw == null ? null : JSON.parse(raw);
      } catch (e) {
        return key in memory ? JSON.parse(memory[key]) : null;
      }
    },
    set: function (key, value) {
      var raw = JSON.stringify(value);
      memory[key] = raw;
      try {
        window.localStorage.setItem(key, raw);
        return true;
      } catch (e) {
        return false;
      }
    }
  };

  // Everything the learner should hear goes through the one aria-live region. Emptied first so
  // that the same message twice is announced twice.
  AC.announce = function (text) {
    var el = typeof document !== 'undefined' && document.querySelector('[data-ac="announcer"]');
    if (!el) return;
    el.textContent = '';
    setTimeout(function () { el.textContent = text; }, 60);
  };

  AC.b62 = function (n) { return B62.charAt(n); };
  AC.unb62 = function (c) { return B62.indexOf(c); };

  // Seeded PRNG (mulberry32): the same seed gives the same draw and order after a resume.
  AC.rng = function (seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };

  // Small string hash to derive per-question seeds from one quiz seed.
  AC.hash = function (s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return h >>> 0;
  };

  AC.shuffle = function (list, rnd) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(rnd() * (i + 1));
      var x = a[i]; a[i] = a[j]; a[j] = x;
    }
    return a;
  };

  // Ids sorted by code point: codes in the resume state refer to this order, not to the
  // authored one, so reordering choices in the manuscript keeps saved answers valid.
  AC.sorted = function (ids) { return (ids || []).slice().sort(); };
})(window.AICOURSE = window.AICOURSE || {});
