'use strict';
// Ordering questions as a list the learner rearranges: the start order, a saved order shown
// again, and the stored answer's shape (positions by choice id) through the resume state.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, makeConfig, maximalModel } = require('./harness');

const AC = load();
const { arrange } = AC.answers;
const positions = (ids) => Object.fromEntries(ids.map((c, i) => [c, i + 1]));

test('the list never starts as the solution: the start order, or it rotated by one', () => {
  assert.deepEqual(plain(arrange(['b', 'a', 'c'], ['c', 'a', 'b'])), ['b', 'a', 'c']);
  assert.deepEqual(plain(arrange(['c', 'a', 'b'], ['c', 'a', 'b'])), ['a', 'b', 'c']);
  assert.deepEqual(plain(arrange(['c', 'a', 'b'], ['c', 'a', 'b'], {})), ['a', 'b', 'c']);
  assert.deepEqual(plain(arrange(['a'], ['a'])), ['a']);
  const start = ['a', 'b'];
  arrange(start, ['a', 'b']);
  assert.deepEqual(start, ['a', 'b'], 'the start order is not changed in place');
});

test('a saved answer is shown in its order, whatever the start order', () => {
  const v = { a: 3, b: 1, c: 2 };
  assert.deepEqual(plain(arrange(['a', 'b', 'c'], ['b', 'c', 'a'], v)), ['b', 'c', 'a']);
  assert.deepEqual(plain(arrange(['c', 'a', 'b'], ['b', 'c', 'a'], v)), ['b', 'c', 'a']);
  // an answer of an older version that lacks a choice: the known ones first, the new one last
  assert.deepEqual(plain(arrange(['d', 'a', 'b', 'c'], [], v)), ['b', 'c', 'a', 'd']);
});

test('the order shown is stored as before ({choice: position}) and comes back the same', () => {
  const config = makeConfig({ pages: 3, questions: 5, perQuiz: 5 });
  const q = config.quizzes['quiz-0'].questions.find((x) => x.type === 'ordering');
  const shown = arrange(q.choices.slice().reverse(), q.answer);
  const model = maximalModel(AC, config);
  model.quizzes['quiz-0'].resp = { [q.id]: positions(shown) };
  const s = AC.state.encode(model, config, 0);
  const back = AC.state.decode(s, config).quizzes['quiz-0'].resp[q.id];
  assert.deepEqual(plain(back), positions(shown));
  assert.deepEqual(plain(arrange(q.choices, q.answer, back)), plain(shown));
  // the right order is scored and reported as before
  assert.equal(AC.quiz.isCorrect(q, positions(q.answer)), true);
  assert.deepEqual(plain(AC.quiz.interaction(q, positions(q.answer)).response), q.answer);
});
