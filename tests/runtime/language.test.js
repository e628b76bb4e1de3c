'use strict';
// The language switch: one LMS session over two pages of a package. The page left hands its
// session over (core/language.js); the next page continues it without a second Initialize.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, makeConfig, fakeStorage } = require('./harness');
const fake = require('./fake_lms');

const config = makeConfig({ pages: 4, questions: 5 });
const answer = (n) => ({ id: 'quiz-0__q' + n, kind: 'true-false', response: true, correct: true,
  result: 'correct', latencyMs: 10, description: '', weight: 1 });

/** One page load of `adapter` under the LMS `lms`; both pages of a tab share `storage` and `session`. */
function page(adapter, lms, storage, session, now) {
  const top = { [lms.version === '1.2' ? 'API' : 'API_1484_11']: lms.api };
  top.parent = top;
  const AC = load({ adapter, storage, win: { parent: top, sessionStorage: session } });
  if (now) AC.ctx.Date = Object.assign(function () { return new Date(now()); }, { now });
  return { AC, tracker: AC.adapters[adapter](config) };
}

for (const [adapter, make, n] of [
  ['scorm12', fake.scorm12, { init: 'LMSInitialize', finish: 'finish', state: 'cmi.suspend_data', time: 'cmi.core.session_time', loc: 'cmi.core.lesson_location' }],
  ['scorm2004', fake.scorm2004, { init: 'Initialize', finish: 'terminate', state: 'cmi.suspend_data', time: 'cmi.session_time', loc: 'cmi.location' }],
]) {
  test(adapter + ': a switch commits without finishing; the next page continues the same session', async () => {
    const lms = make();
    const storage = fakeStorage();
    const session = fakeStorage();
    let clock = Date.parse('2024-03-01T10:00:00Z');
    const now = () => clock;
    const a = page(adapter, lms, storage, session, now);
    await a.tracker.start();
    a.tracker.saveState('1.abc');
    a.tracker.setLocation('sida-2');
    a.tracker.recordAnswer(answer(0));
    const handover = plain(a.tracker.handover());
    assert.deepEqual(handover, { startedAt: clock });
    assert.equal(lms.committed[n.state], '1.abc', 'committed before the page goes');
    assert.equal(lms.phase, 'running', 'never finished');
    a.tracker.terminate();                                  // the page's pagehide: nothing more
    assert.equal(a.tracker.flush(), false);
    assert.equal(lms.calls.filter((c) => c[0] === n.finish).length, 0);

    clock += 90 * 60 * 1000;                                // the learner stays 90 minutes in all
    const b = page(adapter, lms, storage, session, now);
    const launch = plain(await b.tracker.start(handover));
    assert.equal(lms.calls.filter((c) => c[0] === n.init).length, 1, 'one Initialize in the session');
    assert.equal(launch.state, '1.abc');
    assert.equal(launch.location, 'sida-2');
    assert.equal(launch.count, 1, 'interactions go on after the first page\'s');
    b.tracker.recordAnswer(answer(1));
    b.tracker.terminate();
    assert.equal(lms.committed['cmi.interactions.1.id'], 'quiz-0__q1');
    assert.equal(lms.calls.filter((c) => c[0] === n.finish).length, 1);
    const time = lms.calls.filter((c) => c[0] === 'set' && c[1] === n.time).map((c) => c[2]);
    assert.deepEqual(time, [adapter === 'scorm12' ? '01:30:00' : 'PT1H30M'], 'session time of both pages');
    assert.deepEqual(lms.problems, []);
    assert.deepEqual(b.AC.warnings, []);
  });

  test(adapter + ': a handover whose session has ended starts a new one', async () => {
    const lms = make();                                     // a new launch: nothing initialised
    const b = page(adapter, lms, fakeStorage(), fakeStorage());
    const launch = plain(await b.tracker.start({ startedAt: Date.now() - 1000 }));
    assert.equal(launch.mode, 'normal');
    assert.equal(lms.calls.filter((c) => c[0] === n.init).length, 1);
    assert.equal(lms.phase, 'running');
    assert.equal(lms.problems.length, 1, 'only the read that found the session closed');
    assert.ok(b.AC.warnings.some((w) => /not open/.test(w)));
  });
}

test('the handover is read once, and only while it is fresh', () => {
  const session = fakeStorage();
  const AC = load({ win: { sessionStorage: session } });
  const cfg = { course: { storageKey: 'aicourse:c:1:p:sv+en' } };
  assert.equal(AC.handover.take(cfg), null);
  assert.equal(AC.handover.possible(cfg), true);
  const h = { at: Date.now(), page: 'sida-1', lms: { startedAt: 5 } };
  assert.equal(AC.handover.give(cfg, h), true);
  assert.deepEqual(plain(AC.handover.take(cfg)), h);
  assert.equal(AC.handover.take(cfg), null, 'gone once taken');
  assert.equal(session.map.size, 0);
  AC.handover.give(cfg, Object.assign({}, h, { at: Date.now() - 10 * 60 * 1000 }));
  assert.equal(AC.handover.take(cfg), null, 'a stale handover is dropped');
  session.setItem('aicourse:handover:' + cfg.course.storageKey, '{not json');
  assert.equal(AC.handover.take(cfg), null);
});

test('without sessionStorage nothing can be handed over', () => {
  const refusing = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); },
    removeItem() { throw new Error('denied'); } };
  const AC = load({ win: { sessionStorage: refusing } });
  const cfg = { course: { storageKey: 'k' } };
  assert.equal(AC.handover.possible(cfg), false);
  assert.equal(AC.handover.give(cfg, { at: 1 }), false);
  assert.equal(AC.handover.take(cfg), null);
});

test('the local tracker hands over too (no LMS: the next page reads localStorage)', async () => {
  const storage = fakeStorage();
  const AC = load({ adapter: 'local', storage });
  const t = AC.adapters.local(config);
  await t.start();
  t.saveState('1.x');
  assert.deepEqual(plain(t.handover()), {});
  const next = load({ adapter: 'local', storage }).adapters.local(config);
  assert.equal((await next.start({})).state, '1.x');
});
