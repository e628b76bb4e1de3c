'use strict';
// Loads the runtime's files into a node `vm` context with a tiny fake window (no DOM: boot.js
// only starts when a document exists), plus fake SCORM APIs and generated configs for tests.
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const RUNTIME = path.resolve(__dirname, '../../src/aicourse_build/runtime');
const BUNDLE = JSON.parse(fs.readFileSync(path.join(RUNTIME, 'bundle.json'), 'utf8'));

function fakeStorage() {
  const map = new Map();
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => { map.set(k, String(v)); },
    removeItem: (k) => { map.delete(k); },
  };
}

/** The files of one adapter: bundle.json gives a path or a list of paths. */
const adapterFiles = (name) => [].concat(BUNDLE.adapters[name]);

/** The runtime namespace (window.AICOURSE) of a fresh context; `win` adds window properties. */
function load({ adapter = null, win = {}, storage = fakeStorage() } = {}) {
  const warnings = [];
  const ctx = {
    console: { warn: (...a) => warnings.push(a.join(' ')), log: console.log, error: console.error },
    setTimeout, clearTimeout, localStorage: storage,
  };
  Object.assign(ctx, win);
  ctx.window = ctx;
  vm.createContext(ctx);
  const files = BUNDLE.core.concat(adapter ? adapterFiles(adapter) : []);
  for (const f of files) {
    vm.runInContext(fs.readFileSync(path.join(RUNTIME, f), 'utf8'), ctx, { filename: f });
  }
  const AC = ctx.AICOURSE;
  AC.ctx = ctx;
  AC.warnings = warnings;
  AC.storage = storage;
  return AC;
}

/** Objects made in the vm context have other prototypes: compare them as plain JSON. */
const plain = (x) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function keyMaker() {
  let n = 1000;
  return () => { n += 37; return B62[Math.floor(n / 3844) % 62] + B62[Math.floor(n / 62) % 62] + B62[n % 62]; };
}

/** A boot config of `pages` pages and `questions` questions (mixed types) in quizzes of 30. */
function makeConfig({ pages = 1000, questions = 300, perQuiz = 30, draw = null } = {}) {
  const key = keyMaker();
  const config = {
    version: 1, target: 'scorm12',
    course: { id: 'c', version: '1.0.0', title: 'C', lang: 'sv', storageKey: 'aicourse:c:1.0.0:p' },
    pages: [], completion: { pages: [], assessment: null, passingScore: 75, onFail: 'failed' },
    quizzes: {}, surveys: {}, reflections: {}, groups: {},
    privacy: { freeText: 'keep_local', group: 'send', identity: 'launch' }, strings: {},
  };
  for (let i = 0; i < pages; i++) {
    config.pages.push({ id: 'sida-' + i, k: key(), module: 'm', seconds: 60 });
    config.completion.pages.push('sida-' + i);
  }
  const types = ['single', 'multiple', 'truefalse', 'ordering', 'matching'];
  for (let i = 0; i < questions; i++) {
    const qz = 'quiz-' + Math.floor(i / perQuiz);
    if (!config.quizzes[qz]) {
      config.quizzes[qz] = { k: key(), draw, shuffle: true, attempts: 0, questions: [] };
      if (!config.completion.assessment) config.completion.assessment = qz;
    }
    config.quizzes[qz].questions.push(question('q' + i, key(), types[i % types.length]));
  }
  config.surveys.enkat = { k: key(), scale: 5, comment: 'enkat-fritt',
    items: [1, 2, 3, 4, 5].map((n) => ({ id: 'i' + n, k: key(), description: 'Item ' + n })) };
  config.reflections.tanke = { k: key(), description: 'Reflektion' };
  config.reflections.plan = { k: key(), description: 'Plan' };
  config.groups.yrke = { k: key(), options: ['lakare', 'sjukskoterska', 'admin'], kind: 'profession' };
  return config;
}

function question(id, k, type) {
  const q = { id, k, type, choices: ['a', 'b', 'c', 'd'], prompts: [], answer: 'b', description: 'Q ' + id };
  if (type === 'multiple') { q.choices = ['a', 'b', 'c', 'd', 'e']; q.answer = ['a', 'c']; }
  if (type === 'truefalse') { q.choices = []; q.answer = true; }
  if (type === 'ordering') q.answer = ['c', 'a', 'd', 'b'];
  if (type === 'matching') {
    q.choices = ['x', 'y', 'z']; q.prompts = ['p1', 'p2', 'p3'];
    q.answer = { p1: 'y', p2: 'x', p3: 'z' };
  }
  return q;
}

/** The longest response a question can have (every part answered). */
function fullResponse(q) {
  if (q.type === 'single') return q.choices[q.choices.length - 1];
  if (q.type === 'truefalse') return false;
  if (q.type === 'multiple') return q.choices.slice();
  if (q.type === 'ordering') return Object.fromEntries(q.choices.map((c, i) => [c, i + 1]));
  return Object.fromEntries(q.prompts.map((p) => [p, q.choices[q.choices.length - 1]]));
}

function width(AC, q) { const c = AC.state.codec(q); return c ? c.w : -1; }

/** A state as long as the config allows: the worst case that state_budget.py computes. */
function maximalModel(AC, config) {
  const model = AC.state.empty();
  // half the pages seen (or the only one): the longest of the two page lists
  const seen = Math.max(1, Math.floor(config.pages.length / 2));
  config.pages.forEach((p, i) => { if (i < seen) model.visited[p.id] = true; });
  for (const [id, qz] of Object.entries(config.quizzes || {})) {
    const qs = qz.questions.filter((q) => width(AC, q) >= 0)
      .sort((a, b) => width(AC, b) - width(AC, a));
    const n = qz.draw ? Math.min(qz.draw, qs.length) : qs.length;
    const resp = {};
    qs.slice(0, n).forEach((q) => { resp[q.id] = fullResponse(q); });
    model.quizzes[id] = { att: 61, seed: 3843, score: 100, phase: 's', resp };
  }
  for (const [id, sv] of Object.entries(config.surveys || {})) {
    const items = {};
    const top = Math.min(61, typeof sv.scale === 'number' ? sv.scale : (sv.scale || []).length);
    if (top >= 1) sv.items.forEach((it) => { items[it.id] = top; });
    model.surveys[id] = { done: true, items };
  }
  Object.keys(config.reflections || {}).forEach((id) => { model.notes[id] = true; });
  for (const [id, g] of Object.entries(config.groups || {})) {
    if ((g.options || []).length) model.groups[id] = g.options[0];
  }
  return model;
}

module.exports = { RUNTIME, BUNDLE, adapterFiles, load, plain, makeConfig, question, fullResponse, maximalModel, fakeStorage };
