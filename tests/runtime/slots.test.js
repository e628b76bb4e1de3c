'use strict';
// Fixed interaction slots (config.slots, docs/runtime.md): every first answer at the index the
// package gives its id, whatever the order the learner answers in, so that column N of Moodle's
// interactions download is the same element for every learner. Against the fake LMSs, which
// refuse indexes as Moodle 4.5.6 does (fake_lms.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, makeConfig, fakeStorage } = require('./harness');
const fake = require('./fake_lms');
const { ENDPOINT, fakeLrs, xapiConfig, open } = require('./fake_lrs');

const TYPES = { single: 'choice', multiple: 'choice', truefalse: 'true-false', ordering: 'sequencing', matching: 'matching' };
const VERSION = '1.0.0/5e1f0a2b';

/** config.slots as render/slots.py makes it: version, progress, then the course's elements. */
function withSlots(config) {
  const ids = [['aicourse', 'fill-in'], ['aicourse-progress', 'fill-in']];
  Object.keys(config.groups).forEach((id) => ids.push([id, 'choice']));
  for (const [id, qz] of Object.entries(config.quizzes)) qz.questions.forEach((q) => ids.push([id + '__' + q.id, TYPES[q.type]]));
  for (const [id, sv] of Object.entries(config.surveys)) sv.items.forEach((it) => ids.push([id + '__' + it.id, 'likert']));
  Object.keys(config.reflections).forEach((id) => ids.push([id, 'fill-in']));
  config.slots = { ids, version: VERSION };
  return config;
}

const config = withSlots(makeConfig({ pages: 4, questions: 5 }));
const SLOTS = config.slots.ids.length;   // 2 + 1 group + 5 questions + 5 items + 2 reflections
const slotOf = (id) => config.slots.ids.findIndex((s) => s[0] === id);
const base = { correct: null, result: 'neutral', latencyMs: 0, description: '', weight: 0 };
const ANSWERS = {
  'quiz-0__q0': { kind: 'choice', response: ['a'], correct: ['b'], result: 'incorrect', weight: 1, attempt: 1 },
  'quiz-0__q1': { kind: 'choice', response: ['a', 'c'], correct: ['a', 'c'], result: 'correct', weight: 1, attempt: 1 },
  'quiz-0__q2': { kind: 'true-false', response: true, correct: true, result: 'correct', weight: 1, attempt: 1 },
  'quiz-0__q3': { kind: 'sequencing', response: ['c', 'a', 'd', 'b'], correct: ['c', 'a', 'd', 'b'], result: 'correct', weight: 1, attempt: 1 },
  'quiz-0__q4': { kind: 'matching', response: [['p1', 'y']], correct: [['p1', 'y']], result: 'correct', weight: 1, attempt: 1 },
  'enkat__i2': { kind: 'likert', response: '4' },
  yrke: { kind: 'choice', response: ['sjukskoterska'] },
  tanke: { kind: 'long-fill-in', response: 'Min reflektion' },
};
// a later attempt ("<quiz>__<question>__<attempt>") answers as the first did unless told
const answer = (id, extra = {}) => Object.assign({ id }, base, ANSWERS[id.replace(/__\d+$/, '')] || {}, extra);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const STANDARDS = [
  ['scorm12', fake.scorm12, { api: 'API', response: 'student_response', entry: 'cmi.core.entry' }],
  ['scorm2004', fake.scorm2004, { api: 'API_1484_11', response: 'learner_response', entry: 'cmi.entry' }],
];

function session(adapter, lms, storage = fakeStorage(), cfg = config) {
  const top = { [adapter === 'scorm12' ? 'API' : 'API_1484_11']: lms.api };
  top.parent = top;
  const AC = load({ adapter, storage, win: { parent: top } });
  return { AC, tracker: AC.adapters[adapter](cfg) };
}
/** The LMS of a later launch: what the last one committed, entry resume. */
const relaunched = (make, lms, names) => make(Object.assign({}, lms.committed, { [names.entry]: 'resume' }));
const idSets = (lms) => lms.calls.filter((c) => c[0] === 'set' && /^cmi\.interactions\.\d+\.id$/.test(c[1]));

for (const [adapter, make, names] of STANDARDS) {
  test(adapter + ': the first launch declares every slot in order, slot 0 with the version', async () => {
    const lms = make();
    const { AC, tracker } = session(adapter, lms);
    assert.equal((await tracker.start()).count, 0);
    assert.equal(lms.calls.filter((c) => c[0] === 'set' && c[1].startsWith('cmi.interactions.')).length, 0,
      'declared in the first batch, not at once');
    assert.equal(tracker.flush(), true);
    assert.equal(lms.committed['cmi.interactions._count'], String(SLOTS));
    const stored = lms.interactions(lms.committed);
    config.slots.ids.forEach(([id, type], i) => {
      assert.equal(stored[i].id, id, 'slot ' + i);
      assert.equal(stored[i].type, type, 'slot ' + i);
    });
    assert.equal(stored[0][names.response], VERSION);
    assert.deepEqual(Object.keys(stored[1]).sort(), ['id', 'type'], 'a declared slot holds no answer');
    // 2004: the id first, the type before the response (else 408)
    const first = lms.calls.filter((c) => c[0] === 'set' && c[1].startsWith('cmi.interactions.0.')).map((c) => c[1]);
    assert.deepEqual(first, ['id', 'type', names.response].map((f) => 'cmi.interactions.0.' + f));
    assert.deepEqual(lms.problems, []);
    assert.deepEqual(AC.warnings, []);
  });

  test(adapter + ': answers land in their slots whatever the order they are given in', async () => {
    const lms = make();
    const { AC, tracker } = session(adapter, lms);
    await tracker.start();
    tracker.flush();
    const order = ['tanke', 'quiz-0__q3', 'enkat__i2', 'quiz-0__q0', 'yrke', 'quiz-0__q4', 'quiz-0__q1', 'quiz-0__q2'];
    order.slice(0, 3).forEach((id) => tracker.recordAnswer(answer(id)));
    tracker.flush();
    order.slice(3).forEach((id) => tracker.recordAnswer(answer(id)));
    tracker.recordAnswer(answer('yrke', { response: ['lakare'] }));   // a new choice: the same slot
    tracker.terminate();
    const stored = lms.interactions(lms.committed);
    assert.equal(lms.committed['cmi.interactions._count'], String(SLOTS), 'nothing appended');
    for (const id of order) assert.equal(stored[slotOf(id)].id, id, id);
    assert.equal(stored[slotOf('quiz-0__q0')].result, adapter === 'scorm12' ? 'wrong' : 'incorrect');
    assert.equal(stored[slotOf('quiz-0__q2')][names.response], adapter === 'scorm12' ? 't' : 'true');
    assert.equal(stored[slotOf('enkat__i2')][names.response], '4');
    assert.equal(stored[slotOf('yrke')][names.response], 'lakare');
    assert.equal(stored[slotOf('tanke')].type, adapter === 'scorm12' ? 'fill-in' : 'long-fill-in');
    assert.equal(stored[slotOf('enkat__i1')][names.response], undefined, 'unanswered: declared only');
    assert.equal(stored[0][names.response], VERSION, 'slot 0 keeps the version');
    assert.deepEqual(lms.problems, []);
    assert.deepEqual(AC.warnings, []);
  });

  test(adapter + ': a relaunch declares nothing and goes on writing in the slots', async () => {
    const storage = fakeStorage();
    const lms = make();
    const first = session(adapter, lms, storage).tracker;
    await first.start();
    first.recordAnswer(answer('quiz-0__q1'));
    first.terminate();
    const lms2 = relaunched(make, lms, names);
    const { AC, tracker } = session(adapter, lms2, storage);
    assert.equal((await tracker.start()).count, SLOTS);
    tracker.flush();
    tracker.recordAnswer(answer('quiz-0__q3'));
    tracker.recordAnswer(answer('tanke', { response: 'Ändrad' }));
    tracker.terminate();
    assert.deepEqual(idSets(lms2).map((c) => c[1]),
      ['cmi.interactions.' + slotOf('quiz-0__q3') + '.id', 'cmi.interactions.' + slotOf('tanke') + '.id']);
    assert.equal(lms2.committed['cmi.interactions._count'], String(SLOTS));
    const stored = lms2.interactions(lms2.committed);
    assert.equal(stored[slotOf('quiz-0__q1')][names.response], adapter === 'scorm12' ? 'a,c' : 'a[,]c', 'the first session\'s answer stays');
    assert.equal(stored[slotOf('quiz-0__q3')].id, 'quiz-0__q3');
    assert.equal(stored[slotOf('tanke')][names.response], 'Ändrad');
    assert.deepEqual(lms2.problems, []);
    assert.deepEqual(AC.warnings, []);
  });

  test(adapter + ': a later attempt (id "__2") and answers without a slot go after the slots', async () => {
    const storage = fakeStorage();
    const lms = make();
    const first = session(adapter, lms, storage).tracker;
    await first.start();
    first.recordAnswer(answer('quiz-0__q0'));
    first.recordAnswer(answer('quiz-0__q0__2', { response: ['b'], result: 'correct', attempt: 2 }));
    first.recordAnswer(answer('enkat__enkat-fritt', { kind: 'long-fill-in', response: 'Bra' }));   // the comment: no slot
    first.recordAnswer(answer('quiz-0__q1', { attempt: 2 }));   // attempt 2 under the first's id: still appended
    first.terminate();
    let stored = lms.interactions(lms.committed);
    assert.equal(lms.committed['cmi.interactions._count'], String(SLOTS + 3));
    assert.equal(stored[slotOf('quiz-0__q0')][names.response], 'a', 'the first attempt keeps its slot');
    assert.equal(stored[SLOTS].id, 'quiz-0__q0__2');
    assert.equal(stored[SLOTS][names.response], 'b');
    assert.equal(stored[SLOTS + 1].id, 'enkat__enkat-fritt');
    assert.equal(stored[SLOTS + 2].id, 'quiz-0__q1');
    assert.equal(stored[slotOf('quiz-0__q1')][names.response], undefined);
    // the next launch appends after what is stored
    const lms2 = relaunched(make, lms, names);
    const second = session(adapter, lms2, storage).tracker;
    assert.equal((await second.start()).count, SLOTS + 3);
    second.recordAnswer(answer('quiz-0__q0__3', { attempt: 3 }));
    second.recordAnswer(answer('quiz-0__q2'));
    second.terminate();
    stored = lms2.interactions(lms2.committed);
    assert.equal(stored[SLOTS + 3].id, 'quiz-0__q0__3');
    assert.equal(stored[slotOf('quiz-0__q2')].id, 'quiz-0__q2');
    assert.equal(lms2.committed['cmi.interactions._count'], String(SLOTS + 4));
    assert.deepEqual(lms.problems.concat(lms2.problems), []);
  });

  test(adapter + ': failed commits, then recovery: declarations and answers are all there', async () => {
    const storage = fakeStorage();
    const lms = make();
    const { AC, tracker } = session(adapter, lms, storage);
    lms.failCommit = true;
    await tracker.start();
    assert.equal(tracker.flush(), false);                       // the declarations' commit fails
    tracker.recordAnswer(answer('quiz-0__q2'));
    tracker.recordAnswer(answer('quiz-0__q2__2', { attempt: 2 }));
    assert.equal(tracker.flush(), false);
    assert.equal(lms.committed['cmi.interactions._count'], '0');
    lms.failCommit = false;
    await sleep(2100);                                          // the backoff retries by itself
    const stored = lms.interactions(lms.committed);
    assert.equal(lms.committed['cmi.interactions._count'], String(SLOTS + 1));
    config.slots.ids.forEach(([id], i) => assert.equal(stored[i].id, id));
    assert.equal(stored[0][names.response], VERSION);
    assert.equal(stored[slotOf('quiz-0__q2')][names.response], adapter === 'scorm12' ? 't' : 'true');
    assert.equal(stored[SLOTS].id, 'quiz-0__q2__2');
    assert.equal(idSets(lms).filter((c) => c[1] === 'cmi.interactions.' + SLOTS + '.id').length, 2,
      'the appended answer keeps its index through the retries');
    tracker.terminate();
    assert.deepEqual(lms.problems, []);
    assert.ok(AC.warnings.every((w) => /commit failed|LMSCommit failed|Commit failed|could not write/.test(w)), AC.warnings.join('\n'));
    assert.ok(!AC.warnings.some((w) => /could not write/.test(w)), 'every write was accepted');

    // a final commit that never arrived: the next launch (count 0) declares everything again
    const lms3 = make();
    const third = session(adapter, lms3, storage).tracker;
    await third.start();
    third.terminate();
    assert.equal(lms3.committed['cmi.interactions._count'], String(SLOTS));
    assert.deepEqual(lms3.problems, []);
  });

  test(adapter + ': a launch with fewer interactions than slots declares the rest from its count on', async () => {
    const lms = make({ 'cmi.interactions._count': '3', 'cmi.interactions.0.id': 'aicourse', 'cmi.interactions.0.type': 'fill-in',
      'cmi.interactions.1.id': 'aicourse-progress', 'cmi.interactions.1.type': 'fill-in',
      'cmi.interactions.2.id': 'yrke', 'cmi.interactions.2.type': 'choice', [names.entry]: 'resume' });
    const { tracker } = session(adapter, lms);
    await tracker.start();
    tracker.terminate();
    assert.equal(idSets(lms)[0][1], 'cmi.interactions.3.id');
    assert.equal(idSets(lms).length, SLOTS - 3);
    assert.equal(lms.committed['cmi.interactions._count'], String(SLOTS));
    assert.deepEqual(lms.problems, []);
  });

  test(adapter + ': review and browse launches declare nothing', async () => {
    const mode = adapter === 'scorm12' ? 'cmi.core.lesson_mode' : 'cmi.mode';
    for (const m of ['review', 'browse']) {
      const lms = make({ [mode]: m });
      const { tracker } = session(adapter, lms);
      await tracker.start();
      tracker.terminate();
      assert.equal(idSets(lms).length, 0, m);
    }
  });

  test(adapter + ': the fake LMS refuses indexes as Moodle does', () => {
    const lms = make();
    lms.api[adapter === 'scorm12' ? 'LMSInitialize' : 'Initialize']('');
    const set = (k, v) => lms.api[adapter === 'scorm12' ? 'LMSSetValue' : 'SetValue'](k, v);
    const err = () => lms.api[adapter === 'scorm12' ? 'LMSGetLastError' : 'GetLastError']();
    assert.equal(set('cmi.interactions.1.id', 'x'), 'false');
    assert.equal(err(), adapter === 'scorm12' ? '201' : '351');
    assert.equal(set('cmi.interactions.0.id', 'x'), 'true');
    assert.equal(set('cmi.interactions.0.id', 'y'), 'true', 'an existing index may be written again');
    if (adapter === 'scorm2004') {
      assert.equal(set('cmi.interactions.1.type', 'choice'), 'false');
      assert.equal(err(), '408');
      assert.equal(set('cmi.interactions.0.learner_response', 'a'), 'false');
      assert.equal(err(), '408');
    }
  });
}

test('local and xAPI trackers ignore slots', async () => {
  const storage = fakeStorage();
  const AC = load({ adapter: 'local', storage });
  const writes = [];
  const driver = AC.localDriver(config);
  const write = driver.write;
  driver.write = (kind, v, n) => { writes.push(kind); return write(kind, v, n); };
  const t = AC.makeTracker(driver, config);
  await t.start();
  t.recordAnswer(answer('quiz-0__q0'));
  t.flush();
  assert.ok(!writes.includes('declare'));
});

// --- the progress slot: core/navigation.js with a DOM just large enough for it ---------------

class El {
  constructor(tag, attrs = {}, text = '') {
    this.tagName = tag.toUpperCase();
    this.attrs = Object.assign({}, attrs);
    this.children = [];
    this.parentNode = null;
    this.hidden = false;
    this.text = text;
  }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(''); }
  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
  setAttribute(n, v) { this.attrs[n] = String(v); }
  hasAttribute(n) { return n in this.attrs; }
  removeAttribute(n) { delete this.attrs[n]; }
  appendChild(c) { c.parentNode = this; this.children.push(c); return c; }
  addEventListener() {}
  dispatchEvent() { return true; }
  focus() {}
  /** "tag.class[attr]" and [attr="value"] compounds, a list of them, descendants by a space. */
  matches(sel) {
    return sel.split(',').some((alt) => {
      const parts = alt.trim().split(/\s+/);
      if (!this.one(parts.pop())) return false;
      let el = this.parentNode;
      while (parts.length && el) { if (el.one(parts[parts.length - 1])) parts.pop(); el = el.parentNode; }
      return !parts.length;
    });
  }
  one(sel) {
    const m = /^([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[\w-]+(?:="[^"]*")?\])*)$/.exec(sel);
    if (!m || !this.tagName) return false;
    if (m[1] && this.tagName !== m[1].toUpperCase()) return false;
    const classes = (this.attrs.class || '').split(' ');
    if (m[2] && !m[2].slice(1).split('.').every((c) => classes.includes(c))) return false;
    return (m[3].match(/\[[^\]]+\]/g) || []).every((a) => {
      const [, name, value] = /^\[([\w-]+)(?:="([^"]*)")?\]$/.exec(a);
      return name in this.attrs && (value === undefined || this.attrs[name] === value);
    });
  }
  querySelectorAll(sel) {
    const out = [];
    const walk = (el) => el.children.forEach((c) => { if (c.matches(sel)) out.push(c); walk(c); });
    walk(this);
    return out;
  }
  querySelector(sel) { return this.querySelectorAll(sel)[0] || null; }
}

function pageDocument(cfg) {
  const doc = new El('html');
  cfg.pages.forEach((p) => {
    const section = doc.appendChild(new El('section', { class: 'page', 'data-ac-page': p.id }));
    section.appendChild(new El('h1', {}, 'Sidan ' + p.id));
  });
  doc.title = 'Kurs';
  return doc;
}

/** What core/boot.js's run() does, with the real navigation. */
function runCourse(adapter, lms, storage, cfg = config) {
  const top = { [adapter === 'scorm12' ? 'API' : 'API_1484_11']: lms.api };
  top.parent = top;
  const AC = load({ adapter, storage, win: { parent: top, document: pageDocument(cfg), CustomEvent: class {} } });
  AC.announce = () => {};
  const tracker = AC.adapters[adapter](cfg);
  return tracker.start().then((launch) => {
    const app = AC.app = { config: cfg, tracker, launch, tracking: launch.mode === 'normal',
      texts: AC.localText(cfg), model: AC.state.decode(launch.state, cfg) };
    app.save = () => tracker.saveState(AC.state.encode(app.model, cfg, tracker.limits.state));
    app.record = (a) => { if (app.tracking) tracker.recordAnswer(a); };
    app.evaluate = (quiet) => AC.completion.evaluate(app, quiet);
    app.nav = AC.nav.init(app);
    app.nav.show(launch.location, null, true);
    tracker.flush();
    return { AC, app, tracker };
  });
}

for (const [adapter, make, names] of STANDARDS) {
  test(adapter + ': the progress slot holds the furthest page visited, in course order', async () => {
    const storage = fakeStorage();
    const lms = make();
    const progress = (l) => l.calls.filter((c) => c[0] === 'set' && c[1] === 'cmi.interactions.1.' + names.response).map((c) => c[2]);
    const first = await runCourse(adapter, lms, storage);
    assert.deepEqual(progress(lms), ['sida-0']);
    first.app.nav.show('sida-2');
    first.app.nav.show('sida-1');                           // back: the furthest stays sida-2
    first.app.nav.show('sida-2');
    first.tracker.terminate();
    assert.deepEqual(progress(lms), ['sida-0', 'sida-2']);
    assert.equal(lms.interactions(lms.committed)[1].id, 'aicourse-progress');
    assert.deepEqual(lms.problems, []);

    const lms2 = relaunched(make, lms, names);
    const second = await runCourse(adapter, lms2, storage);
    assert.deepEqual(progress(lms2), [], 'the resumed course is no further yet');
    second.app.nav.show('sida-3');
    second.tracker.terminate();
    assert.deepEqual(progress(lms2), ['sida-3']);
    assert.equal(lms2.interactions(lms2.committed)[1][names.response], 'sida-3');
    assert.equal(lms2.committed['cmi.interactions._count'], String(SLOTS));
    assert.deepEqual(lms2.problems, []);
  });
}

test('without config.slots nothing is declared and no progress is recorded', async () => {
  const plainConfig = makeConfig({ pages: 4, questions: 5 });
  const lms = fake.scorm12();
  const { app, tracker } = await runCourse('scorm12', lms, fakeStorage(), plainConfig);
  app.nav.show('sida-3');
  tracker.terminate();
  assert.equal(idSets(lms).length, 0);
  assert.equal(lms.committed['cmi.interactions._count'], '0');
});

// --- xAPI: attempt and version as context extensions ------------------------------------------

test('xAPI: a quiz answer carries its attempt, every statement the course version', async () => {
  const cfg = xapiConfig();
  const X = 'https://www.ai.se/xapi/courses/extensions/';
  Object.assign(cfg.xapi.extensions, { attempt: X + 'attempt', version: X + 'version' });
  const lrs = fakeLrs();
  const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'u-1' } };
  const s = open('xapi', lrs, { endpoint: ENDPOINT, auth: 'Basic dGVzdDp0ZXN0', actor: JSON.stringify(ACTOR),
    registration: '760e3480-ba55-4991-94b0-01820dbd23a2', activity_id: cfg.xapi.courseIri }, { config: cfg });
  const launch = plain(await s.tracker.start());
  assert.equal(launch.count, 0);
  s.tracker.pageViewed('sida-1');
  s.tracker.recordAnswer(answer('quiz-0__q0'));
  s.tracker.recordAnswer(answer('quiz-0__q0__2', { attempt: 2 }));
  s.tracker.recordAnswer(answer('tanke'));
  s.tracker.terminate();
  assert.equal(await s.tracker.sync(2000), true);
  const list = lrs.list();
  assert.deepEqual(lrs.problems, []);
  assert.ok(list.length >= 5);
  for (const st of list) assert.equal(st.context.extensions[X + 'version'], '1.0.0', st.verb.id);
  const answered = list.filter((st) => st.verb.id.endsWith('/answered'));
  assert.deepEqual(answered.map((st) => st.context.extensions[X + 'attempt']), [1, 2, undefined]);
  // both attempts are the same question (activity); the attempt tells them apart
  assert.equal(answered[0].object.id, answered[1].object.id);
  assert.equal(answered[0].object.id, cfg.quizzes['quiz-0'].questions[0].iri);
  assert.ok(!list.some((st) => /aicourse-progress/.test(JSON.stringify(st))), 'no slots in xAPI');
});
