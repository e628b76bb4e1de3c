'use strict';
// Scoring of every question type, draws from pools, interaction shapes.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, question } = require('./harness');

const { quiz } = load();
const single = question('s', 'aaa', 'single');                 // answer b
const multiple = question('m', 'aab', 'multiple');             // answer a, c
const truefalse = question('t', 'aac', 'truefalse');           // answer true
const ordering = question('o', 'aad', 'ordering');             // c, a, d, b
const matching = question('x', 'aae', 'matching');             // p1 y, p2 x, p3 z

test('single choice', () => {
  assert.equal(quiz.isCorrect(single, 'b'), true);
  assert.equal(quiz.isCorrect(single, 'a'), false);
  assert.equal(quiz.isCorrect(single, undefined), false);
  assert.equal(quiz.answered(single, 'zz'), false);
});

test('multiple choice needs exactly the right set', () => {
  assert.equal(quiz.isCorrect(multiple, ['c', 'a']), true);
  assert.equal(quiz.isCorrect(multiple, ['a']), false);
  assert.equal(quiz.isCorrect(multiple, ['a', 'c', 'd']), false);
  assert.equal(quiz.answered(multiple, []), false);
});

test('true/false accepts booleans and the config may say "true"', () => {
  assert.equal(quiz.isCorrect(truefalse, true), true);
  assert.equal(quiz.isCorrect(truefalse, false), false);
  assert.equal(quiz.isCorrect(Object.assign({}, truefalse, { answer: 'false' }), false), true);
  assert.equal(quiz.answered(truefalse, undefined), false);
});

test('ordering: every choice at its position', () => {
  assert.equal(quiz.isCorrect(ordering, { c: 1, a: 2, d: 3, b: 4 }), true);
  assert.equal(quiz.isCorrect(ordering, { a: 1, c: 2, d: 3, b: 4 }), false);
  assert.equal(quiz.answered(ordering, { c: 1, a: 2, d: 3 }), false);
  assert.equal(quiz.isCorrect(ordering, { c: 1, a: 1, d: 3, b: 4 }), false);
});

test('matching: every prompt to its choice', () => {
  assert.equal(quiz.isCorrect(matching, { p1: 'y', p2: 'x', p3: 'z' }), true);
  assert.equal(quiz.isCorrect(matching, { p1: 'y', p2: 'z', p3: 'x' }), false);
  assert.equal(quiz.answered(matching, { p1: 'y', p2: 'x' }), false);
});

test('score is the rounded percentage of correct questions', () => {
  const qs = [single, multiple, truefalse];
  assert.equal(quiz.score(qs, { s: 'b', m: ['a', 'c'], t: true }), 100);
  assert.equal(quiz.score(qs, { s: 'b', m: ['a'], t: true }), 67);
  assert.equal(quiz.score(qs, { s: 'a', m: ['a'], t: true }), 33);
  assert.equal(quiz.score(qs, {}), 0);
  assert.equal(quiz.score([], {}), 0);
});

test('interactions carry the response and the correct response in the Tracker shape', () => {
  assert.deepEqual(plain(quiz.interaction(single, 'a')), { kind: 'choice', response: ['a'], correct: ['b'] });
  assert.deepEqual(plain(quiz.interaction(multiple, ['c', 'a'])), { kind: 'choice', response: ['c', 'a'], correct: ['a', 'c'] });
  assert.deepEqual(plain(quiz.interaction(truefalse, false)), { kind: 'true-false', response: false, correct: true });
  assert.deepEqual(plain(quiz.interaction(ordering, { a: 1, b: 2, c: 3, d: 4 })),
    { kind: 'sequencing', response: ['a', 'b', 'c', 'd'], correct: ['c', 'a', 'd', 'b'] });
  assert.deepEqual(plain(quiz.interaction(matching, { p1: 'y', p3: 'x', p2: 'z' })),
    { kind: 'matching', response: [['p1', 'y'], ['p2', 'z'], ['p3', 'x']], correct: [['p1', 'y'], ['p2', 'x'], ['p3', 'z']] });
});

test('draws: seeded, sized, stable across reordering, and keep answered questions', () => {
  const pool = Array.from({ length: 12 }, (_, i) => question('q' + i, 'k' + String.fromCharCode(65 + i) + 'x', 'single'));
  const conf = { draw: 4, shuffle: true, questions: pool };
  const a = plain(quiz.draw(conf, 1234, []));
  assert.equal(a.length, 4);
  assert.equal(new Set(a).size, 4);
  assert.deepEqual(plain(quiz.draw(conf, 1234, [])), a);
  assert.deepEqual(plain(quiz.draw(Object.assign({}, conf, { questions: pool.slice().reverse() }), 1234, [])), a);
  const seeds = new Set(Array.from({ length: 20 }, (_, s) => plain(quiz.draw(conf, s, [])).sort().join()));
  assert.ok(seeds.size > 1, 'different seeds draw differently');
  // answered questions stay in the draw (e.g. after the pool changed)
  const kept = plain(quiz.draw(conf, 99, ['q0', 'q11']));
  assert.ok(kept.includes('q0') && kept.includes('q11') && kept.length === 4);
  // the answers of the drawn questions keep the same draw and order
  assert.deepEqual(plain(quiz.draw(conf, 1234, a.slice(0, 2))), a);
  // without draw or shuffle: every question, in the authored order
  assert.deepEqual(plain(quiz.draw({ questions: pool }, 5, [])), pool.map((q) => q.id));
  assert.equal(plain(quiz.draw({ draw: 99, questions: pool }, 5, [])).length, 12);
});
