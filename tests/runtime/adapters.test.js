'use strict';
// Whole sessions of each adapter against fake LMS APIs that apply Moodle/Totara's rules.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, makeConfig, fakeStorage } = require('./harness');
const fake = require('./fake_lms');

const config = makeConfig({ pages: 4, questions: 5 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sets = (lms, prefix) => lms.calls.filter((c) => c[0] === 'set' && c[1].startsWith(prefix));
const answers = [
  { id: 'quiz-0__q0', kind: 'choice', response: ['a'], correct: ['b'], result: 'incorrect', latencyMs: 12345, description: 'Vad är en AI-modell?', weight: 1 },
  { id: 'quiz-0__q1', kind: 'choice', response: ['a', 'c'], correct: ['a', 'c'], result: 'correct', latencyMs: 500, description: 'x', weight: 1 },
  { id: 'quiz-0__q2', kind: 'true-false', response: true, correct: true, result: 'correct', latencyMs: 0, description: '', weight: 1 },
  { id: 'quiz-0__q3', kind: 'sequencing', response: ['c', 'a'], correct: ['c', 'a'], result: 'correct', latencyMs: 3723450, description: '', weight: 1 },
  { id: 'quiz-0__q4', kind: 'matching', response: [['p1', 'y']], correct: [['p1', 'y']], result: 'correct', latencyMs: 1, description: '', weight: 1 },
  { id: 'enkat__i1', kind: 'likert', response: '4', correct: null, result: 'neutral', latencyMs: 0, description: 'Relevans', weight: 0 },
  { id: 'tanke', kind: 'long-fill-in', response: '{hej} [,] du'.repeat(400), correct: null, result: 'neutral', latencyMs: 0, description: 'd'.repeat(300), weight: 0 },
  { id: 'yrkesgrupp', kind: 'choice', response: ['under-sköterska'], correct: null, result: 'neutral', latencyMs: 0, description: '', weight: 0 },
];

function session(adapter, lms, storage, extraWin = {}) {
  // the API sits three frames up, as in an LMS player
  const top = { [lms.version === '1.2' ? 'API' : 'API_1484_11']: lms.api };
  top.parent = top;
  const mid = { parent: top };
  const AC = load({ adapter, storage, win: Object.assign({ parent: { parent: mid } }, extraWin) });
  return { AC, tracker: AC.adapters[adapter](config) };
}

for (const [adapter, make, names] of [
  ['scorm12', fake.scorm12, { status: 'cmi.core.lesson_status', state: 'cmi.suspend_data', loc: 'cmi.core.lesson_location', exit: 'cmi.core.exit', finish: 'finish' }],
  ['scorm2004', fake.scorm2004, { status: 'cmi.completion_status', state: 'cmi.suspend_data', loc: 'cmi.location', exit: 'cmi.exit', finish: 'terminate' }],
]) {
  test(adapter + ': a whole session follows the call order and every Moodle rule', async () => {
    const lms = make();
    const { AC, tracker } = session(adapter, lms, fakeStorage());
    const launch = plain(await tracker.start());
    assert.deepEqual(launch, { state: null, location: null, entry: 'ab-initio', mode: 'normal', credit: true, count: 0 });
    // incomplete is set at once, right after initialising and reading
    assert.deepEqual(sets(lms, names.status)[0].slice(1), [names.status, 'incomplete']);
    assert.equal(tracker.flush(), true);
    assert.equal(lms.committed[names.status], 'incomplete');

    tracker.saveState('1.abc');
    tracker.setLocation(config.pages[1].id);
    tracker.setProgress(0.5);
    const before = lms.calls.length;
    tracker.saveState('1.abcdef');                  // batched: nothing reaches the LMS yet
    assert.equal(lms.calls.length, before);
    answers.forEach((a) => tracker.recordAnswer(a));
    tracker.setScore({ raw: 80, min: 0, max: 100 });
    tracker.complete({ completed: true, passed: true });
    assert.equal(tracker.flush(), true);
    assert.equal(lms.committed[names.state], '1.abcdef');
    assert.equal(lms.committed[names.loc], config.pages[1].id);
    assert.equal(lms.committed['cmi.interactions._count'], String(answers.length));
    assert.equal(sets(lms, names.state).length, 1, 'one write per batch, the latest value');

    tracker.terminate();
    tracker.terminate();
    tracker.saveState('1-');
    tracker.flush();
    const last = lms.calls[lms.calls.length - 1];
    assert.equal(last[0], names.finish);
    assert.equal(lms.calls.filter((c) => c[0] === names.finish).length, 1);
    assert.equal(sets(lms, names.exit)[0][2], adapter === 'scorm12' ? '' : 'normal');
    assert.deepEqual(lms.problems, []);
    // a text longer than 1.2 keeps (its field's maxlength stops the learner first) is not cut
    assert.deepEqual(AC.warnings, adapter === 'scorm12' ? ['[aicourse] student_response over 255 characters: not sent tanke'] : []);
  });

  test(adapter + ': interactions are complete and in the standard\'s formats', async () => {
    const lms = make({ 'cmi.interactions._count': '2' });
    const { AC, tracker } = session(adapter, lms, fakeStorage());
    await tracker.start();
    answers.forEach((a) => tracker.recordAnswer(a));
    tracker.flush();
    const d = lms.data;
    const p = (n, f) => d['cmi.interactions.' + n + '.' + f];
    if (adapter === 'scorm12') {
      assert.equal(p(2, 'id'), 'quiz-0__q0');
      assert.equal(p(2, 'student_response'), 'a');
      assert.equal(p(2, 'result'), 'wrong');
      assert.equal(p(2, 'latency'), '00:00:12.35');
      assert.equal(p(3, 'correct_responses.0.pattern'), 'a,c');
      assert.equal(p(4, 'student_response'), 't');
      assert.equal(p(5, 'latency'), '01:02:03.45');
      assert.equal(p(6, 'student_response'), 'p1.y');
      assert.equal(p(7, 'type'), 'likert');
      assert.equal(p(8, 'type'), 'fill-in');
      assert.equal(p(8, 'student_response'), undefined);   // over 255: never cut, not sent
      assert.equal(AC.scorm12.response('long-fill-in', 'å'.repeat(255)).length, 255);
    } else {
      assert.equal(p(2, 'learner_response'), 'a');
      assert.equal(p(2, 'result'), 'incorrect');
      assert.equal(p(2, 'latency'), 'PT12.35S');
      assert.equal(p(2, 'description'), '{lang=sv}Vad är en AI-modell?');
      assert.equal(p(3, 'correct_responses.0.pattern'), 'a[,]c');
      assert.equal(p(4, 'learner_response'), 'true');
      assert.equal(p(5, 'latency'), 'PT1H2M3.45S');
      assert.equal(p(6, 'learner_response'), 'p1[.]y');
      assert.equal(p(8, 'type'), 'long-fill-in');
      assert.ok(!p(8, 'learner_response').includes('[,]'));
      assert.ok(!p(8, 'learner_response').startsWith('{'));
      assert.equal(p(9, 'learner_response'), 'under_sk_terska');
    }
    assert.deepEqual(lms.problems, []);
  });

  test(adapter + ': a failing commit is retried with the latest values; nothing is lost', async () => {
    const lms = make();
    const storage = fakeStorage();
    const { tracker } = session(adapter, lms, storage);
    let problem = null;
    tracker.onSaveProblem = (failing) => { problem = failing; };
    await tracker.start();
    tracker.flush();
    lms.failCommit = true;
    tracker.saveState('1.one');
    tracker.recordAnswer(answers[0]);
    assert.equal(tracker.flush(), false);
    assert.equal(problem, true);
    tracker.saveState('1.two');
    tracker.recordAnswer(answers[1]);
    assert.equal(tracker.flush(), false);
    lms.failCommit = false;
    await sleep(2100);                                 // the backoff timer retries by itself
    assert.equal(problem, false);
    assert.equal(lms.committed['cmi.suspend_data'], '1.two');
    assert.equal(lms.committed['cmi.interactions._count'], '2');
    assert.equal(lms.committed['cmi.interactions.1.id'], 'quiz-0__q1');
    assert.equal(JSON.parse(storage.getItem(config.course.storageKey + ':m')).a, '1.two');
    assert.deepEqual(lms.problems, []);
  });

  test(adapter + ': a relaunch after a failed final commit recovers the newer state', async () => {
    const storage = fakeStorage();
    const lms = make();
    const first = session(adapter, lms, storage).tracker;
    await first.start();
    first.saveState('1.old');
    first.setLocation('sida-1');
    first.flush();
    lms.failCommit = true;
    first.saveState('1.new');
    first.setLocation('sida-2');
    first.terminate();
    const server = Object.assign({}, lms.committed, { 'cmi.core.entry': 'resume', 'cmi.entry': 'resume' });
    assert.equal(server['cmi.suspend_data'], '1.old');
    const lms2 = make(server);
    const second = session(adapter, lms2, storage).tracker;
    const launch = await second.start();
    assert.equal(launch.state, '1.new');
    assert.equal(launch.location, 'sida-2');
    second.saveState(launch.state);
    second.flush();
    assert.equal(lms2.committed['cmi.suspend_data'], '1.new');
    // another browser (no mirror): the LMS's state is used
    const lms3 = make(server);
    const third = session(adapter, lms3, fakeStorage()).tracker;
    assert.equal((await third.start()).state, '1.old');
  });

  test(adapter + ': resume and review launches are read, and review mode writes no status', async () => {
    const initial = adapter === 'scorm12'
      ? { 'cmi.core.entry': 'resume', 'cmi.core.lesson_status': 'incomplete', 'cmi.suspend_data': '1.abc', 'cmi.core.lesson_location': 'sida-2', 'cmi.core.lesson_mode': 'review', 'cmi.core.credit': 'no-credit' }
      : { 'cmi.entry': 'resume', 'cmi.completion_status': 'incomplete', 'cmi.suspend_data': '1.abc', 'cmi.location': 'sida-2', 'cmi.mode': 'review', 'cmi.credit': 'no-credit' };
    const lms = make(initial);
    const { tracker } = session(adapter, lms, fakeStorage());
    const launch = plain(await tracker.start());
    assert.deepEqual(launch, { state: '1.abc', location: 'sida-2', entry: 'resume', mode: 'review', credit: false, count: 0 });
    assert.equal(sets(lms, names.status).length, 0);
  });
}

test('scorm12: suspend_data over 4096 characters is never sent', async () => {
  const lms = fake.scorm12();
  const { AC, tracker } = session('scorm12', lms, fakeStorage());
  await tracker.start();
  tracker.saveState('1' + 'x'.repeat(4096));
  tracker.flush();
  assert.equal(sets(lms, 'cmi.suspend_data').length, 0);
  assert.ok(AC.warnings.some((w) => /4096/.test(w)));
  assert.deepEqual(lms.problems, []);
});

test('scorm12: status never goes back and "not attempted" is never written', async () => {
  const lms = fake.scorm12({ 'cmi.core.lesson_status': 'passed' });
  const { tracker } = session('scorm12', lms, fakeStorage());
  await tracker.start();
  tracker.complete({ completed: false, passed: null });
  tracker.terminate();
  assert.equal(sets(lms, 'cmi.core.lesson_status').length, 0);
  assert.equal(sets(lms, 'cmi.core.exit')[0][2], 'suspend');
  assert.match(sets(lms, 'cmi.core.session_time')[0][2], /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/);
});

test('scorm2004: failed is reported incomplete (as 1.2 failed counts in Moodle), with score scaled and raw', async () => {
  const lms = fake.scorm2004();
  const { tracker } = session('scorm2004', lms, fakeStorage());
  await tracker.start();
  tracker.setScore({ raw: 40, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: false });
  tracker.terminate();
  const d = lms.committed;
  assert.equal(d['cmi.completion_status'], 'incomplete');
  assert.equal(d['cmi.success_status'], 'failed');
  assert.equal(d['cmi.score.scaled'], '0.40');
  assert.equal(d['cmi.score.raw'], '40');
  assert.equal(d['cmi.exit'], 'suspend');
  assert.match(d['cmi.session_time'], /^PT/);
  assert.deepEqual(lms.problems, []);
});

test('API discovery: parents up to 500 hops, then the opener; none means start() rejects', async () => {
  const lms = fake.scorm12();
  let win = { API: lms.api };
  win.parent = win;
  for (let i = 0; i < 499; i++) win = { parent: win };
  let AC = load({ adapter: 'scorm12', win: { parent: win } });
  assert.equal(AC.findApi('API'), lms.api);
  win = { parent: win };
  win = { parent: win };
  AC = load({ adapter: 'scorm12', win: { parent: win } });
  assert.equal(AC.findApi('API'), null, 'not beyond 500 hops');

  const opener = { parent: { API: lms.api } };
  opener.parent.parent = opener.parent;
  AC = load({ adapter: 'scorm12', win: { opener } });
  assert.equal(AC.findApi('API'), lms.api);

  const hostile = {};
  Object.defineProperty(hostile, 'API', { get() { throw new Error('cross-origin'); } });
  AC = load({ adapter: 'scorm12', win: { parent: hostile } });
  assert.equal(AC.findApi('API'), null);

  AC = load({ adapter: 'scorm2004' });
  await assert.rejects(AC.adapters.scorm2004(config).start());
});

test('local: state, location and status are kept in localStorage under storageKey', async () => {
  const storage = fakeStorage();
  const AC = load({ adapter: 'local', storage });
  const t = AC.adapters.local(config);
  assert.equal((await t.start()).entry, 'ab-initio');
  t.saveState('1.abc');
  t.setLocation('sida-3');
  t.complete({ completed: true, passed: null });
  t.flush();
  t.terminate();
  const again = load({ adapter: 'local', storage }).adapters.local(config);
  const launch = plain(await again.start());
  assert.deepEqual(launch, { state: '1.abc', location: 'sida-3', entry: 'resume', mode: 'normal', credit: true, count: 0 });
  assert.equal(storage.getItem(config.course.storageKey + ':m'), null, 'no mirror for local');
});

test('an LMS API that throws is logged, never breaks the course', async () => {
  const lms = fake.scorm12();
  const { AC, tracker } = session('scorm12', lms, fakeStorage());
  await tracker.start();
  lms.api.LMSSetValue = () => { throw new Error('boom'); };
  lms.api.LMSCommit = () => { throw new Error('down'); };
  tracker.saveState('1.abc');
  tracker.recordAnswer(answers[0]);
  assert.equal(tracker.flush(), false);
  assert.doesNotThrow(() => tracker.terminate());
  assert.ok(AC.warnings.some((w) => /boom/.test(w)) && AC.warnings.some((w) => /down/.test(w)));
  assert.equal(lms.calls[lms.calls.length - 1][0], 'finish', 'LMSFinish is still called');
});
