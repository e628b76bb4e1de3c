'use strict';
// The bundle: every file listed and loadable, UI strings complete.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { RUNTIME, BUNDLE, adapterFiles, load } = require('./harness');

const read = (f) => fs.readFileSync(path.join(RUNTIME, f), 'utf8');
const js = BUNDLE.core.map(read).join('\n');
const adapterJs = [...new Set(Object.keys(BUNDLE.adapters).flatMap(adapterFiles))];

test('bundle.json lists every runtime file, and each adapter registers itself', () => {
  const onDisk = fs.readdirSync(path.join(RUNTIME, 'core')).map((f) => 'core/' + f).sort();
  assert.deepEqual(BUNDLE.core.slice().sort(), onDisk);
  assert.deepEqual(Object.keys(BUNDLE.adapters).sort(), ['cmi5', 'local', 'scorm12', 'scorm2004', 'xapi']);
  const onDiskAdapters = fs.readdirSync(path.join(RUNTIME, 'adapters')).map((f) => 'adapters/' + f).sort();
  assert.deepEqual(adapterJs.slice().sort(), onDiskAdapters);
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
  assert.match(AC.state.encode({ visited: { a: true }, quizzes: {}, surveys: {}, notes: {}, groups: {} }, config, 0), /^2[0-9A-Za-z]{3}-$/);
  assert.equal(typeof AC.adapters.scorm2004, 'function');
});

test('plain ES2019: no optional chaining, nullish coalescing or modules', () => {
  for (const f of BUNDLE.core.concat(adapterJs)) {
    const src = read(f).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(src, /\?\.[a-zA-Z_$[(]|\?\?|^\s*(import|export)\s/m, f);
    assert.match(read(f), /^\/\*[\s\S]*?\*\/\n\(function \(AC\) \{\n  'use strict';/, f + ' is an IIFE on AICOURSE');
  }
});

test('every UI string the runtime uses has a Swedish and an English default', () => {
  const strings = JSON.parse(read('strings.json'));
  const all = js + '\n' + adapterJs.map(read).join('\n');
  const used = new Set([...all.matchAll(/AC\.t\(\s*'(\w+)'/g)].map((m) => m[1]));
  // keys picked by a condition: AC.t(ok ? 'correct' : 'incorrect') and the like
  for (const m of all.matchAll(/AC\.t\(([^;]*?\?[^;]*?)\)/g)) {
    for (const k of m[1].matchAll(/'(\w+)'/g)) used.add(k[1]);
  }
  assert.ok(used.size >= 15, [...used].join());
  for (const lang of ['sv', 'en']) {
    assert.deepEqual(Object.keys(strings[lang]).sort(), [...used].sort(), lang);
    for (const v of Object.values(strings[lang])) assert.ok(v.trim());
  }
});

// The size budget is measured on what a package ships (minified by the packager, render/site.py):
// tests/unit/render/test_runtime_bundle.py.
