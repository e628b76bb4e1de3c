'use strict';
// Completion and success: the core's decision and how each adapter reports it.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, makeConfig } = require('./harness');

const AC12 = load({ adapter: 'scorm12' });
const AC04 = load({ adapter: 'scorm2004' });
const decide = (f) => plain(AC12.completion.decide(Object.assign({ pagesDone: true, assessment: true,
  submitted: true, passed: true, onFail: 'failed' }, f)));
const lesson = (f, current = 'incomplete') => AC12.scorm12.lessonStatus(decide(f), current);
const s2004 = (f, current = { completion: 'incomplete', success: 'unknown' }) =>
  plain(AC04.scorm2004.statuses(decide(f), current));

test('without an assessment: completed when the required pages are viewed', () => {
  assert.deepEqual(decide({ assessment: false }), { completed: true, passed: null });
  assert.deepEqual(decide({ assessment: false, pagesDone: false }), { completed: false, passed: null });
  assert.equal(lesson({ assessment: false }), 'completed');
  assert.equal(lesson({ assessment: false, pagesDone: false }), 'incomplete');
  assert.deepEqual(s2004({ assessment: false }), { completion: 'completed', success: 'unknown' });
});

test('assessment not yet taken: incomplete, nothing about success', () => {
  assert.deepEqual(decide({ submitted: false, passed: false }), { completed: false, passed: null });
  assert.equal(lesson({ submitted: false }), 'incomplete');
  assert.deepEqual(s2004({ submitted: false }), { completion: 'incomplete', success: 'unknown' });
});

test('passed: reported once the pages are done too (1.2 passed; 2004 completed and passed)', () => {
  assert.deepEqual(decide({}), { completed: true, passed: true });
  assert.deepEqual(decide({ pagesDone: false }), { completed: false, passed: null });
  assert.equal(lesson({}), 'passed');
  assert.equal(lesson({ pagesDone: false }), 'incomplete');
  assert.deepEqual(s2004({}), { completion: 'completed', success: 'passed' });
  // "passed" alone makes Moodle's and Totara's activity complete: held back with pages to go
  assert.deepEqual(s2004({ pagesDone: false }), { completion: 'incomplete', success: 'unknown' });
});

test('failed with onFail "failed": 1.2 failed; 2004 failed and incomplete, pages done or not', () => {
  assert.deepEqual(decide({ passed: false }), { completed: true, passed: false });
  assert.equal(lesson({ passed: false }), 'failed');
  assert.equal(lesson({ passed: false, pagesDone: false }), 'failed');
  // completion_status "completed" would make the activity complete in Moodle, 1.2's failed does not
  assert.deepEqual(s2004({ passed: false }), { completion: 'incomplete', success: 'failed' });
  assert.deepEqual(s2004({ passed: false, pagesDone: false }), { completion: 'incomplete', success: 'failed' });
});

test('a reported fail stays until a pass replaces it (1.2 and 2004 alike)', () => {
  const failed = { completion: 'incomplete', success: 'failed' };
  assert.equal(lesson({ pagesDone: false }, 'failed'), 'failed');
  assert.deepEqual(s2004({ pagesDone: false }, failed), failed);
  assert.equal(lesson({}, 'failed'), 'passed');
  assert.deepEqual(s2004({}, failed), { completion: 'completed', success: 'passed' });
});

test('failed with onFail "incomplete": stays incomplete in both standards', () => {
  assert.deepEqual(decide({ passed: false, onFail: 'incomplete' }), { completed: false, passed: null });
  assert.equal(lesson({ passed: false, onFail: 'incomplete' }), 'incomplete');
  assert.deepEqual(s2004({ passed: false, onFail: 'incomplete' }), { completion: 'incomplete', success: 'unknown' });
});

test('reported results are never undone, and 1.2 never gets an LMS-only value', () => {
  assert.equal(lesson({ submitted: false }, 'passed'), 'passed');
  assert.equal(lesson({ submitted: false }, 'completed'), 'completed');
  assert.equal(lesson({ submitted: false }, 'failed'), 'failed');
  assert.equal(lesson({}, 'failed'), 'passed');                 // a later pass replaces a fail
  assert.deepEqual(s2004({ submitted: false }, { completion: 'completed', success: 'passed' }),
    { completion: 'completed', success: 'passed' });
  const all = [];
  for (const pagesDone of [true, false]) for (const assessment of [true, false])
    for (const submitted of [true, false]) for (const passed of [true, false])
      for (const onFail of ['failed', 'incomplete'])
        for (const cur of ['not attempted', 'incomplete', 'completed', 'passed', 'failed', 'browsed', ''])
          all.push(lesson({ pagesDone, assessment, submitted, passed, onFail }, cur));
  assert.deepEqual([...new Set(all)].sort(), ['completed', 'failed', 'incomplete', 'passed']);
});

test('facts come from the resume model and config.completion', () => {
  const config = makeConfig({ pages: 3, questions: 5 });
  const model = AC12.state.empty();
  let f = plain(AC12.completion.facts(config, model));
  assert.deepEqual(f, { pagesDone: false, missing: [], assessment: true, submitted: false, passed: false, onFail: 'failed' });
  config.pages.forEach((p) => { model.visited[p.id] = true; });
  model.quizzes['quiz-0'] = { att: 1, seed: 0, score: 75, phase: 's', resp: {} };
  f = plain(AC12.completion.facts(config, model));
  assert.deepEqual(f, { pagesDone: true, missing: [], assessment: true, submitted: true, passed: true, onFail: 'failed' });
  model.quizzes['quiz-0'].score = 74;
  assert.equal(AC12.completion.facts(config, model).passed, false);
  config.completion.pages = [config.pages[0].id];
  delete model.visited[config.pages[2].id];
  assert.equal(AC12.completion.facts(config, model).pagesDone, true);
});
