/* Quiz engine: draw, shuffle, scoring, feedback, attempts. Pure parts are on AC.quiz for tests. */
(function (AC) {
  'use strict';

  function sameSet(a, b) {
    if (!a || !b || a.length !== b.length) return false;
    return a.every(function (x) { return b.indexOf(x) >= 0; });
  }

  /** Has the learner answered every part of the question? */
  function answered(q, v) {
    if (v == null) return false;
    if (q.type === 'single') return (q.choices || []).indexOf(v) >= 0;
    if (q.type === 'truefalse') return v === true || v === false;
    if (q.type === 'multiple') return v.length > 0;
    if (q.type === 'ordering') {
      return (q.choices || []).every(function (c) { return v[c] >= 1; });
    }
    if (q.type === 'matching') return (q.prompts || []).every(function (p) { return !!v[p]; });
    return false;
  }

  /** All or nothing per question. */
  function isCorrect(q, v) {
    if (!answered(q, v)) return false;
    var a = q.answer;
    if (q.type === 'single') return v === a;
    if (q.type === 'truefalse') return String(v) === String(a);
    if (q.type === 'multiple') return sameSet(v, a);
    if (q.type === 'ordering') {
      return a.length === q.choices.length && a.every(function (c, i) { return v[c] === i + 1; });
    }
    return Object.keys(a).every(function (p) { return v[p] === a[p]; }) &&
      Object.keys(v).every(function (p) { return v[p] === a[p]; });
  }

  /** Percentage of the questions answered correctly, as an integer 0..100. */
  function score(questions, responses) {
    if (!questions.length) return 0;
    var right = questions.filter(function (q) { return isCorrect(q, responses[q.id]); }).length;
    return Math.round((100 * right) / questions.length);
  }

  /** The response and correct response in the Tracker's Answer shape. */
  function interaction(q, v) {
    var a = q.answer;
    if (q.type === 'truefalse') return { kind: 'true-false', response: v, correct: a === true || a === 'true' };
    if (q.type === 'single' || q.type === 'multiple') {
      return { kind: 'choice', response: q.type === 'single' ? [v] : v.slice(),
        correct: q.type === 'single' ? [a] : a.slice() };
    }
    if (q.type === 'ordering') {
      var order = (q.choices || []).filter(function (c) { return v[c] >= 1; })
        .sort(function (x, y) { return v[x] - v[y]; });
      return { kind: 'sequencing', response: order, correct: a.slice() };
    }
    return { kind: 'matching',
      response: (q.prompts || []).filter(function (p) { return v[p]; }).map(function (p) { return [p, v[p]]; }),
      correct: Object.keys(a).map(function (p) { return [p, a[p]]; }) };
  }

  function byKey(a, b) { return a.k < b.k ? -1 : a.k > b.k ? 1 : 0; }

  /** Question ids of one attempt, in display order. The pool is sorted by key first, so the
      same seed draws the same questions after a resume even if the manuscript was reordered;
      questions that already have an answer are kept in the draw. */
  function draw(conf, seed, keep) {
    var questions = conf.questions || [];
    var pool = questions.slice().sort(byKey);
    var n = conf.draw ? Math.min(conf.draw, pool.length) : pool.length;
    var chosen = pool.filter(function (q) { return keep.indexOf(q.id) >= 0; }).slice(0, n);
    AC.shuffle(pool, AC.rng(seed)).forEach(function (q) {
      if (chosen.length < n && chosen.indexOf(q) < 0) chosen.push(q);
    });
    var list = conf.shuffle ? AC.shuffle(chosen.sort(byKey), AC.rng(seed ^ 0x5bd1e995))
      : questions.filter(function (q) { return chosen.indexOf(q) >= 0; });
    return list.map(function (q) { return q.id; });
  }

  AC.quiz = { answered: answered, isCorrect: isCorrect, score: score, interaction: interaction,
    draw: draw, init: init };

  function newSeed() { return Math.floor(Math.random() * 3844); }

  // The items holding one control each (label, li, ...), if they sit side by side in one parent:
  // an ordering item, a matching prompt's group, else an input.
  function choiceItems(fs) {
    var ctrls = AC.$$('[data-ac-order], [data-ac-match]', fs);
    if (!ctrls.length) ctrls = AC.$$('input', fs);
    if (ctrls.length < 2) return null;
    var box = ctrls[0].parentNode;
    while (box !== fs && !ctrls.every(function (c) { return box.contains(c); })) box = box.parentNode;
    var kids = Array.prototype.slice.call(box.children);
    var items = kids.filter(function (ch) { return ctrls.some(function (c) { return ch.contains(c); }); });
    var first = kids.indexOf(items[0]);
    var together = items.every(function (it, i) { return kids[first + i] === it; });
    return items.length === ctrls.length && together ? items : null;
  }

  function init(app, el) {
    var id = el.getAttribute('data-ac-quiz');
    var conf = (app.config.quizzes || {})[id];
    if (!conf) return;
    var isAssessment = app.config.completion && app.config.completion.assessment === id;
    // feedback "none" (a pre-test): after submitting, nothing says which answers were right
    var silent = conf.feedback === 'none';
    var passMark = isAssessment ? app.config.completion.passingScore || 0 : 100;
    var st = app.model.quizzes[id];
    if (!st) st = app.model.quizzes[id] = { att: 0, seed: newSeed(), score: null, phase: 'a', resp: {} };
    var qs = {};
    (conf.questions || []).forEach(function (q) { qs[q.id] = q; });
    var fields = {};
    var items = {};
    AC.$$('[data-ac-question]', el).forEach(function (fs) {
      var qid = fs.getAttribute('data-ac-question');
      if (!qs[qid]) return;
      fields[qid] = fs;
      items[qid] = choiceItems(fs);  // authored order, kept to reshuffle from
    });
    var qids = Object.keys(fields);
    if (!qids.length) return;
    var submit = AC.$('[data-ac="submit"]', el);
    var result = AC.$('[data-ac="result"]', el);
    var retry = AC.$('[data-ac="retry"]', el);
    // The announcer speaks the result; a second live region would say it twice.
    if (result) { result.removeAttribute('role'); result.setAttribute('tabindex', '-1'); }
    var marker = document.createComment('questions');
    fields[qids[0]].parentNode.insertBefore(marker, fields[qids[0]]);
    var drawn = [];
    var startedAt = Date.now();
    var changedAt = {};

    // Latency counts from when the learner sees the quiz, not from the launch.
    var page = el.closest('section.page');
    if (page) page.addEventListener('ac-show', function () {
      if (!Object.keys(changedAt).length) startedAt = Date.now();
    });

    function layout() {
      drawn = draw(conf, st.seed, Object.keys(st.resp)).filter(function (qid) { return fields[qid]; });
      qids.forEach(function (qid) { fields[qid].hidden = drawn.indexOf(qid) < 0; });
      drawn.forEach(function (qid) {
        var fs = fields[qid];
        marker.parentNode.insertBefore(fs, marker);
        var q = qs[qid];
        var list = items[qid];
        if (conf.shuffle && list && q.type !== 'truefalse') {  // true stays before false
          var parent = list[0].parentNode;
          var anchor = document.createComment('');
          parent.insertBefore(anchor, list[0]);
          list = AC.shuffle(list, AC.rng(st.seed ^ AC.hash(q.k || qid)));
          list.forEach(function (it) { parent.insertBefore(it, anchor); });
          parent.removeChild(anchor);
        }
        AC.answers.write(fs, q, st.resp[qid], list || []);
      });
    }

    function feedback(qid, show, locked) {
      var fs = fields[qid];
      var q = qs[qid];
      var v = st.resp[qid];
      var ok = show && isCorrect(q, v);
      var chosen = !show || v == null ? [] : q.type === 'single' ? [v] : q.type === 'multiple' ? v : [];
      fs.classList.toggle('ac-correct', show && ok);
      fs.classList.toggle('ac-incorrect', show && !ok);
      AC.$$('[data-ac-feedback]', fs).forEach(function (f) {
        f.hidden = !show || f.getAttribute('data-ac-feedback') !== (ok ? 'correct' : 'incorrect');
      });
      AC.$$('[data-ac-feedback-for]', fs).forEach(function (f) {
        f.hidden = chosen.indexOf(f.getAttribute('data-ac-feedback-for')) < 0;
      });
      var verdict = AC.$('.ac-verdict', fs);
      if (verdict) verdict.parentNode.removeChild(verdict);
      if (show) {
        // Text and icon, not colour alone.
        verdict = document.createElement('p');
        verdict.className = 'ac-verdict ' + (ok ? 'ac-ok' : 'ac-bad');
        var icon = document.createElement('span');
        icon.className = 'ac-icon';
        icon.setAttribute('aria-hidden', 'true');
        icon.textContent = ok ? '\u2713' : '\u2717';
        verdict.appendChild(icon);
        verdict.appendChild(document.createTextNode(' ' + AC.t(ok ? 'correct' : 'incorrect')));
        var at = AC.$('[data-ac-feedback]', fs);
        if (at && at.parentNode) at.parentNode.insertBefore(verdict, at); else fs.appendChild(verdict);
      }
      fs.disabled = locked;
    }

    function summary() {
      var left = conf.attempts ? conf.attempts - st.att : Infinity;
      if (silent) {
        if (retry) retry.hidden = left <= 0;
        return AC.t('quizSaved');
      }
      var right = drawn.filter(function (qid) { return isCorrect(qs[qid], st.resp[qid]); }).length;
      var text = AC.t('quizResult', { correct: right, total: drawn.length, score: st.score });
      var passed = st.score >= passMark;
      if (isAssessment) text += ' ' + AC.t(passed ? 'quizPassed' : 'quizFailed', { passing: passMark });
      if (!passed && left <= 0) text += ' ' + AC.t('quizNoAttempts');
      else if (!passed && conf.attempts) text += ' ' + AC.t('quizAttemptsLeft', { n: left });
      if (retry) retry.hidden = passed || left <= 0;
      return text;
    }

    function render() {
      var done = st.phase === 's';
      qids.forEach(function (qid) {
        var shown = done && drawn.indexOf(qid) >= 0;
        feedback(qid, shown && !silent, shown);
      });
      if (submit) submit.setAttribute('aria-disabled', String(done));
      if (result) result.textContent = done ? summary() : '';
      if (retry && !done) retry.hidden = true;
    }

    el.addEventListener('click', function (ev) {
      var move = ev.target.closest('[data-ac-move]');
      if (move) AC.answers.move(move);
    });

    el.addEventListener('change', function (ev) {
      var fs = ev.target.closest('[data-ac-question]');
      var qid = fs && fs.getAttribute('data-ac-question');
      if (!qid || !qs[qid] || st.phase === 's') return;
      var v = AC.answers.read(fs, qs[qid]);
      var empty = v == null || (typeof v === 'object' && !Object.keys(v).length);
      if (empty) delete st.resp[qid]; else st.resp[qid] = v;
      changedAt[qid] = Date.now();
      app.save();
    });

    if (submit) submit.addEventListener('click', function () {
      if (st.phase === 's') return;
      drawn.forEach(function (qid) {  // an ordering list always has an order: the one shown
        if (qs[qid].type === 'ordering') st.resp[qid] = AC.answers.read(fields[qid], qs[qid]);
      });
      var missing = drawn.filter(function (qid) { return !answered(qs[qid], st.resp[qid]); });
      if (missing.length) {
        AC.announce(AC.t('quizUnanswered'));
        var first = AC.$('input, button', fields[missing[0]]);
        if (first) first.focus();
        return;
      }
      var now = Date.now();
      st.score = score(drawn.map(function (qid) { return qs[qid]; }), st.resp);
      st.att = Math.min(61, st.att + 1);
      st.phase = 's';
      drawn.forEach(function (qid) {
        var q = qs[qid];
        var data = interaction(q, st.resp[qid]);
        // a later attempt has an id of its own: reports never take it for the first
        app.record({ id: id + '__' + qid + (st.att > 1 ? '__' + st.att : ''), attempt: st.att,
          kind: data.kind, response: data.response,
          correct: data.correct, result: isCorrect(q, st.resp[qid]) ? 'correct' : 'incorrect',
          latencyMs: (changedAt[qid] || now) - startedAt, description: q.description || '',
          weight: 1 });
      });
      if (isAssessment && app.tracking) app.tracker.setScore({ raw: st.score, min: 0, max: 100 });
      render();
      // One question (a knowledge check): say its verdict and feedback too, not just the score.
      var said = [];
      if (drawn.length === 1 && !silent) {
        said.push(AC.t(isCorrect(qs[drawn[0]], st.resp[drawn[0]]) ? 'correct' : 'incorrect'));
        AC.$$('[data-ac-feedback-for], [data-ac-feedback]', fields[drawn[0]]).forEach(function (f) {
          if (!f.hidden) said.push(f.textContent.trim());
        });
      }
      said.push(result ? result.textContent : summary());
      AC.announce(said.join(' '));
      app.save();
      app.evaluate();
      app.tracker.flush();
    });

    if (retry) retry.addEventListener('click', function () {
      st.phase = 'a';
      st.resp = {};
      st.seed = newSeed();
      startedAt = Date.now();
      changedAt = {};
      layout();
      render();
      app.save();
      var first = AC.$('input, button', fields[drawn[0]]);
      if (first) first.focus();
      AC.announce(AC.t('quizNewAttempt'));
    });

    layout();
    render();
  }
})(window.AICOURSE = window.AICOURSE || {});
