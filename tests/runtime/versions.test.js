'use strict';
// A new version of the course reads the resume state an older one wrote (core/state.js, format 2;
// core/resume.js): what still exists is kept, what is new is not seen, what was removed is
// dropped, and nothing is read as something else.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, makeConfig, question } = require('./harness');

const AC = load();
const copy = (x) => JSON.parse(JSON.stringify(x));
const pending = (...args) => plain(AC.resume.pending(...args));

/** Version 1: six pages, one quiz of five questions (every type), a survey, two reflections
    and a group; the learner has seen the first three pages and answered everything. */
function v1() {
  const config = makeConfig({ pages: 6, questions: 5, perQuiz: 5 });
  const model = AC.state.empty();
  ['sida-0', 'sida-1', 'sida-2'].forEach((id) => { model.visited[id] = true; });
  model.quizzes['quiz-0'] = { att: 1, seed: 99, score: 80, phase: 's',
    resp: { q0: 'c', q1: ['b', 'e'], q2: false, q3: { a: 4, b: 3, c: 2, d: 1 }, q4: { p1: 'x', p2: 'z' } } };
  model.surveys.enkat = { done: true, items: { i1: 4, i3: 2 } };
  model.notes.tanke = true;
  model.groups.yrke = 'lakare';
  return { config, model };
}

/** The next version: `edit` changes a copy of the config. */
function v2(config, edit) {
  const next = copy(config);
  next.course.version = '1.1.0';
  if (edit) edit(next);
  return next;
}

function page(id, k) { return { id, k, module: 'm', seconds: 60 }; }
function insert(config, at, p) {
  config.pages.splice(at, 0, p);
  config.completion.pages.splice(at, 0, p.id);
}

test('the header carries the format and the course version', () => {
  const { config, model } = v1();
  const s = AC.state.encode(model, config, 4096);
  assert.equal(AC.state.FORMAT, 2);
  const h = AC.state.header(s);
  assert.equal(h.format, 2);
  assert.equal(h.version, '1.0.0');
  assert.match(s, /^2[0-9A-Za-z]{3}1:0:0\./);
  assert.equal(AC.state.header('1.abc').format, 1);
  assert.equal(AC.state.header('1.abc').version, null);
  for (const junk of [null, '', '3abc', '{"s":1}', '2ab']) assert.equal(AC.state.header(junk), null, String(junk));
});

test('a new course version with the same content keeps everything, the short `-` form too', () => {
  const { config, model } = v1();
  model.visited['sida-3'] = model.visited['sida-4'] = true;   // more than half: `-` is shorter
  const s = AC.state.encode(model, config, 0);
  assert.match(s, /1:0:0-/);
  const next = v2(config);
  assert.deepEqual(plain(AC.state.decode(s, next)), plain(model));
  assert.deepEqual(pending(next, AC.state.decode(s, next), s, 'sida-5'), []);
});

test('pages added before and after the resume point are not seen; a removed page is dropped', () => {
  const { config, model } = v1();
  const s = AC.state.encode(model, config, 4096);
  const next = v2(config, (c) => {
    insert(c, 1, page('ny-fore', 'N01'));
    insert(c, 5, page('ny-efter', 'N02'));
    c.pages = c.pages.filter((p) => p.id !== 'sida-1');
    c.completion.pages = c.completion.pages.filter((id) => id !== 'sida-1');
  });
  const back = AC.state.decode(s, next);
  assert.deepEqual(Object.keys(back.visited).sort(), ['sida-0', 'sida-2']);
  assert.deepEqual(plain(back.quizzes), plain(model.quizzes));
  // resumed on sida-2: the page added before it is pending; the one after it is simply ahead
  assert.deepEqual(pending(next, back, s, 'sida-2'), ['ny-fore']);
  // written again by the new version: the removed page is gone from the state
  const again = AC.state.encode(back, next, 4096);
  assert.equal(AC.state.header(again).version, '1.1.0');
  assert.deepEqual(pending(next, back, again, 'sida-2'), [], 'told once, not at every resume');
});

test('the `-` form read against another page set counts nothing as seen', () => {
  const { config, model } = v1();
  model.visited['sida-3'] = model.visited['sida-4'] = true;
  const s = AC.state.encode(model, config, 0);
  assert.match(s, /-[0-9A-Za-z]{3}(?:!|$)/, 'written as unvisited pages');
  const next = v2(config, (c) => insert(c, 2, page('ny', 'N01')));
  const back = AC.state.decode(s, next);
  assert.equal(back.visited.ny, undefined, 'a page added since is never read as seen');
  assert.deepEqual(plain(back.visited), {});
  assert.deepEqual(plain(back.quizzes), plain(model.quizzes), 'the rest of the state is kept');
});

test('with a limit, the pages seen are listed whenever they fit, so an added page stays unseen', () => {
  const { config, model } = v1();
  model.visited['sida-3'] = model.visited['sida-4'] = true;
  const s = AC.state.encode(model, config, 4096);
  const next = v2(config, (c) => insert(c, 2, page('ny', 'N01')));
  const back = AC.state.decode(s, next);
  assert.deepEqual(Object.keys(back.visited).sort(), ['sida-0', 'sida-1', 'sida-2', 'sida-3', 'sida-4']);
  assert.deepEqual(pending(next, back, s, 'sida-4'), ['ny']);
});

test('format 1: explicit lists, answers and choices are kept; its `-` form counts nothing as seen', () => {
  const { config } = v1();
  const k = (id) => config.pages.find((p) => p.id === id).k;
  const quiz = config.quizzes['quiz-0'];
  const q0 = quiz.questions[0];
  const q2 = quiz.questions[2];
  // as a format-1 runtime wrote it: q0 'c' (code 3), q2 false; survey i1 = 4; group 'lakare'
  // (sorted options admin, lakare, sjukskoterska: code 2)
  const sv = config.surveys.enkat;
  const old = '1.' + k('sida-0') + k('sida-1') + '!' + quiz.k + '1011ds' + q0.k + '3' + q2.k + 'f' +
    '~' + sv.k + 's' + sv.items[0].k + '4' + '*' + config.reflections.tanke.k + '_' + config.groups.yrke.k + '2';
  const next = v2(config, (c) => insert(c, 1, page('ny', 'N01')));
  const back = AC.state.decode(old, next);
  assert.deepEqual(Object.keys(back.visited).sort(), ['sida-0', 'sida-1']);
  assert.deepEqual(plain(back.quizzes['quiz-0'].resp), { q0: 'c', q2: false });
  assert.equal(back.quizzes['quiz-0'].score, 100);
  assert.deepEqual(plain(back.surveys.enkat), { done: true, items: { i1: 4 } });
  assert.deepEqual(plain(back.notes), { tanke: true });
  assert.deepEqual(plain(back.groups), { yrke: 'lakare' });
  assert.deepEqual(pending(next, back, old, 'sida-1'), ['ny'], 'format 1: always told');
  // "every page but these": against which pages is unknown
  const unseen = '1-' + config.pages.slice(2).map((p) => p.k).join('');
  assert.deepEqual(plain(AC.state.decode(unseen, next).visited), {});
  assert.deepEqual(plain(AC.state.decode(unseen, config).visited), {});
});

test('a removed question drops its answer only, wherever it was in the state', () => {
  const { config, model } = v1();
  const s = AC.state.encode(model, config, 4096);
  for (const gone of ['q0', 'q2', 'q4']) {
    const next = v2(config, (c) => {
      c.quizzes['quiz-0'].questions = c.quizzes['quiz-0'].questions.filter((q) => q.id !== gone);
    });
    const expected = copy(model.quizzes['quiz-0']);
    delete expected.resp[gone];
    assert.deepEqual(plain(AC.state.decode(s, next).quizzes['quiz-0']), expected, gone);
  }
});

test('a question whose choices, prompts or type changed loses its answer; nothing is misread', () => {
  const { config, model } = v1();
  const s = AC.state.encode(model, config, 4096);
  const edits = {
    'choice removed (codes would shift)': (q) => { q.choices = q.choices.filter((c) => c !== 'a'); },
    'choice added': (q) => { q.choices = ['0'].concat(q.choices); },
    'choice renamed': (q) => { q.choices = q.choices.map((c) => (c === 'b' ? 'bb' : c)); },
    'type changed': (q) => { q.type = q.type === 'single' ? 'multiple' : 'single'; },
  };
  for (const [what, edit] of Object.entries(edits)) {
    for (const qid of ['q0', 'q1', 'q3']) {
      const next = v2(config, (c) => edit(c.quizzes['quiz-0'].questions.find((q) => q.id === qid)));
      const resp = plain(AC.state.decode(s, next).quizzes['quiz-0'].resp);
      const expected = copy(model.quizzes['quiz-0'].resp);
      delete expected[qid];
      assert.deepEqual(resp, expected, `${what}: ${qid}`);
    }
  }
  // reordered choices and a changed prompt or answer text keep the answer (codes are sorted ids)
  const next = v2(config, (c) => c.quizzes['quiz-0'].questions.forEach((q) => { q.choices.reverse(); q.description = 'ny'; }));
  assert.deepEqual(plain(AC.state.decode(s, next).quizzes), plain(model.quizzes));
});

test('an answer under an unknown key is skipped; the answers after it are read', () => {
  const { config, model } = v1();
  const added = question('qny', 'Q99', 'single');
  config.quizzes['quiz-0'].questions.unshift(added);
  model.quizzes['quiz-0'].resp.qny = 'a';
  const s = AC.state.encode(model, config, 4096);
  const next = v2(config, (c) => { c.quizzes['quiz-0'].questions.shift(); });
  const resp = plain(AC.state.decode(s, next).quizzes['quiz-0'].resp);
  delete model.quizzes['quiz-0'].resp.qny;
  assert.deepEqual(resp, plain(model.quizzes['quiz-0'].resp));
});

test('group options added or removed keep the choice while it exists; a changed scale drops values', () => {
  const { config, model } = v1();
  const s = AC.state.encode(model, config, 4096);
  const added = v2(config, (c) => { c.groups.yrke.options = ['aaa-forst', 'lakare', 'ny-grupp', 'admin']; });
  assert.deepEqual(plain(AC.state.decode(s, added).groups), { yrke: 'lakare' });
  const removed = v2(config, (c) => { c.groups.yrke.options = ['sjukskoterska', 'admin']; });
  assert.deepEqual(plain(AC.state.decode(s, removed).groups), {}, 'the chosen option was removed');
  const scale = v2(config, (c) => { c.surveys.enkat.scale = 7; });
  assert.deepEqual(plain(AC.state.decode(s, scale).surveys.enkat), { done: true, items: {} });
  const item = v2(config, (c) => { c.surveys.enkat.items.shift(); });
  assert.deepEqual(plain(AC.state.decode(s, item).surveys.enkat), { done: true, items: { i3: 2 } });
  const refl = v2(config, (c) => { delete c.reflections.tanke; });
  assert.deepEqual(plain(AC.state.decode(s, refl).notes), {});
});

test('a resume location that no longer exists resumes after the furthest page seen', () => {
  const { config, model } = v1();
  const next = v2(config, (c) => { c.pages = c.pages.filter((p) => p.id !== 'sida-3'); });
  const back = AC.state.decode(AC.state.encode(model, config, 4096), next);
  assert.equal(AC.resume.place(next, back, 'sida-2'), 'sida-2', 'an existing page is kept');
  assert.equal(AC.resume.place(next, back, 'sida-3'), 'sida-4');
  assert.equal(AC.resume.place(next, back, null), null, 'a fresh start begins at the start');
  const skipped = AC.state.empty();
  skipped.visited['sida-0'] = skipped.visited['sida-5'] = true;
  assert.equal(AC.resume.place(next, skipped, 'sida-3'), 'sida-1', 'after the last page: the first not seen');
  next.pages.forEach((p) => { skipped.visited[p.id] = true; });
  assert.equal(AC.resume.place(next, skipped, 'borta'), null, 'everything seen: the start');
});

test('completion counts what the new version requires', () => {
  const { config, model } = v1();
  config.completion.assessment = null;
  config.pages.forEach((p) => { model.visited[p.id] = true; });
  const s = AC.state.encode(model, config, 4096);
  assert.equal(AC.completion.decide(AC.completion.facts(config, AC.state.decode(s, config))).completed, true);
  const next = v2(config, (c) => insert(c, 3, page('ny', 'N01')));
  const back = AC.state.decode(s, next);
  assert.equal(AC.completion.decide(AC.completion.facts(next, back)).completed, false, 'the new page is missing');
  back.visited.ny = true;
  assert.equal(AC.completion.decide(AC.completion.facts(next, back)).completed, true, 'seen: completed');
});
