'use strict';
// The cmi5 adapter: the launch sequence (fetch once, LMS.LaunchData, preferences), the cmi5
// statement rules per session and per registration, launch modes, returnURL, and faults.
const test = require('node:test');
const assert = require('node:assert/strict');
const { plain, fakeStorage } = require('./harness');
const { ENDPOINT, FETCH, fakeLrs, checkStatement, xapiConfig, open, sleep } = require('./fake_lrs');

const TOKEN = 'dG9rZW46c2VjcmV0';
const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'u-42' } };
const REG = '9e9c0d5a-4f0b-4a53-b2a4-5c4fbd1d8a11';
const AU = 'https://lms.example.org/activities/au-7f3a';          // the LMS's activityId
const PUBLISHER = 'https://www.ai.se/xapi/courses/c/au';          // the AU id from cmi5.xml
const COURSE = 'https://www.ai.se/xapi/courses/c';
const CMI5 = 'https://w3id.org/xapi/cmi5/';
const SESSION = CMI5 + 'context/extensions/sessionid';
const MASTERY = CMI5 + 'context/extensions/masteryscore';
const PROGRESS = CMI5 + 'result/extensions/progress';
const CAT = CMI5 + 'context/categories/cmi5';
const MOVEON = CMI5 + 'context/categories/moveon';
const DEFINED = ['initialized', 'completed', 'passed', 'failed', 'terminated'];
const verb = (st) => st.verb.id.split('/').pop();
const verbs = (list) => list.map(verb);
const agentQuery = { activityId: AU, agent: JSON.stringify(ACTOR), registration: REG };

let launches = 0;
/** The LMS's part (LaunchData, a fresh fetch URL), then one page load of the AU. */
async function launch(lrs, { mode = 'Normal', mastery = 0.75, returnURL = 'https://lms.example.org/return?id=7',
  storage = fakeStorage(), session = fakeStorage(), config = xapiConfig({ target: 'cmi5' }), params = {} } = {}) {
  const n = ++launches;
  const sid = 'session-' + n;
  const data = { contextTemplate: { contextActivities: { grouping: [{ id: PUBLISHER, objectType: 'Activity' }] },
    extensions: { [SESSION]: sid, 'https://lms.example.org/ext/tenant': 'vgr' } },
    launchMode: mode, moveOn: 'CompletedAndPassed', returnURL };
  if (mastery != null) data.masteryScore = mastery;
  lrs.setState(Object.assign({ stateId: 'LMS.LaunchData' }, agentQuery), data);
  const p = Object.assign({ endpoint: ENDPOINT, fetch: FETCH + n, actor: JSON.stringify(ACTOR), registration: REG,
    activityId: AU }, params);
  const s = open('cmi5', lrs, p, { storage, session, config });
  s.sid = sid;
  s.config = config;
  s.started = s.tracker.start().then(plain);
  return s;
}
const started = async (s) => { s.launch = await s.started; return s; };
const ofSession = (lrs, sid) => lrs.list().filter((st) => st.context.extensions[SESSION] === sid)
  .sort((a, b) => (a.timestamp < b.timestamp ? -1 : 1));
const categories = (st) => ((st.context.contextActivities || {}).category || []).map((a) => a.id);

/** Every cmi5 rule for one session's statements (section 9 of the spec; standards.md 5.4). */
function cmi5Problems(list, { sid, mastery = 0.75 }) {
  const p = [];
  const bad = (st, msg) => p.push(verb(st) + ': ' + msg);
  if (!list.length) return ['no statements'];
  if (verb(list[0]) !== 'initialized') p.push('first is ' + verb(list[0]));
  if (verb(list[list.length - 1]) !== 'terminated') p.push('last is ' + verb(list[list.length - 1]));
  const seen = {};
  for (const st of list) {
    const v = verb(st);
    const c = st.context;
    const r = st.result || {};
    p.push(...checkStatement(st, { actor: ACTOR, registration: REG }));
    if (c.extensions[SESSION] !== sid) bad(st, 'session id');
    if (c.extensions['https://lms.example.org/ext/tenant'] !== 'vgr') bad(st, 'template extension lost');
    if (!c.contextActivities.grouping.some((a) => a.id === PUBLISHER)) bad(st, 'publisher id grouping lost');
    const cats = categories(st);
    if (DEFINED.includes(v)) {
      if (seen[v]) bad(st, 'twice in a session');
      seen[v] = true;
      if (st.object.id !== AU) bad(st, 'object is not the launch activityId');
      if (!cats.includes(CAT)) bad(st, 'no cmi5 category');
      if (/completed|passed|failed/.test(v) !== cats.includes(MOVEON)) bad(st, 'moveon category');
      if (v !== 'passed' && v !== 'failed' && ('score' in r || 'success' in r)) bad(st, 'score or success');
      if (v !== 'completed' && 'completion' in r) bad(st, 'completion');
    } else if (cats.includes(CAT) || cats.includes(MOVEON)) bad(st, 'allowed statement with a cmi5 category');
    if (/completed|passed|failed|terminated/.test(v) && !r.duration) bad(st, 'no duration');
    if (v === 'completed' && (r.completion !== true || (r.extensions || {})[PROGRESS] != null)) bad(st, 'completion / progress');
    if (v === 'passed' || v === 'failed') {
      if (r.success !== (v === 'passed')) bad(st, 'success');
      if (r.score && mastery != null) {
        if ((r.score.scaled >= mastery) !== (v === 'passed')) bad(st, 'scaled against masteryScore');
        if (c.extensions[MASTERY] !== mastery) bad(st, 'masteryscore extension');
      }
      if (r.score && !(Number.isInteger(r.score.raw) && r.score.min === 0 && r.score.max === 100)) bad(st, 'raw/min/max');
    }
    const progress = (r.extensions || {})[PROGRESS];
    if (progress != null && !(Number.isInteger(progress) && progress >= 0 && progress <= 100)) bad(st, 'progress');
  }
  if (seen.passed && seen.failed) p.push('passed and failed in one session');
  return p;
}
/** Rules across the sessions of one registration. */
function registrationProblems(all) {
  const p = [];
  const sorted = all.slice().sort((a, b) => (a.timestamp < b.timestamp ? -1 : 1)).map(verb);
  if (sorted.filter((v) => v === 'completed').length > 1) p.push('completed twice');
  if (sorted.filter((v) => v === 'passed').length > 1) p.push('passed twice');
  if (sorted.indexOf('passed') >= 0 && sorted.lastIndexOf('failed') > sorted.indexOf('passed')) p.push('failed after passed');
  return p;
}

test('without all five launch parameters the AU says "launch from your LMS" and stops', async () => {
  const full = { endpoint: ENDPOINT, fetch: FETCH + 'x', actor: JSON.stringify(ACTOR), registration: REG, activityId: AU };
  for (const missing of Object.keys(full).concat('bad actor')) {
    const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
    const params = Object.assign({}, full, missing === 'bad actor' ? { actor: '{nope' } : {});
    delete params[missing];
    const s = open('cmi5', lrs, params, { config: xapiConfig({ target: 'cmi5' }) });
    const state = await Promise.race([s.tracker.start().then(() => 'started', () => 'rejected'), sleep(30).then(() => 'stopped')]);
    assert.equal(state, 'stopped', missing);
    assert.equal(lrs.requests.length, 0, missing);
  }
});

test('fetch is POSTed once; the token is Basic auth in memory only; a reload stops with a message', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const storage = fakeStorage();
  const session = fakeStorage();
  const s = await started(await launch(lrs, { storage, session }));
  assert.deepEqual(s.launch, { state: null, location: null, entry: 'ab-initio', mode: 'normal', credit: true, count: 0 });
  s.tracker.terminate();
  assert.equal(await s.tracker.sync(2000), true);
  assert.deepEqual(lrs.fetchCalls.map((c) => [c.method, c.body]), [['POST', undefined]]);
  assert.deepEqual(lrs.problems, [], 'every LRS request had the version header and the token');
  const saved = JSON.stringify(Array.from(storage.map.values())) + JSON.stringify(Array.from(session.map.values()));
  assert.doesNotMatch(saved, new RegExp(TOKEN));
  const docs = lrs.requests.filter((r) => r.url.includes('activities/state') || r.url.includes('agents/profile'));
  assert.deepEqual(docs.map((r) => r.method + ' ' + new URL(r.url).searchParams.get('stateId')).slice(0, 2),
    ['GET LMS.LaunchData', 'GET null']);
  assert.ok(docs[1].url.includes('profileId=cmi5LearnerPreferences'));

  // the same tab reloads the same launch URL: no second POST, a message instead
  const again = open('cmi5', lrs, new URLSearchParams(s.location.search.slice(1)), { storage, session, config: s.config });
  const state = await Promise.race([again.tracker.start().then(() => 'started'), sleep(30).then(() => 'stopped')]);
  assert.equal(state, 'stopped');
  assert.equal(lrs.fetchCalls.length, 1);
});

test('an error-code from fetch stops the launch before any statement', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  lrs.fetchError = true;
  const s = await launch(lrs);
  const state = await Promise.race([s.started.then(() => 'started'), sleep(40).then(() => 'stopped')]);
  assert.equal(state, 'stopped');
  assert.equal(lrs.received.length, 0);
  assert.ok(s.AC.warnings.some((w) => /cmi5 launch failed/.test(w)));
});

test('a Normal session follows the cmi5 rules: order, categories, context template, session id, results', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const { tracker, sid } = await started(await launch(lrs));
  tracker.setProgress(0.5);
  tracker.pageViewed('sida-0');
  tracker.recordAnswer({ id: 'quiz-0__q0', kind: 'choice', response: ['b'], correct: ['b'], result: 'correct', latencyMs: 900, description: 'Q', weight: 1 });
  tracker.saveState('1.abc');
  tracker.setScore({ raw: 80, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: true });
  tracker.flush();
  tracker.setProgress(1);
  tracker.pageViewed('sida-1');
  tracker.terminate();
  tracker.pageViewed('sida-2');
  tracker.complete({ completed: true, passed: false });
  assert.equal(await tracker.sync(2000), true);

  const list = ofSession(lrs, sid);
  assert.deepEqual(verbs(list), ['initialized', 'experienced', 'answered', 'completed', 'passed', 'experienced', 'terminated']);
  assert.deepEqual(cmi5Problems(list, { sid }), []);
  assert.deepEqual(lrs.problems, []);
  const [init, page, answer, completed, passed, page2, end] = list;
  assert.equal(init.result, undefined);
  assert.deepEqual(categories(init), [CAT]);
  assert.deepEqual(plain(init.object), { id: AU, objectType: 'Activity' });
  assert.deepEqual(init.context.contextActivities.grouping.map((a) => a.id), [PUBLISHER, COURSE]);
  assert.equal(page.object.id, COURSE + '/pages/sida-0');
  assert.deepEqual(page.context.contextActivities.parent.map((a) => a.id), [AU]);
  assert.equal(page.result.extensions[PROGRESS], 50);
  assert.equal(answer.object.id, COURSE + '/quizzes/quiz-0/q0');
  assert.deepEqual(categories(completed), [CAT, MOVEON]);
  assert.deepEqual(Object.keys(completed.result).sort(), ['completion', 'duration']);
  assert.deepEqual(plain(passed.result.score), { scaled: 0.8, raw: 80, min: 0, max: 100 });
  assert.equal(passed.context.extensions[MASTERY], 0.75);
  assert.equal(page2.result, undefined, 'no progress after completed');
  assert.equal(end.result.extensions, undefined);
  const doc = lrs.getState(Object.assign({ stateId: 'aicourse-state' }, agentQuery));
  assert.deepEqual(doc, { s: '1.abc', l: null, r: { c: true, p: true, f: false } });
});

test('masteryScore from LMS.LaunchData decides: 80 % against 0.9 is failed', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const { tracker, sid } = await started(await launch(lrs, { mastery: 0.9 }));
  tracker.setScore({ raw: 80, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: true });   // the course's own 75 % says passed
  tracker.terminate();
  assert.equal(await tracker.sync(2000), true);
  const list = ofSession(lrs, sid);
  assert.deepEqual(verbs(list), ['initialized', 'completed', 'failed', 'terminated']);
  assert.deepEqual(cmi5Problems(list, { sid, mastery: 0.9 }), []);
  assert.equal(list[2].context.extensions[MASTERY], 0.9);
  assert.equal(list[2].result.success, false);
});

test('completed and passed once per registration; failed never after passed (across sessions)', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const one = await started(await launch(lrs));
  one.tracker.setScore({ raw: 100, min: 0, max: 100 });
  one.tracker.complete({ completed: true, passed: true });
  one.tracker.terminate();
  assert.equal(await one.tracker.sync(2000), true);
  // a new session in another browser: the record comes from our own State document
  const two = await started(await launch(lrs));
  two.tracker.complete({ completed: true, passed: true });
  two.tracker.flush();
  two.tracker.setScore({ raw: 10, min: 0, max: 100 });
  two.tracker.complete({ completed: true, passed: false });
  two.tracker.terminate();
  assert.equal(await two.tracker.sync(2000), true);
  assert.deepEqual(verbs(ofSession(lrs, one.sid)), ['initialized', 'completed', 'passed', 'terminated']);
  assert.deepEqual(verbs(ofSession(lrs, two.sid)), ['initialized', 'terminated']);
  assert.deepEqual(cmi5Problems(ofSession(lrs, two.sid), { sid: two.sid }), []);
  assert.deepEqual(registrationProblems(lrs.list()), []);
});

test('one of passed/failed per session: a fail waits for the session end, a pass in it replaces it', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const { tracker, sid } = await started(await launch(lrs));
  tracker.setScore({ raw: 50, min: 0, max: 100 });
  tracker.complete({ completed: false, passed: false });
  tracker.flush();
  assert.equal(await tracker.sync(2000), true);
  assert.deepEqual(verbs(ofSession(lrs, sid)), ['initialized']);   // the fail is held
  tracker.setScore({ raw: 90, min: 0, max: 100 });                 // a retry, passed
  tracker.complete({ completed: true, passed: true });
  tracker.terminate();
  assert.equal(await tracker.sync(2000), true);
  const list = ofSession(lrs, sid);
  assert.deepEqual(verbs(list), ['initialized', 'completed', 'passed', 'terminated']);
  assert.deepEqual(cmi5Problems(list, { sid }), []);
});

test('a session that ends failed sends failed last; a pass in the next session is sent', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const storage = fakeStorage();
  const one = await started(await launch(lrs, { storage }));
  const model = one.AC.state.empty();
  model.quizzes['quiz-0'] = { att: 1, seed: 7, score: 90, phase: 's', resp: {} };
  one.tracker.setScore({ raw: 50, min: 0, max: 100 });
  one.tracker.complete({ completed: false, passed: false });
  one.tracker.saveState(one.AC.state.encode(model, one.config, 64000));
  one.tracker.terminate();
  assert.equal(await one.tracker.sync(2000), true);
  const first = ofSession(lrs, one.sid);
  assert.deepEqual(verbs(first), ['initialized', 'failed', 'terminated']);
  assert.equal(first[1].result.score.raw, 50);
  assert.deepEqual(cmi5Problems(first, { sid: one.sid }), []);

  // next launch: the core evaluates the saved state at once and reports passed (score from the state)
  const two = await started(await launch(lrs, { storage }));
  assert.equal(two.launch.entry, 'resume');
  two.tracker.complete({ completed: true, passed: true });
  two.tracker.terminate();
  assert.equal(await two.tracker.sync(2000), true);
  const list = ofSession(lrs, two.sid);
  assert.deepEqual(verbs(list), ['initialized', 'completed', 'passed', 'terminated']);
  assert.deepEqual(plain(list[2].result.score), { scaled: 0.9, raw: 90, min: 0, max: 100 });
  assert.deepEqual(cmi5Problems(list, { sid: two.sid }), []);
  assert.deepEqual(registrationProblems(lrs.list()), []);
});

test('a relaunch does not repeat an old failed; a new failing attempt in a later session is sent', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const one = await started(await launch(lrs));
  one.tracker.setScore({ raw: 40, min: 0, max: 100 });
  one.tracker.complete({ completed: true, passed: false });
  one.tracker.terminate();
  assert.equal(await one.tracker.sync(2000), true);
  const two = await started(await launch(lrs));   // the core re-evaluates the saved state at launch
  two.tracker.complete({ completed: true, passed: false });
  two.tracker.terminate();
  assert.equal(await two.tracker.sync(2000), true);
  const three = await started(await launch(lrs));
  three.tracker.complete({ completed: true, passed: false });
  three.tracker.flush();
  three.tracker.setScore({ raw: 50, min: 0, max: 100 });   // a new attempt, failed again
  three.tracker.complete({ completed: true, passed: false });
  three.tracker.terminate();
  assert.equal(await three.tracker.sync(2000), true);
  assert.deepEqual(verbs(ofSession(lrs, one.sid)), ['initialized', 'completed', 'failed', 'terminated']);
  assert.deepEqual(verbs(ofSession(lrs, two.sid)), ['initialized', 'terminated']);
  assert.deepEqual(verbs(ofSession(lrs, three.sid)), ['initialized', 'failed', 'terminated']);
  for (const s of [one, two, three]) assert.deepEqual(cmi5Problems(ofSession(lrs, s.sid), { sid: s.sid }), []);
});

for (const mode of ['Browse', 'Review']) {
  test(mode + ' launch: only initialized and terminated, no completion', async () => {
    const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
    const s = await started(await launch(lrs, { mode }));
    assert.equal(s.launch.mode, mode.toLowerCase());
    assert.equal(s.launch.credit, false);
    s.tracker.pageViewed('sida-0');
    s.tracker.recordAnswer({ id: 'quiz-0__q0', kind: 'choice', response: ['b'], correct: ['b'], result: 'correct', latencyMs: 1, description: '', weight: 1 });
    s.tracker.setScore({ raw: 100, min: 0, max: 100 });
    s.tracker.complete({ completed: true, passed: true });
    s.tracker.flush();
    s.tracker.terminate();
    assert.equal(await s.tracker.sync(2000), true);
    const list = ofSession(lrs, s.sid);
    assert.deepEqual(verbs(list), ['initialized', 'terminated']);
    assert.deepEqual(cmi5Problems(list, { sid: s.sid }), []);
  });
}

test('exit: terminated is stored, then the window goes to returnURL; no returnURL: it stays', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const s = await started(await launch(lrs));
  s.tracker.pageViewed('sida-0');
  const href = s.location.href;
  const exited = s.tracker.exit();
  assert.equal(s.location.href, href, 'not before terminated is stored');
  assert.equal(await exited, true);
  assert.equal(s.location.href, 'https://lms.example.org/return?id=7');
  assert.equal(verb(ofSession(lrs, s.sid).pop()), 'terminated');

  const t = await started(await launch(lrs, { returnURL: null }));
  await t.tracker.exit();
  assert.equal(t.location.href, 'https://course.example.org/index.html' + t.location.search);
  assert.deepEqual(verbs(ofSession(lrs, t.sid)), ['initialized', 'terminated']);
});

test('learner preferences: present, 404 or 403 - the launch goes on', async () => {
  for (const status of [0, 404, 403]) {
    const lrs = fakeLrs({ auth: 'Basic ' + TOKEN, prefs: status ? null : { languagePreference: 'sv-SE,en', audioPreference: 'off' } });
    lrs.profileStatus = status === 403 ? 403 : 0;
    const s = await started(await launch(lrs));
    assert.equal(s.launch.mode, 'normal', String(status));
    assert.deepEqual(plain(s.tracker.preferences || null), status ? null : { languagePreference: 'sv-SE,en', audioPreference: 'off' });
  }
});

test('an outage mid-session: every statement arrives exactly once, in the cmi5 order', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const { tracker, sid } = await started(await launch(lrs));
  assert.equal(await tracker.sync(2000), true);
  lrs.down = true;
  for (let i = 0; i < 4; i++) tracker.pageViewed('sida-' + i);
  tracker.setScore({ raw: 75, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: true });
  tracker.flush();
  await sleep(40);
  lrs.down = false;
  lrs.storeThenFail = 1;
  tracker.terminate();
  assert.equal(await tracker.sync(3000), true);
  const list = ofSession(lrs, sid);
  assert.deepEqual(verbs(list), ['initialized', 'experienced', 'experienced', 'experienced', 'experienced', 'completed', 'passed', 'terminated']);
  assert.deepEqual(cmi5Problems(list, { sid }), []);
  assert.equal(new Set(lrs.received.map((st) => st.id)).size, list.length);
  assert.ok(lrs.received.length > list.length);
});

test('a language switch keeps the session: one fetch, one initialized and terminated, the same session id', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const storage = fakeStorage();
  const session = fakeStorage();
  const a = await started(await launch(lrs, { storage, session }));
  a.tracker.pageViewed('sida-0');
  a.tracker.saveState('1.abc');
  const handover = plain(await a.tracker.handover());
  assert.equal(handover.cmi5.s.auth, 'Basic ' + TOKEN, 'the token goes on to the next page');
  assert.equal(handover.cmi5.returnURL, 'https://lms.example.org/return?id=7');
  a.tracker.terminate();

  // the other language's page, opened with the same launch URL (its fetch URL is spent)
  const b = open('cmi5', lrs, new URLSearchParams(a.location.search.slice(1)), { storage, session, config: a.config });
  const launched = plain(await b.tracker.start(handover));
  assert.equal(launched.state, '1.abc');
  assert.equal(lrs.fetchCalls.length, 1);
  b.tracker.setScore({ raw: 80, min: 0, max: 100 });
  b.tracker.complete({ completed: true, passed: true });
  const exited = await b.tracker.exit();
  assert.equal(exited, true);
  assert.equal(b.location.href, 'https://lms.example.org/return?id=7');
  const list = ofSession(lrs, a.sid);
  assert.deepEqual(verbs(list), ['initialized', 'experienced', 'completed', 'passed', 'terminated']);
  assert.deepEqual(cmi5Problems(list, { sid: a.sid }), []);
  assert.deepEqual(lrs.problems, []);

  // a handover of another registration is not taken: that launch's fetch URL was used
  const other = open('cmi5', lrs, new URLSearchParams(a.location.search.slice(1)), { storage, session, config: a.config });
  const wrong = JSON.parse(JSON.stringify(handover));
  wrong.cmi5.s.registration = 'another';
  const state = await Promise.race([other.tracker.start(wrong).then(() => 'started'), sleep(30).then(() => 'stopped')]);
  assert.equal(state, 'stopped');
});

// docs/completion.md: cmi5 keeps "completed" (all was seen) beside "failed"; moveOn
// CompletedAndPassed leaves the AU unsatisfied, the outcome SCORM reports as not complete.
test('completion policy: a fail with every page seen sends completed and failed', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const { tracker, sid } = await started(await launch(lrs));
  tracker.setScore({ raw: 40, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: false });
  tracker.terminate();
  assert.equal(await tracker.sync(2000), true);
  const list = ofSession(lrs, sid);
  assert.deepEqual(verbs(list), ['initialized', 'completed', 'failed', 'terminated']);
  assert.deepEqual(cmi5Problems(list, { sid }), []);
});

test('masteryScore is judged on the unrounded score: 74.6 % is not 0.75, though raw says 75', async () => {
  const lrs = fakeLrs({ auth: 'Basic ' + TOKEN });
  const { tracker, sid } = await started(await launch(lrs));
  tracker.setScore({ raw: 74.6, min: 0, max: 100 });
  tracker.complete({ completed: true, passed: false });
  tracker.terminate();
  assert.equal(await tracker.sync(2000), true);
  const list = ofSession(lrs, sid);
  const failed = list.find((st) => verb(st) === 'failed');
  assert.equal(failed.result.success, false);
  assert.equal(failed.result.score.raw, 75);
  assert.equal(failed.result.score.scaled, 0.746);
  assert.deepEqual(cmi5Problems(list, { sid }), []);
});
