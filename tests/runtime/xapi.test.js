'use strict';
// The xAPI adapter against an in-memory LRS: launch parameters, valid statements, interactions,
// privacy, bookmark and resume through the State API, and the queue that loses nothing.
const test = require('node:test');
const assert = require('node:assert/strict');
const { plain, fakeStorage } = require('./harness');
const { ENDPOINT, fakeLrs, checkStatement, xapiConfig, open, sleep } = require('./fake_lrs');

const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'u-1625378' } };
const REG = '760e3480-ba55-4991-94b0-01820dbd23a2';
const COURSE = 'https://www.ai.se/xapi/courses/c';
const params = (extra = {}) => Object.assign({ endpoint: ENDPOINT.slice(0, -1), auth: 'Basic dGVzdDp0ZXN0',
  actor: JSON.stringify(ACTOR), registration: REG, activity_id: COURSE }, extra);
const verbs = (list) => list.map((st) => st.verb.id.split('/').pop());
const ANSWERS = [
  { id: 'quiz-0__q0', kind: 'choice', response: ['a'], correct: ['b'], result: 'incorrect', latencyMs: 12345, description: 'Vad är en AI-modell?', weight: 1 },
  { id: 'quiz-0__q1', kind: 'choice', response: ['a', 'c'], correct: ['a', 'c'], result: 'correct', latencyMs: 500, description: 'x', weight: 1 },
  { id: 'quiz-0__q2', kind: 'true-false', response: true, correct: true, result: 'correct', latencyMs: 0, description: '', weight: 1 },
  { id: 'quiz-0__q3', kind: 'sequencing', response: ['c', 'a', 'd', 'b'], correct: ['c', 'a', 'd', 'b'], result: 'correct', latencyMs: 1, description: '', weight: 1 },
  { id: 'quiz-0__q4', kind: 'matching', response: [['p1', 'y'], ['p2', 'x']], correct: [['p1', 'y'], ['p2', 'x'], ['p3', 'z']], result: 'incorrect', latencyMs: 1, description: '', weight: 1 },
  { id: 'enkat__i1', kind: 'likert', response: '4', correct: null, result: 'neutral', latencyMs: 0, description: 'Item 1', weight: 0 },
  { id: 'enkat__enkat-fritt', kind: 'long-fill-in', response: 'Bra kurs [,] tack', correct: null, result: 'neutral', latencyMs: 0, description: '', weight: 0 },
  { id: 'tanke', kind: 'long-fill-in', response: 'Min reflektion', correct: null, result: 'neutral', latencyMs: 0, description: 'Reflektion', weight: 0 },
  { id: 'yrke', kind: 'choice', response: ['lakare'], correct: null, result: 'neutral', latencyMs: 0, description: 'Yrke', weight: 0 },
];

async function session(lrs, opts = {}) {
  const config = opts.config || xapiConfig(opts.configOpts);
  const s = open('xapi', lrs, opts.params || params(), Object.assign({ config }, opts));
  s.config = config;
  s.launch = plain(await s.tracker.start());
  return s;
}

test('launch parameters: endpoint gets its "/", auth its scheme, a legacy actor its first elements', async () => {
  const lrs = fakeLrs({ auth: 'Basic abc123==' });
  const legacy = { name: ['Anna'], mbox: ['mailto:anna@example.org'], objectType: 'Agent' };
  const s = await session(lrs, { params: params({ auth: 'abc123==', actor: JSON.stringify(legacy) }) });
  s.tracker.terminate();
  assert.equal(await s.tracker.sync(2000), true);
  assert.ok(lrs.requests.every((r) => r.url.startsWith(ENDPOINT)));
  assert.deepEqual(lrs.problems, []);
  for (const st of lrs.list()) assert.deepEqual(st.actor, { name: 'Anna', mbox: 'mailto:anna@example.org', objectType: 'Agent' });
  const account = s.AC.xapi.actor(JSON.stringify({ account: [{ accountServiceHomePage: 'https://x', accountName: '7' }] }));
  assert.deepEqual(plain(account), { account: { homePage: 'https://x', name: '7' } });
  assert.deepEqual(plain(s.AC.xapi.params('?a=1+2&b=%7B%22x%22%3A1%7D')), { a: '1 2', b: '{"x":1}' });
});

test('without an endpoint the adapter refuses to start (the core then runs untracked)', async () => {
  const lrs = fakeLrs();
  const s = open('xapi', lrs, { actor: JSON.stringify(ACTOR) }, { config: xapiConfig() });
  await assert.rejects(s.tracker.start());
  const t = open('xapi', lrs, params({ actor: 'not json' }), { config: xapiConfig() });
  await assert.rejects(t.tracker.start());
  assert.equal(lrs.requests.length, 0);
});

test('a whole session: valid statements in order, interactions, outcome, bookmark', async () => {
  const lrs = fakeLrs();
  const { tracker, launch } = await session(lrs);
  assert.deepEqual(launch, { state: null, location: null, entry: 'ab-initio', mode: 'normal', credit: true, count: 0 });
  tracker.setProgress(0.25);
  tracker.pageViewed('sida-0');
  tracker.pageViewed('sida-0');   // shown again at once: one statement
  tracker.saveState('1.abc');
  tracker.setLocation('sida-1');
  ANSWERS.forEach((a) => tracker.recordAnswer(a));
  tracker.setScore({ raw: 80, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: true });
  assert.equal(tracker.flush(), true);
  tracker.terminate();
  tracker.recordAnswer(ANSWERS[0]);   // after terminate: nothing
  tracker.complete({ completed: true, passed: false });
  tracker.pageViewed('sida-2');
  assert.equal(await tracker.sync(2000), true);

  const all = lrs.list();
  assert.deepEqual(verbs(all), ['initialized', 'experienced', ...ANSWERS.map(() => 'answered'), 'completed', 'passed', 'terminated']);
  for (const st of all) assert.deepEqual(checkStatement(st, { actor: ACTOR, registration: REG }), []);
  assert.deepEqual(lrs.problems, []);
  const stamps = all.map((st) => st.timestamp);
  assert.deepEqual(stamps.slice().sort(), stamps, 'timestamps increase');

  const [init, page] = all;
  assert.deepEqual(plain(init.object), { id: COURSE, objectType: 'Activity',
    definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { sv: 'Kursen' } } });
  assert.equal(init.context.contextActivities, undefined);
  assert.equal(page.object.id, COURSE + '/pages/sida-0');
  assert.deepEqual(page.context.contextActivities, { parent: [{ id: COURSE, objectType: 'Activity' }] });
  assert.equal(page.result.extensions['https://w3id.org/xapi/cmi5/result/extensions/progress'], 25);

  const byObject = Object.fromEntries(all.filter((st) => /answered/.test(st.verb.id)).map((st) => [st.object.id.slice(COURSE.length), st]));
  const q0 = byObject['/quizzes/quiz-0/q0'];
  assert.deepEqual(plain(q0.object.definition), {
    type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice',
    choices: ['a', 'b', 'c', 'd'].map((id) => ({ id })), name: { sv: 'Vad är en AI-modell?' },
    correctResponsesPattern: ['b'] });
  assert.deepEqual(plain(q0.result), { response: 'a', success: false, duration: 'PT12.35S' });
  assert.deepEqual(q0.context.contextActivities.parent, [{ id: COURSE + '/quizzes/quiz-0', objectType: 'Activity' }]);
  assert.deepEqual(q0.context.contextActivities.grouping, [{ id: COURSE, objectType: 'Activity' }]);
  assert.equal(byObject['/quizzes/quiz-0/q1'].result.response, 'a[,]c');
  assert.deepEqual(plain(byObject['/quizzes/quiz-0/q2'].result), { response: 'true', success: true });
  assert.deepEqual(byObject['/quizzes/quiz-0/q2'].object.definition.correctResponsesPattern, ['true']);
  assert.equal(byObject['/quizzes/quiz-0/q3'].result.response, 'c[,]a[,]d[,]b');
  const q4 = byObject['/quizzes/quiz-0/q4'].object.definition;
  assert.deepEqual(plain(q4.source), [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }]);
  assert.deepEqual(plain(q4.target), [{ id: 'x' }, { id: 'y' }, { id: 'z' }]);
  assert.deepEqual(q4.correctResponsesPattern, ['p1[.]y[,]p2[.]x[,]p3[.]z']);
  assert.equal(byObject['/quizzes/quiz-0/q4'].result.response, 'p1[.]y[,]p2[.]x');
  const likert = byObject['/surveys/enkat/i1'];
  assert.deepEqual(plain(likert.object.definition.scale), ['1', '2', '3', '4', '5'].map((id) => ({ id })));
  assert.deepEqual(plain(likert.result), { response: '4' });
  assert.equal(likert.context.contextActivities.parent[0].id, COURSE + '/surveys/enkat');
  assert.equal(byObject['/surveys/enkat/enkat-fritt'].result.response, 'Bra kurs [,] tack');
  assert.equal(byObject['/reflections/tanke'].result.response, 'Min reflektion');
  const group = byObject['/groups/yrke'];
  assert.deepEqual(plain(group.object.definition.choices), ['lakare', 'sjukskoterska', 'admin'].map((id) => ({ id })));
  assert.equal(group.result.response, 'lakare');

  const [completed, passed, terminated] = all.slice(-3);
  assert.deepEqual(plain(completed.result), { completion: true, duration: completed.result.duration });
  assert.deepEqual(plain(passed.result.score), { scaled: 0.8, raw: 80, min: 0, max: 100 });
  assert.equal(passed.result.success, true);
  assert.ok(terminated.result.duration);
  assert.equal(terminated.result.extensions, undefined, 'no progress after completion');

  const doc = lrs.getState({ stateId: 'aicourse-state', activityId: COURSE, agent: JSON.stringify(ACTOR), registration: REG });
  assert.deepEqual(doc, { s: '1.abc', l: 'sida-1', r: { c: true, p: true, f: false } });
});

test('resume: the bookmark comes back, "resumed" instead of "initialized", completed is not repeated', async () => {
  const lrs = fakeLrs();
  const storage = fakeStorage();
  const one = await session(lrs, { storage });
  one.tracker.saveState('1.xyz');
  one.tracker.setLocation('sida-2');
  one.tracker.complete({ completed: true, passed: null });
  one.tracker.flush();
  one.tracker.terminate();
  assert.equal(await one.tracker.sync(2000), true);
  assert.deepEqual(verbs(lrs.list()), ['initialized', 'completed', 'terminated']);

  // another browser (empty localStorage): everything comes from the LRS
  const two = await session(lrs, { storage: fakeStorage() });
  assert.deepEqual(two.launch, { state: '1.xyz', location: 'sida-2', entry: 'resume', mode: 'normal', credit: true, count: 0 });
  two.tracker.complete({ completed: true, passed: null });
  two.tracker.flush();
  two.tracker.terminate();
  assert.equal(await two.tracker.sync(2000), true);
  assert.deepEqual(verbs(lrs.list()).slice(3), ['resumed', 'terminated']);
});

test('an unfinished session ends "suspended"; durations and timestamps have the right formats', async () => {
  const lrs = fakeLrs();
  const { tracker } = await session(lrs);
  tracker.complete({ completed: false, passed: null });
  await sleep(15);
  tracker.terminate();
  assert.equal(await tracker.sync(2000), true);
  const last = lrs.list().pop();
  assert.equal(last.verb.id, 'http://adlnet.gov/expapi/verbs/suspended');
  assert.match(last.result.duration, /^PT0\.\d\dS$|^PT0\.\dS$/);
});

test('privacy: keep_local sends no free text and no group; "send" carries the group on every statement', async () => {
  const lrs = fakeLrs();
  const local = await session(lrs, { configOpts: { privacy: { freeText: 'keep_local', group: 'keep_local' } } });
  const decodedGroup = local.AC.state.encode({ visited: {}, quizzes: {}, surveys: {}, notes: {}, groups: { yrke: 'admin' } }, local.config, 64000);
  local.tracker.saveState(decodedGroup);
  ANSWERS.forEach((a) => local.tracker.recordAnswer(a));
  local.tracker.flush();
  local.tracker.terminate();
  assert.equal(await local.tracker.sync(2000), true);
  const sent = JSON.stringify(lrs.received);
  assert.doesNotMatch(sent, /Bra kurs|Min reflektion/);
  assert.doesNotMatch(sent, /extensions\/group/);
  for (const st of lrs.list()) {
    if (/fill-in/.test((st.object.definition || {}).interactionType)) assert.equal((st.result || {}).response, undefined);
  }

  const lrs2 = fakeLrs();
  const shared = await session(lrs2);
  shared.tracker.saveState(decodedGroup);
  shared.tracker.pageViewed('sida-1');
  shared.tracker.terminate();
  assert.equal(await shared.tracker.sync(2000), true);
  const [init, page, end] = lrs2.list();
  const ext = 'https://www.ai.se/xapi/courses/extensions/group';
  assert.equal(init.context.extensions, undefined, 'no group chosen yet at launch');
  assert.deepEqual(plain(page.context.extensions), { [ext]: { yrke: 'admin' } });
  assert.deepEqual(plain(end.context.extensions), { [ext]: { yrke: 'admin' } });
});

test('nothing lost: an outage, then recovery; every statement stored exactly once with its own id', async () => {
  const lrs = fakeLrs();
  const storage = fakeStorage();
  const { tracker } = await session(lrs, { storage });
  assert.equal(await tracker.sync(2000), true);
  const problems = [];
  tracker.onSaveProblem = (failing) => problems.push(failing);
  lrs.down = true;
  for (let i = 0; i < 4; i++) tracker.pageViewed('sida-' + i);
  ANSWERS.slice(0, 4).forEach((a) => tracker.recordAnswer(a));
  tracker.saveState('1.q');
  tracker.flush();
  await sleep(60);
  const key = Array.from(storage.map.keys()).find((k) => k.includes(':xapi:'));
  const queued = JSON.parse(storage.map.get(key));
  assert.equal(queued.q.length, 8, 'waiting in localStorage');
  assert.equal(queued.put, 1);
  assert.deepEqual(problems, [true]);
  lrs.down = false;
  lrs.storeThenFail = 1;   // stored, but the answer is lost: the retry finds the ids known
  assert.equal(await tracker.sync(3000), true);
  assert.deepEqual(problems, [true, false]);
  const ids = lrs.received.map((st) => st.id);
  assert.ok(ids.length > lrs.order.length, 'some statements were sent twice');
  assert.equal(lrs.order.length, 9);
  assert.equal(new Set(lrs.order).size, lrs.order.length);
  assert.deepEqual(Array.from(new Set(ids)).sort(), lrs.order.slice().sort());
  assert.equal(JSON.parse(storage.map.get(key)).q.length, 0);
  assert.equal(lrs.getState({ stateId: 'aicourse-state', activityId: COURSE, agent: JSON.stringify(ACTOR), registration: REG }).s, '1.q');
});

test('nothing lost: statements of a closed page are sent at the next launch, before its own', async () => {
  const lrs = fakeLrs();
  const storage = fakeStorage();
  const one = await session(lrs, { storage });
  assert.equal(await one.tracker.sync(2000), true);
  lrs.refuse = 1000;
  lrs.refuseWith = 0;   // network errors
  one.tracker.pageViewed('sida-1');
  one.tracker.saveState('1.closed');
  one.tracker.terminate();
  await sleep(30);
  const urgent = lrs.requests.filter((r) => r.keepalive);
  assert.ok(urgent.length >= 1, 'terminate sends with keepalive');
  one.AC.ctx.fetch = () => new Promise(() => {});   // the page is gone: its retries never land
  lrs.refuse = 0;
  const two = await session(lrs, { storage });
  assert.equal(two.launch.state, '1.closed', 'the unsent bookmark of this browser wins');
  assert.equal(await two.tracker.sync(2000), true);
  await sleep(50);
  assert.deepEqual(verbs(lrs.list()), ['initialized', 'experienced', 'suspended', 'resumed']);
  assert.equal(new Set(lrs.received.map((st) => st.id)).size, 4);
});

test('a batch refused whole is sent one by one; a statement refused as such is set aside', async () => {
  const lrs = fakeLrs();
  const { AC, tracker, storage } = await session(lrs);
  assert.equal(await tracker.sync(2000), true);
  const key = Array.from(storage.map.keys()).find((k) => k.includes(':xapi:'));
  const before = lrs.order.length;
  let first = true;
  AC.ctx.fetch = async (url, init) => {
    if (first && init.method === 'POST' && JSON.parse(init.body).length > 1) {
      first = false;
      return { status: 409, ok: false, text: async () => 'conflict' };
    }
    if (init.method === 'POST' && JSON.parse(init.body)[0].object.id.endsWith('sida-3')) {
      return { status: 400, ok: false, text: async () => 'bad statement' };
    }
    return lrs.fetch(url, init);
  };
  tracker.pageViewed('sida-3');
  tracker.pageViewed('sida-0');
  tracker.pageViewed('sida-1');
  assert.equal(await tracker.sync(2000), true);
  assert.equal(first, false, 'a batch met the 409');
  assert.deepEqual(verbs(lrs.list().slice(before)), ['experienced', 'experienced']);
  const stored = JSON.parse(storage.map.get(key));
  assert.equal(stored.bad.length, 1);
  assert.equal(stored.bad[0].object.id, COURSE + '/pages/sida-3');
});

test('a language switch: the next page goes on with the session (one initialized, one suspended)', async () => {
  const lrs = fakeLrs();
  const storage = fakeStorage();
  const tab = fakeStorage();
  const config = xapiConfig();
  const a = open('xapi', lrs, params(), { storage, session: tab, config });
  await a.tracker.start();
  a.tracker.pageViewed('sida-0');
  a.tracker.recordAnswer(ANSWERS[2]);
  a.tracker.saveState('1.abc');
  a.tracker.setLocation('sida-0');
  const handover = plain(await a.tracker.handover());
  assert.deepEqual(Object.keys(handover).sort(), ['j', 't0', 'viewed']);
  assert.equal(handover.viewed, 'sida-0');
  a.tracker.terminate();                                    // its pagehide: nothing more is sent
  assert.deepEqual(verbs(lrs.list()), ['initialized', 'experienced', 'answered'], 'stored before the page goes');

  const b = open('xapi', lrs, params(), { storage, session: tab, config });
  const launch = plain(await b.tracker.start(handover));
  assert.equal(launch.state, '1.abc');
  assert.equal(launch.location, 'sida-0');
  b.tracker.pageViewed('sida-0');                           // the same page, now in English
  b.tracker.pageViewed('sida-1');
  b.tracker.terminate();
  assert.equal(await b.tracker.sync(2000), true);
  const list = lrs.list();
  assert.deepEqual(verbs(list), ['initialized', 'experienced', 'answered', 'experienced', 'suspended']);
  assert.equal(new Set(list.map((st) => st.id)).size, list.length);
  assert.deepEqual(lrs.problems, []);
  assert.deepEqual(list.flatMap((st) => checkStatement(st, { actor: ACTOR, registration: REG })), []);
});

test('activity_platform from the launch goes into every statement\'s context.platform', async () => {
  const lrs = fakeLrs();
  const s = await session(lrs, { params: params({ activity_platform: 'Lärportalen' }) });
  s.tracker.terminate();
  assert.equal(await s.tracker.sync(2000), true);
  assert.deepEqual(lrs.problems, []);
  const all = lrs.list();
  assert.ok(all.length >= 2);
  for (const st of all) assert.equal(st.context.platform, 'Lärportalen');
  const other = fakeLrs();
  const t = await session(other);
  t.tracker.terminate();
  await t.tracker.sync(2000);
  for (const st of other.list()) assert.equal(st.context.platform, undefined);
});

// docs/completion.md: a Tin Can LMS completes an activity on a verb ("completed" in
// mod_tincanlaunch), so a failed test sends "failed" and no "completed" until a pass.
test('completion policy: failed sends no completed; a later pass sends completed and passed', async () => {
  const lrs = fakeLrs();
  const { tracker } = await session(lrs);
  tracker.setScore({ raw: 40, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: false });
  tracker.flush();
  tracker.setScore({ raw: 100, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: true });
  tracker.terminate();
  assert.equal(await tracker.sync(2000), true);
  assert.deepEqual(verbs(lrs.list()), ['initialized', 'failed', 'completed', 'passed', 'terminated']);
  assert.equal(lrs.list()[1].result.score.raw, 40);
});

test('completion policy: on_fail incomplete and a pass still held back send no outcome at all', async () => {
  const lrs = fakeLrs();
  const { tracker } = await session(lrs);
  tracker.setScore({ raw: 40, min: 0, max: 100 });
  tracker.complete({ completed: false, passed: null });
  tracker.terminate();
  assert.equal(await tracker.sync(2000), true);
  assert.deepEqual(verbs(lrs.list()), ['initialized', 'suspended']);
});
