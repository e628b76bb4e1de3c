'use strict';
// The resume state: round trip, robustness against edits, worst-case size, degradation.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, makeConfig, maximalModel, question } = require('./harness');

const AC = load();

test('a maximal state of 1,000 pages and 300 questions fits SCORM 1.2', () => {
  const config = makeConfig({ pages: 1000, questions: 300 });
  const s = AC.state.encode(maximalModel(AC, config), config, 4096);
  assert.ok(s.length <= 4096, String(s.length));
  assert.equal(AC.state.encode(maximalModel(AC, config), config, 0), s);  // no degradation needed
});

test('encode/decode round trip keeps every kind of state', () => {
  const config = makeConfig({ pages: 9, questions: 10, perQuiz: 5 });
  const model = maximalModel(AC, config);
  model.quizzes['quiz-1'] = { att: 2, seed: 77, score: null, phase: 'a',
    resp: { q5: 'a', q7: true, q8: { a: 2, c: 1 }, q9: { p2: 'x' } } };
  const s = AC.state.encode(model, config, 0);
  assert.match(s, /^2[0-9A-Za-z]{3}1:0:0[.\-!~*_0-9A-Za-z]*$/);
  assert.deepEqual(plain(AC.state.decode(s, config)), plain(model));
});

test('without a limit the shorter page list is written; with one, the list of pages seen whenever it fits', () => {
  const config = makeConfig({ pages: 10, questions: 0 });
  const model = AC.state.empty();
  const head = AC.state.encode(model, config, 0);
  assert.match(head, /^2[0-9A-Za-z]{3}1:0:0$/);
  config.pages.forEach((p, i) => { if (i < 8) model.visited[p.id] = true; });
  const s = AC.state.encode(model, config, 0);
  assert.equal(s, head + '-' + config.pages[8].k + config.pages[9].k);
  assert.deepEqual(Object.keys(AC.state.decode(s, config).visited).length, 8);
  const seen = config.pages.slice(0, 8).map((p) => p.k).join('');
  assert.equal(AC.state.encode(model, config, 4096), head + '.' + seen);
  assert.equal(AC.state.encode(model, config, head.length + 1 + seen.length), head + '.' + seen);
  assert.equal(AC.state.encode(model, config, head.length + seen.length), s);  // only `-` fits
  config.pages.forEach((p) => { model.visited[p.id] = true; });
  assert.equal(AC.state.encode(model, config, 0), head + '-');
});

test('the state is keyed, so it survives reordering pages, questions and choices', () => {
  const config = makeConfig({ pages: 6, questions: 5, perQuiz: 5 });
  const model = maximalModel(AC, config);
  model.quizzes['quiz-0'].resp = { q0: 'c', q1: ['b', 'e'], q3: { a: 4, b: 3, c: 2, d: 1 } };
  const s = AC.state.encode(model, config, 0);
  const edited = JSON.parse(JSON.stringify(config));
  edited.pages.reverse();
  edited.quizzes['quiz-0'].questions.reverse();
  edited.quizzes['quiz-0'].questions.forEach((q) => q.choices.reverse());
  assert.deepEqual(plain(AC.state.decode(s, edited)), plain(model));
});

test('an edited quiz loses only its own unreadable answers', () => {
  const config = makeConfig({ pages: 4, questions: 10, perQuiz: 5 });
  const model = maximalModel(AC, config);
  const s = AC.state.encode(model, config, 0);
  const edited = JSON.parse(JSON.stringify(config));
  // a question removed and an unknown page: the rest is still read
  edited.quizzes['quiz-0'].questions.splice(0, 1);
  edited.pages.push({ id: 'ny', k: 'zzz', seconds: 10 });
  const back = AC.state.decode(s, edited);
  assert.equal(back.quizzes['quiz-0'].score, 100);
  assert.deepEqual(plain(back.quizzes['quiz-1']), plain(model.quizzes['quiz-1']));
  assert.deepEqual(plain(back.surveys), plain(model.surveys));
  assert.deepEqual(plain(back.groups), plain(model.groups));
});

test('garbage and other versions give an empty state, never an exception', () => {
  const config = makeConfig({ pages: 3, questions: 5 });
  for (const s of [null, '', '2abc', '1!', '1!zz', '1~', '1_00', '1.ab', '1!' + 'x'.repeat(50), '{"a":1}']) {
    const m = AC.state.decode(s, config);
    assert.equal(typeof m.visited, 'object', String(s));
  }
});

test('question codecs: widths and round trips per type', () => {
  const cases = [
    [question('s', 'aaa', 'single'), 'd', 1],
    [question('t', 'aab', 'truefalse'), false, 1],
    [question('m', 'aac', 'multiple'), ['a', 'e'], 1],
    [Object.assign(question('m7', 'aad', 'multiple'), { choices: 'abcdefg'.split('') }), ['g'], 2],
    [question('o', 'aae', 'ordering'), { a: 1, b: 3, d: 2 }, 4],
    [question('x', 'aaf', 'matching'), { p1: 'z', p3: 'x' }, 3],
  ];
  for (const [q, v, w] of cases) {
    const c = AC.state.codec(q);
    assert.equal(c.w, w, q.id);
    const enc = c.enc(v);
    assert.equal(enc.length, w, q.id);
    assert.match(enc, /^[0-9A-Za-z]+$/);
    assert.deepEqual(plain(c.dec(enc)), plain(v), q.id);
  }
  const tooMany = Object.assign(question('big', 'aag', 'single'), { choices: Array.from({ length: 62 }, (_, i) => 'c' + i) });
  assert.equal(AC.state.codec(tooMany), null);
});

test('over the limit, the least important parts go first and the result still decodes', () => {
  const config = makeConfig({ pages: 1000, questions: 300 });
  const model = maximalModel(AC, config);
  const full = AC.state.encode(model, config, 0);
  const small = AC.state.encode(model, config, 2000);
  assert.ok(full.length > 2000);
  assert.ok(small.length <= 2000, String(small.length));
  const back = AC.state.decode(small, config);
  // quiz results are the last thing to go: they decide completion
  assert.equal(back.quizzes['quiz-0'].score, 100);
  assert.deepEqual(plain(back.surveys), {});
  const tiny = AC.state.encode(model, config, 200);
  assert.ok(tiny.length <= 200, String(tiny.length));
  assert.equal(AC.state.decode(tiny, config).quizzes['quiz-9'].phase, 's');
});
