'use strict';
// The bundle: every file listed and loadable, UI strings complete, size within budget.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { RUNTIME, BUNDLE, load } = require('./harness');

const read = (f) => fs.readFileSync(path.join(RUNTIME, f), 'utf8');
const js = BUNDLE.core.map(read).join('\n');

test('bundle.json lists every runtime file, and each adapter registers itself', () => {
  const onDisk = fs.readdirSync(path.join(RUNTIME, 'core')).map((f) => 'core/' + f).sort();
  assert.deepEqual(BUNDLE.core.slice().sort(), onDisk);
  assert.deepEqual(Object.keys(BUNDLE.adapters).sort(), ['local', 'scorm12', 'scorm2004']);
  for (const name of Object.keys(BUNDLE.adapters)) {
    const AC = load({ adapter: name });
    assert.equal(typeof AC.adapters[name], 'function', name);
  }
});

test('the core also works concatenated in plain alphabetical order (core/*.js)', () => {
  const vm = require('vm');
  const ctx = { setTimeout, clearTimeout, console: { warn() {} } };
  ctx.window = ctx;
  vm.createContext(ctx);
  const files = BUNDLE.core.slice().sort().concat([BUNDLE.adapters.scorm2004]);
  vm.runInContext(files.map(read).join('\n'), ctx);
  const AC = ctx.AICOURSE;
  const config = { course: { storageKey: 'k' }, pages: [{ id: 'a', k: 'aaa' }] };
  assert.equal(AC.state.encode({ visited: { a: true }, quizzes: {}, surveys: {}, notes: {}, groups: {} }, config, 0), '1-');
  assert.equal(typeof AC.adapters.scorm2004, 'function');
});

test('plain ES2019: no optional chaining, nullish coalescing or modules', () => {
  for (const f of BUNDLE.core.concat(Object.values(BUNDLE.adapters))) {
    const src = read(f).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(src, /\?\.[a-zA-Z_$[(]|\?\?|^\s*(import|export)\s/m, f);
    assert.match(read(f), /^\/\*[\s\S]*?\*\/\n\(function \(AC\) \{\n  'use strict';/, f + ' is an IIFE on AICOURSE');
  }
});

test('every UI string the runtime uses has a Swedish and an English default', () => {
  const strings = JSON.parse(read('strings.json'));
  const used = new Set([...js.matchAll(/AC\.t\(\s*'(\w+)'/g)].map((m) => m[1]));
  // keys picked by a condition: AC.t(ok ? 'correct' : 'incorrect') and the like
  for (const m of js.matchAll(/AC\.t\(([^;]*?\?[^;]*?)\)/g)) {
    for (const k of m[1].matchAll(/'(\w+)'/g)) used.add(k[1]);
  }
  assert.ok(used.size >= 15, [...used].join());
  for (const lang of ['sv', 'en']) {
    assert.deepEqual(Object.keys(strings[lang]).sort(), [...used].sort(), lang);
    for (const v of Object.values(strings[lang])) assert.ok(v.trim());
  }
});

test('runtime JS + CSS with any one adapter stays within 22 KB gzipped', () => {
  for (const adapter of Object.values(BUNDLE.adapters)) {
    const all = js + '\n' + read(adapter) + '\n' + read(BUNDLE.css);
    const size = zlib.gzipSync(Buffer.from(all), { level: 9 }).length;
    assert.ok(size <= 22 * 1024, adapter + ': ' + size + ' bytes');
  }
});
