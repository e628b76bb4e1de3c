'use strict';
// Free text is never cut: each field keeps to what its target stores (maxlength), shows a
// counter, and says so politely near the limit; the text stays whole in this browser.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load } = require('./harness');
const fake = require('./fake_lms');

/** A textarea and its parent, just enough for AC.counter. */
function field(id) {
  const el = (tag) => ({
    tagName: tag, attrs: {}, children: [], listeners: {}, value: '', textContent: '',
    get id() { return this.attrs.id || ''; },
    getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; },
    setAttribute(n, v) { this.attrs[n] = String(v); },
    addEventListener(t, f) { (this.listeners[t] = this.listeners[t] || []).push(f); },
    insertBefore(c) { this.children.push(c); return c; },
  });
  const parent = el('div');
  const box = el('textarea');
  box.attrs = { id, 'aria-describedby': id + '-note' };
  box.parentNode = parent;
  box.type = (text) => { box.value = text.slice(0, box.maxLength); box.listeners.input.forEach((f) => f({ target: box })); };
  return { box, parent, el };
}

function runtime() {
  const said = [];
  const AC = load({ win: { document: { createElement: (tag) => field('x').el(tag) } } });
  AC.strings = { textCount: '{n} av {max} tecken' };
  AC.announce = (t) => said.push(t);
  return { AC, said };
}

const LONG = 'Jag skulle låta en språkmodell sammanfatta journalanteckningar; väldigt många öppna frågor. '.repeat(12).slice(0, 1000);

for (const [freeText, limits, max] of [
  ['send', { state: 4096, location: 255, text: 255 }, 255],     // SCORM 1.2
  ['keep_local', { state: 4096, location: 255, text: 255 }, 4000],
  ['send', { state: 64000, location: 1000 }, 4000],              // SCORM 2004, xAPI, cmi5
]) {
  test(`a field sending ${freeText} over limits ${JSON.stringify(limits)} takes at most ${max} characters, and counts`, () => {
    const { AC, said } = runtime();
    const { box, parent } = field('tanke-text');
    AC.counter({ config: { privacy: { freeText } }, tracker: { limits } }, box);
    assert.equal(box.maxLength, max);
    const counter = parent.children[0];
    assert.equal(counter.attrs.id, 'tanke-text-count');
    assert.equal(box.attrs['aria-describedby'], 'tanke-text-note tanke-text-count');
    assert.equal(counter.textContent, `0 av ${max} tecken`);
    assert.equal(LONG.length, 1000);
    box.type(LONG.slice(0, 10));
    assert.equal(counter.textContent, `10 av ${max} tecken`);
    assert.deepEqual(said, [], 'not announced on every keystroke');
    const big = LONG.repeat(5);
    box.type(big.slice(0, Math.ceil(max * 0.9)));
    box.type(big.slice(0, Math.ceil(max * 0.9) + 1));
    assert.equal(said.length, 1, 'once near the limit');
    box.type(big);
    assert.equal(box.value.length, max);
    assert.equal(counter.textContent, `${box.value.length} av ${max} tecken`);
    assert.deepEqual(said, [`${Math.ceil(max * 0.9)} av ${max} tecken`, `${max} av ${max} tecken`], 'once at the limit');
  });
}

test('scorm12: a 255-character answer with å, ä and ö reaches student_response whole', async () => {
  const lms = fake.scorm12();
  const top = { API: lms.api };
  top.parent = top;
  const AC = load({ adapter: 'scorm12', win: { parent: top } });
  const config = { target: 'scorm12', course: { id: 'c', version: '1', storageKey: 'k', lang: 'sv' },
    pages: [{ id: 'p', k: 'aaa' }], completion: { pages: [] }, privacy: { freeText: 'send' } };
  const tracker = AC.adapters.scorm12(config);
  await tracker.start();
  assert.equal(tracker.limits.text, 255);
  const text = LONG.slice(0, 255);
  tracker.recordAnswer({ id: 'tanke', kind: 'long-fill-in', response: text, correct: null,
    result: 'neutral', latencyMs: 0, description: '', weight: 0 });
  tracker.flush();
  const stored = Object.keys(lms.committed).filter((k) => /student_response$/.test(k)).map((k) => lms.committed[k]);
  assert.deepEqual(stored, [text]);
  assert.deepEqual(lms.problems, []);
});
