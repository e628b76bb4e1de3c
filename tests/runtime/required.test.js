'use strict';
// Required reflections (config.reflections[id].required): completion waits until each has text,
// the same in every adapter (the decision is core logic); the badge area lists the missing ones.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, plain, makeConfig, fakeStorage } = require('./harness');
const fake = require('./fake_lms');
const { ENDPOINT, FETCH, fakeLrs, xapiConfig, open } = require('./fake_lrs');

const PROMPT = 'Var i ditt arbete skulle en modell kunna hjälpa till?';
const TEXT = 'I journalen, vid sammanfattningar';
const DONE = 'Du har genomfört kursen. Kursen är klar';   // courseCompleted + the badge's text
const STRINGS = { courseCompleted: 'Du har genomfört kursen.', reflectionRequired: '(obligatorisk)',
  requiredMissing: 'Det här saknas:' };

// --- a DOM just large enough for core/reflection.js and core/completion.js ---------------------

class El {
  constructor(tag, attrs = {}, text = '') {
    this.tagName = tag.toUpperCase();
    this.attrs = Object.assign({}, attrs);
    this.children = [];
    this.parentNode = null;
    this.listeners = {};
    this.hidden = !!attrs.hidden;
    this.own = text;
    this.value = '';
  }
  get id() { return this.attrs.id || ''; }
  get className() { return this.attrs.class || ''; }
  set className(v) { this.attrs.class = v; }
  get textContent() { return this.own + this.children.map((c) => c.textContent).join(''); }
  set textContent(v) { this.own = String(v); this.children = []; }
  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
  setAttribute(n, v) { this.attrs[n] = String(v); }
  removeAttribute(n) { delete this.attrs[n]; }
  hasAttribute(n) { return n in this.attrs; }
  appendChild(c) { return this.insertBefore(c, null); }
  insertBefore(c, ref) {
    c.parentNode = this;
    const i = ref ? this.children.indexOf(ref) : -1;
    if (i < 0) this.children.push(c); else this.children.splice(i, 0, c);
    return c;
  }
  addEventListener(type, f) { (this.listeners[type] = this.listeners[type] || []).push(f); }
  fire(type) { (this.listeners[type] || []).forEach((f) => f({ type, target: this })); }
  /** tag, [attr] and [attr="value"], alone or together; no combinators. */
  matches(sel) {
    const m = /^([a-z0-9]*)(?:\[([\w-]+)(?:="([^"]*)")?\])?$/.exec(sel);
    if (!m) throw new Error('selector not supported: ' + sel);
    if (m[1] && this.tagName !== m[1].toUpperCase()) return false;
    if (m[2] && !(m[2] in this.attrs)) return false;
    return m[3] === undefined || this.attrs[m[2]] === m[3];
  }
  querySelectorAll(sel) {
    const out = [];
    const walk = (el) => el.children.forEach((c) => { if (c.matches(sel)) out.push(c); walk(c); });
    walk(this);
    return out;
  }
  querySelector(sel) { return this.querySelectorAll(sel)[0] || null; }
  /** The element and every descendant, depth first. */
  all() { return [this].concat(...this.children.map((c) => c.all())); }
}

/** Four pages; a required reflection on sida-1, an optional one on sida-2, the badge on sida-3. */
function makeDocument(required = true) {
  const doc = new El('body');
  const pages = [0, 1, 2, 3].map((i) => doc.appendChild(new El('section', { id: 'sida-' + i, 'data-ac-page': 'sida-' + i })));
  const reflection = (page, id, prompt, req) => {
    const div = page.appendChild(new El('div', { class: 'reflection', 'data-ac-reflection': id }));
    div.appendChild(new El('label', { for: id + '-text' }, prompt));
    div.appendChild(new El('textarea', Object.assign({ id: id + '-text' }, req ? { required: '', 'aria-required': 'true' } : {})));
    return div;
  };
  reflection(pages[1], 'tanke', PROMPT, required);
  reflection(pages[2], 'plan', 'Vad gör du nu?', false);
  const badge = pages[3].appendChild(new El('div', { class: 'badge', 'data-ac': 'badge', hidden: '' }));
  badge.appendChild(new El('p', {}, 'Kursen är klar'));
  doc.createElement = (tag) => new El(tag);
  return doc;
}

/** What core/boot.js's run() does, with a stand-in for navigation (pages in order). */
function run(AC, config, tracker, launch, doc) {
  const announced = [];
  AC.announce = (text) => announced.push(text);
  AC.strings = config.strings;
  const app = AC.app = { config, tracker, launch, tracking: launch.mode === 'normal',
    texts: AC.localText(config), model: AC.state.decode(launch.state, config) };
  app.save = () => { if (launch.mode !== 'review') tracker.saveState(AC.state.encode(app.model, config, tracker.limits.state)); };
  app.record = (answer) => { if (app.tracking) tracker.recordAnswer(answer); };
  app.evaluate = (quiet) => AC.completion.evaluate(app, quiet);
  doc.querySelectorAll('[data-ac-reflection]').forEach((el) => AC.reflection.init(app, el));
  const ids = config.pages.map((p) => p.id);
  let current = null;
  app.nav = { ids, current: () => current };
  const show = (id, initial) => {
    current = id;
    doc.querySelectorAll('section').forEach((s) => { s.hidden = s.id !== id; });
    app.model.visited[id] = true;
    if (launch.mode !== 'review') tracker.setLocation(id);
    app.save();
    app.evaluate(initial);
    if (!initial) tracker.flush();
  };
  const box = doc.querySelector('[data-ac-reflection="tanke"]').querySelector('textarea');
  const type = (text) => { box.value = text; box.fire('input'); box.fire('change'); };
  show(launch.location || ids[0], true);
  tracker.flush();
  const missing = () => doc.all().find((el) => el.className === 'ac-missing') || null;
  const badge = doc.querySelector('[data-ac="badge"]');
  return { app, show, type, box, announced, missing, badge, status: () => plain(app.evaluate(true)) };
}

function requiredConfig(config, freeText) {
  config.reflections.tanke.required = true;
  config.reflections.tanke.page = 'sida-1';
  config.privacy.freeText = freeText;
  config.strings = STRINGS;
  return config;
}

// --- one scenario, every adapter ---------------------------------------------------------------

const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'u-7' } };
const REG = '0b6c8f4e-3d2a-4c1b-9e8f-7a6b5c4d3e2f';
const AU = 'https://lms.example.org/activities/au-1';
let fetches = 0;

/** Per adapter: launch(previous) -> {AC, tracker, launch}; completed(world): what the LMS/LRS
    holds; sent(world): everything that left the browser, as text. */
const ADAPTERS = {
  scorm12: {
    config: (freeText) => requiredConfig(makeConfig({ pages: 4, questions: 0 }), freeText),
    world: () => scormWorld(fake.scorm12(), []),
    relaunch: (w) => scormWorld(fake.scorm12(Object.assign({}, w.lms.committed, { 'cmi.core.entry': 'resume' })), w.all),
    win: (w) => scormWindow('API', w.lms),
    status: (w) => w.lms.committed['cmi.core.lesson_status'],
    completed: (w) => w.lms.committed['cmi.core.lesson_status'] === 'completed',
    sent: (w) => JSON.stringify(w.all.map((lms) => lms.calls)),
    problems: (w) => [].concat(...w.all.map((lms) => lms.problems)),
  },
  scorm2004: {
    config: (freeText) => requiredConfig(makeConfig({ pages: 4, questions: 0 }), freeText),
    world: () => scormWorld(fake.scorm2004(), []),
    relaunch: (w) => scormWorld(fake.scorm2004(Object.assign({}, w.lms.committed, { 'cmi.entry': 'resume' })), w.all),
    win: (w) => scormWindow('API_1484_11', w.lms),
    status: (w) => w.lms.committed['cmi.completion_status'],
    completed: (w) => w.lms.committed['cmi.completion_status'] === 'completed',
    sent: (w) => JSON.stringify(w.all.map((lms) => lms.calls)),
    problems: (w) => [].concat(...w.all.map((lms) => lms.problems)),
  },
  xapi: {
    config: (freeText) => xapiRequired('xapi', freeText),
    world: () => ({ lrs: fakeLrs() }),
    relaunch: (w) => w,
    params: () => ({ endpoint: ENDPOINT, auth: 'Basic dGVzdDp0ZXN0', actor: JSON.stringify(ACTOR), registration: REG }),
    completed: (w) => w.lrs.list().some((st) => st.verb.id.endsWith('/completed')),
    sent: (w) => JSON.stringify(w.lrs.requests),
    problems: (w) => w.lrs.problems,
  },
  cmi5: {
    config: (freeText) => xapiRequired('cmi5', freeText),
    world: () => ({ lrs: fakeLrs({ auth: 'Basic dG9rZW46c2VjcmV0' }) }),
    relaunch: (w) => w,
    params: (w) => {
      const agent = { activityId: AU, agent: JSON.stringify(ACTOR), registration: REG };
      w.lrs.setState(Object.assign({ stateId: 'LMS.LaunchData' }, agent), { launchMode: 'Normal', moveOn: 'Completed',
        returnURL: 'https://lms.example.org/return', contextTemplate: { extensions: {
          'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's' + (++fetches) } } });
      return { endpoint: ENDPOINT, fetch: FETCH + 'r' + fetches, actor: JSON.stringify(ACTOR), registration: REG, activityId: AU };
    },
    completed: (w) => w.lrs.list().some((st) => st.verb.id.endsWith('/completed')),
    sent: (w) => JSON.stringify(w.lrs.requests),
    problems: (w) => w.lrs.problems,
  },
};

/** One LMS session (a fresh fake API), and every session so far. */
const scormWorld = (lms, all) => ({ lms, all: all.concat(lms) });

function scormWindow(name, lms) {
  const top = { [name]: lms.api };
  top.parent = top;
  return { parent: top };
}

function xapiRequired(target, freeText) {
  const config = requiredConfig(xapiConfig({ pages: 4, questions: 0, target }), freeText);
  config.xapi.moveOn = 'Completed';
  config.xapi.masteryScore = null;
  return config;
}

/** One page load: a fresh runtime context on the adapter's LMS or LRS. */
async function pageLoad(name, world, config, storage) {
  const a = ADAPTERS[name];
  let AC;
  let tracker;
  const doc = makeDocument();
  if (a.params) {
    const s = open(name, world.lrs, a.params(world), { storage, config });
    AC = s.AC;
    tracker = s.tracker;
  } else {
    AC = load({ adapter: name, storage, win: a.win(world) });
    tracker = AC.adapters[name](config);
  }
  const launch = plain(await tracker.start());
  AC.ctx.document = doc;   // after the launch: the cmi5 exit button is not this test's
  return Object.assign(run(AC, config, tracker, launch, doc), { AC, tracker, launch, doc });
}

async function leave(page) {
  page.tracker.terminate();
  if (page.tracker.sync) assert.equal(await page.tracker.sync(2000), true);
}

for (const name of Object.keys(ADAPTERS)) {
  for (const freeText of ['send', 'keep_local']) {
    test(name + ', freeText ' + freeText + ': completion waits for the required reflection, then stays', async () => {
      const a = ADAPTERS[name];
      const config = a.config(freeText);
      const storage = fakeStorage();
      let world = a.world();

      // 1. every page seen, the required reflection empty: not completed, the missing one listed
      const one = await pageLoad(name, world, config, storage);
      assert.equal(one.launch.entry, 'ab-initio');
      assert.match(one.doc.querySelector('label').textContent, /\? \(obligatorisk\)$/);
      for (const id of ['sida-1', 'sida-2', 'sida-3']) one.show(id);
      assert.deepEqual(one.status(), { completed: false, passed: null });
      assert.equal(one.badge.hidden, true);
      const list = one.missing();
      assert.equal(list.hidden, false);
      assert.equal(list.parentNode.id, 'sida-3');
      const links = list.querySelectorAll('a');
      assert.deepEqual(links.map((l) => [l.getAttribute('href'), l.textContent]), [['#tanke-text', PROMPT]]);
      assert.deepEqual(one.announced, ['Det här saknas: ' + PROMPT]);
      one.show('sida-2');
      one.show('sida-3');
      assert.equal(one.announced.length, 1, 'announced once');
      if (a.status) assert.equal(a.status(world), 'incomplete');
      one.tracker.flush();
      if (one.tracker.sync) await one.tracker.sync(2000);
      assert.equal(a.completed(world), false);

      // 2. the learner follows the link and types: completed, reported at once
      one.show('sida-1');
      one.type(TEXT);
      assert.deepEqual(one.status(), { completed: true, passed: null });
      assert.equal(list.hidden, true);
      assert.equal(one.badge.hidden, false);
      assert.equal(one.announced[one.announced.length - 1], DONE);
      if (one.tracker.sync) await one.tracker.sync(2000);
      assert.equal(a.completed(world), true);
      await leave(one);

      // 3. relaunch (resume state from the LMS or LRS): still completed, the text is back
      world = a.relaunch(world);
      const two = await pageLoad(name, world, config, storage);
      assert.equal(two.launch.entry, 'resume');
      assert.deepEqual(two.status(), { completed: true, passed: null });
      assert.equal(two.box.value, TEXT);
      assert.equal(two.badge.hidden, false);
      // 4. clearing the text after completion does not take completion back
      two.type('');
      assert.deepEqual(two.status(), { completed: true, passed: null });
      assert.equal(two.badge.hidden, false);
      await leave(two);

      // 5. another browser (no local text at all): the resume state alone keeps it completed
      world = a.relaunch(world);
      const three = await pageLoad(name, world, config, fakeStorage());
      assert.equal(three.box.value, '');
      assert.deepEqual(three.status(), { completed: true, passed: null });
      await leave(three);
      assert.equal(a.completed(world), true);
      if (a.status) assert.equal(a.status(world), 'completed');

      // privacy: with keep_local nothing of the text leaves the browser
      const sent = a.sent(world);
      if (freeText === 'keep_local') assert.ok(!sent.includes('journalen'), 'the text was sent');
      else assert.ok(sent.includes('journalen'), 'the text was not sent');
      assert.deepEqual(a.problems(world), []);
    });
  }
}

// --- the decision and its facts ----------------------------------------------------------------

const AC = load({ adapter: 'scorm12' });

test('decide: a missing required reflection holds completion back, and a pass with it', () => {
  const decide = (f) => plain(AC.completion.decide(Object.assign({ pagesDone: true, missing: ['tanke'],
    assessment: true, submitted: true, passed: true, onFail: 'failed' }, f)));
  assert.deepEqual(decide({ assessment: false }), { completed: false, passed: null });
  assert.deepEqual(decide({ assessment: false, missing: [] }), { completed: true, passed: null });
  assert.deepEqual(decide({}), { completed: false, passed: null });   // the pass waits for the text
  assert.deepEqual(decide({ passed: false }), { completed: false, passed: false });
  assert.deepEqual(decide({ missing: undefined }), { completed: true, passed: true });
  assert.equal(AC.scorm12.lessonStatus(decide({ assessment: false }), 'incomplete'), 'incomplete');
});

test('facts: required reflections without text, on a required page only', () => {
  const config = requiredConfig(makeConfig({ pages: 3, questions: 0 }), 'send');
  const model = AC.state.empty();
  config.pages.forEach((p) => { model.visited[p.id] = true; });
  assert.deepEqual(plain(AC.completion.facts(config, model).missing), ['tanke']);
  model.notes.tanke = true;
  assert.deepEqual(plain(AC.completion.facts(config, model).missing), []);
  delete model.notes.tanke;
  // a page list without its page (a cmi5 unit of another module): it does not count
  config.completion.pages = ['sida-0', 'sida-2'];
  assert.deepEqual(plain(AC.completion.facts(config, model).missing), []);
  // optional reflections never count
  delete config.reflections.tanke.required;
  config.completion.pages = [];
  assert.deepEqual(plain(AC.completion.facts(config, model).missing), []);
});

test('a course without required reflections adds nothing to the page', async () => {
  const config = makeConfig({ pages: 4, questions: 0 });
  config.strings = STRINGS;
  const doc = makeDocument(false);
  const AC2 = load({ adapter: 'local' });
  const tracker = AC2.adapters.local(config);
  const launch = plain(await tracker.start());
  AC2.ctx.document = doc;
  const page = run(AC2, config, tracker, launch, doc);
  for (const id of ['sida-1', 'sida-2', 'sida-3']) page.show(id);
  assert.deepEqual(page.status(), { completed: true, passed: null });
  assert.equal(page.missing(), null);
  assert.ok(!doc.querySelector('label').textContent.includes('obligatorisk'));
  assert.deepEqual(page.announced, [DONE]);
});

test('before completion, clearing the text makes the reflection missing again', async () => {
  const config = requiredConfig(makeConfig({ pages: 4, questions: 5 }), 'keep_local');   // test not taken
  const doc = makeDocument();
  const AC2 = load({ adapter: 'local' });
  const tracker = AC2.adapters.local(config);
  const launch = plain(await tracker.start());
  AC2.ctx.document = doc;
  const page = run(AC2, config, tracker, launch, doc);
  page.show('sida-1');
  page.type(TEXT);
  assert.deepEqual(plain(page.app.model.notes), { tanke: true });
  assert.deepEqual(page.status(), { completed: false, passed: null });
  page.type('');
  assert.deepEqual(plain(page.app.model.notes), {});
  page.type('   ');                      // blank is not an answer
  assert.deepEqual(plain(page.app.model.notes), {});
  page.show('sida-2');
  page.show('sida-3');
  assert.equal(page.missing().hidden, false);
  assert.deepEqual(page.announced, ['Det här saknas: ' + PROMPT]);
});
