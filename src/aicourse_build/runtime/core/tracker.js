/* The Tracker: the one interface between the course and a tracking standard.

   @typedef {{state: string|null, location: string|null, entry: "ab-initio"|"resume",
              mode: "normal"|"browse"|"review", credit: boolean}} Launch
   @typedef {{id: string, kind: "choice"|"true-false"|"sequencing"|"matching"|"likert"|
              "fill-in"|"long-fill-in", response: *, correct: *,
              result: "correct"|"incorrect"|"neutral", latencyMs: number,
              description: string, weight: number, attempt: (number|undefined)}} Answer
     attempt: of a quiz, 1-based; a later attempt's id ends in "__<attempt>".
     response/correct by kind: choice string[] (ids) | true-false boolean | sequencing string[]
     (in order) | matching [prompt, choice][] | likert string | fill-in string; correct may be null.
   @typedef {Object} Tracker
   @property {function(): Promise<Launch>} start   rejects when the standard's API is absent
   @property {function(string): void} saveState    batched
   @property {function(string): void} setLocation  batched (a page id)
   @property {function(number): void} setProgress  0..1, batched
   @property {function(Answer): void} recordAnswer batched
   @property {function({raw: number, min: number, max: number}): void} setScore
   @property {function({completed: boolean, passed: (boolean|null)}): void} complete
   @property {function(): boolean} flush           commit now; a failure is retried with backoff
   @property {function(): void} terminate          once; nothing is sent afterwards
   @property {{state: number, location: number}} limits
   @property {function(string): void} [pageViewed] optional: a page was shown (xapi, cmi5)
   @property {function(): *} handover  commit without ending the session (language switch); what
             the next page needs to continue it (maybe a Promise); nothing is sent afterwards

   An adapter supplies a Driver (the standard's calls only); makeTracker adds what every adapter
   needs: batching, commit retries, and a localStorage mirror of state and location.

   Slots (config.slots, SCORM only; docs/runtime.md): a fixed interaction index per answer id,
   so that column N of an LMS's interactions report is the same element for every learner. At a
   normal launch whose interaction count is below the number of slots, the missing ones are
   declared from that count on; a first answer (no attempt, or attempt 1) with a slot is written
   at its slot (over an earlier one), every other answer after the slots.
   @typedef {Object} Driver
   @property {{state: number, location: number}} limits
   @property {boolean} [local]          true: the driver is localStorage itself (no mirror)
   @property {function(Object=): (Launch & {count: number}|null)} open   null: no LMS answered;
             given the previous page's handover, continue its session instead of starting one
   @property {function(): Object} [handover]  what open() needs to continue this session
   @property {function(string, *, number=): boolean} write
             kinds: state | location | progress | score | status | answer (with its index) |
             declare (an empty slot at its index: {id, kind}, and slot 0's response)
   @property {function(): boolean} commit
   @property {function(boolean): boolean} close   finished? -> exit, session time, commit
             (its result is returned), finish */
(function (AC) {
  'use strict';
  var BACKOFF = [1000, 2000, 4000, 8000, 15000];

  /** Find a SCORM API object: up the parent chain (at most 500 hops), then the opener's. */
  AC.findApi = function (name) {
    function climb(win) {
      for (var hops = 0; win && hops <= 500; hops++) {
        try {
          if (win[name]) return win[name];
          if (win.parent === win) return null;
          win = win.parent;
        } catch (e) {
          return null;  // a frame of another origin: no API can be reached beyond it
        }
      }
      return null;
    }
    var api = climb(window);
    try {
      if (!api && window.opener) api = climb(window.opener);
      if (!api && window.top && window.top.opener) api = climb(window.top.opener);
    } catch (e) { /* opener of another origin */ }
    return api || null;
  };

  /** After a language switch: the value of `element` if the LMS session the previous page
      opened is still open (last error "0"), else null (then the adapter starts a new one). */
  AC.continued = function (api, getValue, lastError, element) {
    try {
      var v = api[getValue](element);
      if (String(api[lastError]()) === '0') return v == null ? '' : String(v);
    } catch (e) { /* not open */ }
    AC.warn('the session of the previous page is not open: starting a new one');
    return null;
  };

  /** Wrap a Driver into a Tracker. */
  AC.makeTracker = function (driver, config) {
    var dirty = {};          // kind -> latest value not yet committed
    var sent = {};           // kind -> JSON of the last committed value (skips repeats)
    var answers = [];        // {data, n, k}: interactions not yet committed, index, write kind
    var nextIndex = 0;
    var slot = Object.create(null);   // answer id -> slot index (when the slots are in use)
    var started = false;
    var terminated = false;
    var needCommit = false;
    var finished = false;
    var timer = null;
    var failures = 0;
    var mirrorKey = config.course.storageKey + ':m';
    var mirror = { s: null, l: null, a: null };

    function put(kind, value) {
      if (terminated) return;
      if (sent[kind] === JSON.stringify(value)) delete dirty[kind];
      else dirty[kind] = value;
    }
    function saveMirror() { if (!driver.local) AC.store.set(mirrorKey, mirror); }

    function retry() {
      if (timer || terminated) return;
      var wait = BACKOFF[Math.min(failures - 1, BACKOFF.length - 1)];
      timer = setTimeout(function () { timer = null; tracker.flush(); }, wait);
    }

    // Write everything batched, then commit. On failure keep it all (the latest value of each
    // kind and every answer at its index) so the next try sends it again: nothing is lost.
    function writeAndCommit(commit) {
      var batch = dirty;
      var pending = answers;
      dirty = {};
      answers = [];
      // An LMS API may throw instead of returning "false": log it, never let it stop the course.
      function write(kind, value, n) {
        try {
          if (!driver.write(kind, value, n)) AC.warn('could not write', kind);
        } catch (e) {
          AC.warn('write failed', kind, e && e.message);
        }
      }
      Object.keys(batch).forEach(function (kind) { write(kind, batch[kind]); });
      pending.forEach(function (a) {
        if (a.n == null) a.n = nextIndex++;
        write(a.k || 'answer', a.data, a.n);
      });
      var ok = false;
      try { ok = commit(); } catch (e) { AC.warn('commit failed', e && e.message); }
      if (ok) {
        Object.keys(batch).forEach(function (kind) { sent[kind] = JSON.stringify(batch[kind]); });
        if ('state' in batch) { mirror.a = batch.state; saveMirror(); }
        needCommit = false;
      } else {
        Object.keys(batch).forEach(function (kind) { if (!(kind in dirty)) dirty[kind] = batch[kind]; });
        answers = pending.concat(answers);
      }
      return ok;
    }

    var tracker = {
      limits: driver.limits,
      onSaveProblem: null,   // set by the core: called with true (failing) / false (recovered)

      start: function (handover) {
        var launch = null;
        try { launch = driver.open(handover); } catch (e) { AC.warn('open failed', e && e.message); }
        if (!launch) return Promise.reject(new Error('no LMS'));
        started = true;
        needCommit = !driver.local;
        nextIndex = launch.count || 0;
        var slots = config.slots;
        if (slots && !driver.local && launch.mode === 'normal') {
          slots.ids.forEach(function (s, i) {
            slot[s[0]] = i;
            var data = { id: s[0], kind: s[1], response: i ? null : slots.version };
            if (i >= nextIndex) answers.push({ data: data, n: i, k: 'declare' });
          });
          nextIndex = Math.max(nextIndex, slots.ids.length);
        }
        sent.state = JSON.stringify(launch.state);
        sent.location = JSON.stringify(launch.location);
        if (!driver.local) {
          // Relaunch after a failed final commit: the LMS still has the last state we know it
          // acknowledged, but this browser has a newer one. Use the newer one (and send it).
          var old = AC.store.get(mirrorKey);
          if (old && old.s != null && old.s !== old.a && old.a === launch.state &&
              (old.a !== null || launch.entry === 'resume')) {
            AC.warn('recovered state not committed in the last session');
            launch.state = old.s;
            if (old.l != null) launch.location = old.l;
          }
          mirror = { s: launch.state, l: launch.location, a: JSON.parse(sent.state) };
          saveMirror();
        }
        return Promise.resolve(launch);
      },
      saveState: function (s) {
        put('state', s);
        if (mirror.s !== s) { mirror.s = s; saveMirror(); }
      },
      setLocation: function (id) {
        put('location', id);
        if (mirror.l !== id) { mirror.l = id; saveMirror(); }
      },
      setProgress: function (f) { put('progress', Math.max(0, Math.min(1, f))); },
      setScore: function (score) { put('score', score); },
      complete: function (status) {
        finished = !!status.completed && status.passed !== false;
        put('status', { completed: !!status.completed, passed: status.passed });
      },
      recordAnswer: function (answer) {
        if (terminated) return;
        var data = {};
        Object.keys(answer).forEach(function (k) { data[k] = answer[k]; });
        data.at = Date.now();
        answers.push({ data: data, n: answer.attempt > 1 ? null : slot[answer.id] });
      },
      flush: function () {
        if (!started || terminated) return false;
        if (timer) { clearTimeout(timer); timer = null; }
        if (!needCommit && !answers.length && !Object.keys(dirty).length) return true;
        var ok = writeAndCommit(driver.commit);
        if (ok) {
          if (failures && tracker.onSaveProblem) tracker.onSaveProblem(false);
          failures = 0;
        } else {
          failures++;
          AC.warn('commit failed; retry', failures);
          if (failures === 1 && tracker.onSaveProblem) tracker.onSaveProblem(true);
          retry();
        }
        return ok;
      },
      terminate: function () {
        if (!started || terminated) return;
        if (timer) { clearTimeout(timer); timer = null; }
        // The last batch goes with close(): exit and session time, one commit, then finish.
        writeAndCommit(function () { return driver.close(finished); });
        terminated = true;
      },
      // The session goes on in another page of the package: commit, but never finish. A failed
      // commit is not retried here; its values are set in the LMS, and the next page commits.
      handover: function () {
        if (!started || terminated) return null;
        tracker.flush();
        if (timer) { clearTimeout(timer); timer = null; }
        terminated = true;
        return driver.handover ? driver.handover() : {};
      }
    };
    return tracker;
  };

  /** localStorage as a "standard": the local adapter, and the fallback when no LMS answers. */
  AC.localDriver = function (config) {
    var key = config.course.storageKey;
    var data = {};
    return {
      local: true,
      limits: { state: 64000, location: 1000 },
      open: function () {
        data = AC.store.get(key) || {};
        return { state: data.s == null ? null : data.s, location: data.l == null ? null : data.l,
          entry: data.s == null ? 'ab-initio' : 'resume', mode: 'normal', credit: true, count: 0 };
      },
      write: function (kind, value) {
        if (kind === 'state') data.s = value;
        else if (kind === 'location') data.l = value;
        else if (kind === 'status') data.status = value;
        else if (kind === 'score') data.score = value.raw;
        return true;  // answers are not kept locally: they are in the state already
      },
      // Without localStorage the values stay in memory: retrying would not help.
      commit: function () { AC.store.set(key, data); return true; },
      close: function () { AC.store.set(key, data); return true; }
    };
  };
})(window.AICOURSE = window.AICOURSE || {});
