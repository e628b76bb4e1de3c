/* Time and number formats that real LMSs accept (docs: standards.md, section 6).
   SCORM allows at most two fractional digits anywhere, so everything is rounded to 1/100 s. */
(function (AC) {
  'use strict';
  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = '0' + s;
    return s;
  }
  // 9999:59:59.99 is the longest SCORM 1.2 CMITimespan (4 hour digits).
  var MAX_12 = 35999999990;

  function parts(ms) {
    var cs = Math.round(Math.max(0, Number(ms) || 0) / 10);
    return {
      h: Math.floor(cs / 360000), m: Math.floor(cs / 6000) % 60,
      s: Math.floor(cs / 100) % 60, cs: cs % 100
    };
  }
  // ".5", ".05", or nothing: one or two digits, never a trailing zero.
  function fraction(cs) { return cs ? '.' + pad(cs, 2).replace(/0$/, '') : ''; }

  AC.fmt = {
    pad: pad,
    /** SCORM 1.2 session_time / latency: HH:MM:SS(.ss), 2-4 hour digits. */
    hms: function (ms) {
      var p = parts(Math.min(Number(ms) || 0, MAX_12));
      return pad(p.h, 2) + ':' + pad(p.m, 2) + ':' + pad(p.s, 2) + fraction(p.cs);
    },
    /** SCORM 1.2 interactions.n.time: a clock time, not a date. */
    clock: function (date) {
      return pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' +
        pad(date.getSeconds(), 2);
    },
    /** SCORM 2004 session_time / latency: ISO 8601 duration, no weeks, <=2 decimals. */
    iso: function (ms) {
      var p = parts(ms);
      var out = 'PT';
      if (p.h) out += p.h + 'H';
      if (p.m) out += p.m + 'M';
      if (p.s || p.cs || (!p.h && !p.m)) out += p.s + fraction(p.cs) + 'S';
      return out;
    },
    /** SCORM 2004 timestamp: UTC with exactly two fractional digits (a zone needs a fraction). */
    timestamp: function (date) {
      return date.toISOString().slice(0, 22) + 'Z';
    },
    /** Fixed decimals, never an exponent or "-0" (String(x) can give "1e-7"). */
    fixed: function (x, digits) {
      var v = Number(x);
      if (!isFinite(v)) v = 0;
      var s = v.toFixed(digits);
      return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
