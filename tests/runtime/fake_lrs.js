'use strict';
// An in-memory LRS (statements, State API, Agent Profile API) plus a cmi5 LMS's fetch URL, served
// through a fake window.fetch. It checks every request (xAPI 1.0.3 headers, credentials) and every
// statement's shape, collects what is wrong in `problems`, and can be told to refuse requests.
const { webcrypto } = require('crypto');
const { load, makeConfig, fakeStorage } = require('./harness');

const ENDPOINT = 'https://lrs.example.org/xapi/';
const FETCH = 'https://lms.example.org/cmi5/fetch?k=';   // + a launch number: one URL per launch
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DURATION = /^PT(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const INTERACTIONS = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance',
  'sequencing', 'likert', 'numeric', 'other'];

function response(status, body) {
  const text = body == null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return { status, ok: status >= 200 && status < 300, text: async () => text, json: async () => JSON.parse(text) };
}

/** Problems with one statement's shape (xAPI 1.0.3 and our own rules). */
function checkStatement(st, expect = {}) {
  const p = [];
  const where = (st && st.verb && st.verb.id) + ' ' + (st && st.id);
  const bad = (msg) => p.push(where + ': ' + msg);
  if (!UUID.test(st.id)) bad('id is not a UUID');
  if (!STAMP.test(st.timestamp)) bad('timestamp ' + st.timestamp);
  for (const k of ['version', 'stored', 'authority']) if (k in st) bad('sets ' + k);
  if (expect.actor && JSON.stringify(st.actor) !== JSON.stringify(expect.actor)) bad('actor differs from the launch');
  if (!IRI.test(st.verb.id) || !st.verb.display || !st.verb.display['en-US']) bad('verb');
  if (!IRI.test(st.object.id)) bad('object id ' + st.object.id);
  const c = st.context || {};
  if (expect.registration && c.registration !== expect.registration) bad('registration');
  for (const list of Object.values(c.contextActivities || {})) {
    for (const a of [].concat(list)) if (!IRI.test(a.id)) bad('context activity ' + a.id);
  }
  for (const k of Object.keys(c.extensions || {})) if (!IRI.test(k)) bad('extension key ' + k);
  const r = st.result || {};
  if ('duration' in r && !DURATION.test(r.duration)) bad('duration ' + r.duration);
  if (r.score) {
    const s = r.score;
    if (!(s.scaled >= -1 && s.scaled <= 1) || String(s.scaled).replace(/^-?\d*\.?/, '').length > 4) bad('score.scaled ' + s.scaled);
    if (s.raw != null && !(Number.isInteger(s.raw) && s.min <= s.raw && s.raw <= s.max)) bad('score.raw');
  }
  const def = st.object.definition;
  if (def && def.type === 'http://adlnet.gov/expapi/activities/cmi.interaction') {
    if (!INTERACTIONS.includes(def.interactionType)) bad('interactionType ' + def.interactionType);
    if ('correctResponsesPattern' in def && !def.correctResponsesPattern.every((x) => typeof x === 'string')) bad('pattern');
    for (const k of ['choices', 'scale', 'source', 'target', 'steps']) {
      if (k in def && !(Array.isArray(def[k]) && def[k].every((x) => typeof x.id === 'string' && x.id))) bad('components ' + k);
    }
    if ('response' in r && typeof r.response !== 'string') bad('response is not a string');
  }
  return p;
}

/** A fake LRS; `fetch` goes into the course's window. */
function fakeLrs({ auth = 'Basic dGVzdDp0ZXN0', token = 'dG9rZW46c2VjcmV0', prefs = null } = {}) {
  const lrs = {
    statements: new Map(),        // id -> statement (as first stored)
    received: [],                 // every statement POSTed, in order (duplicates too)
    order: [],                    // ids in the order they were stored
    documents: new Map(),         // "state|activityId|agent|registration|stateId" -> text
    requests: [],
    problems: [],
    refuse: 0,                    // refuse this many requests...
    refuseWith: 503,              // ...with this status (0: a network error)
    down: false,                  // refuse everything while true
    storeThenFail: 0,             // store the next N statement batches, then answer 503
    fetchCalls: [],               // cmi5 fetch URL: {url, method, body}
    fetchError: false,            // the fetch URL answers with an error-code
    profileStatus: 0,             // agents/profile answers this status (e.g. 403)
    auth,
  };
  const docKey = (kind, q) => [kind, q.get('activityId'), q.get('agent'), q.get('registration') || '', q.get('stateId') || q.get('profileId')].join('|');
  lrs.setState = (q, value) => lrs.documents.set(docKey('state', new URLSearchParams(q)), JSON.stringify(value));
  lrs.getState = (q) => {
    const v = lrs.documents.get(docKey('state', new URLSearchParams(q)));
    return v == null ? undefined : JSON.parse(v);
  };
  if (prefs) lrs.documents.set(['profile', null, null, '', 'cmi5LearnerPreferences'].join('|'), JSON.stringify(prefs));
  lrs.list = () => lrs.order.map((id) => lrs.statements.get(id));

  function store(list) {
    const ids = list.map((st) => st.id);
    if (new Set(ids).size !== ids.length) return response(400, 'duplicate ids in a batch');
    for (const st of list) {
      const old = lrs.statements.get(st.id);
      if (old && JSON.stringify(old) !== JSON.stringify(st)) return response(409, 'a different statement has this id');
    }
    const fresh = list.filter((st) => !lrs.statements.has(st.id));
    for (const st of fresh) {
      lrs.statements.set(st.id, st);
      lrs.order.push(st.id);
    }
    return fresh.length ? response(200, fresh.map((st) => st.id)) : response(204);
  }

  lrs.fetch = async (url, init = {}) => {
    const method = init.method || 'GET';
    const req = { method, url: String(url), headers: Object.assign({}, init.headers), body: init.body, keepalive: !!init.keepalive };
    lrs.requests.push(req);
    if (String(url).startsWith(FETCH)) {
      const again = lrs.fetchCalls.some((c) => c.url === String(url));
      lrs.fetchCalls.push({ url: String(url), method, body: init.body });
      if (method !== 'POST') lrs.problems.push('fetch URL called with ' + method);
      if (again) return response(200, { 'error-code': '1', 'error-text': 'already used' });
      return response(200, lrs.fetchError ? { 'error-code': '2', 'error-text': 'no' } : { 'auth-token': token });
    }
    if (lrs.down || lrs.refuse > 0) {
      lrs.refuse = Math.max(0, lrs.refuse - 1);
      if (lrs.refuseWith === 0) throw new TypeError('Failed to fetch');
      return response(lrs.refuseWith, 'refused');
    }
    const u = new URL(String(url));
    if (!u.href.startsWith(ENDPOINT)) return response(404, 'not an LRS resource');
    const h = req.headers;
    if (h['X-Experience-API-Version'] !== '1.0.3') lrs.problems.push(method + ' ' + u.pathname + ': version header');
    if (h.Authorization !== lrs.auth) lrs.problems.push(method + ' ' + u.pathname + ': Authorization ' + h.Authorization);
    if (h['Content-Type'] !== 'application/json') lrs.problems.push(method + ' ' + u.pathname + ': Content-Type');
    const resource = u.href.slice(ENDPOINT.length).split('?')[0];
    const q = u.searchParams;
    if (resource === 'statements' && method === 'POST') {
      const list = [].concat(JSON.parse(init.body));
      lrs.received.push(...list);
      const r = store(list);
      if (lrs.storeThenFail > 0 && r.status < 300) { lrs.storeThenFail--; return response(503, 'stored, but the answer is lost'); }
      return r;
    }
    if (resource === 'activities/state' || resource === 'agents/profile') {
      const kind = resource === 'agents/profile' ? 'profile' : 'state';
      const k = kind === 'profile' ? ['profile', null, null, '', q.get('profileId')].join('|') : docKey('state', q);
      if (kind === 'state') {
        try { JSON.parse(q.get('agent')); } catch (e) { lrs.problems.push('agent parameter is not JSON'); }
      }
      if (method === 'GET') {
        if (kind === 'profile' && lrs.profileStatus) return response(lrs.profileStatus, 'no');
        return lrs.documents.has(k) ? response(200, lrs.documents.get(k)) : response(404, 'no document');
      }
      if (method === 'PUT') {
        if (q.get('stateId') === 'LMS.LaunchData') lrs.problems.push('the AU wrote LMS.LaunchData');
        lrs.documents.set(k, init.body);
        return response(204);
      }
    }
    return response(400, 'unexpected ' + method + ' ' + resource);
  };
  return lrs;
}

/** A boot config with the compiler's `xapi` block and an `iri` on every element. */
function xapiConfig(opts = {}) {
  const config = makeConfig(Object.assign({ pages: 4, questions: 5 }, opts));
  const iri = 'https://www.ai.se/xapi/courses/c';
  config.target = opts.target || 'xapi';
  config.course.title = 'Kursen';
  config.xapi = { courseIri: iri, extensions: { group: 'https://www.ai.se/xapi/courses/extensions/group' },
    moveOn: 'CompletedAndPassed', masteryScore: 0.75 };
  config.pages.forEach((p) => { p.iri = iri + '/pages/' + p.id; });
  for (const [id, qz] of Object.entries(config.quizzes)) {
    qz.iri = iri + '/quizzes/' + id;
    qz.questions.forEach((q) => { q.iri = qz.iri + '/' + q.id; });
  }
  for (const [id, sv] of Object.entries(config.surveys)) {
    sv.iri = iri + '/surveys/' + id;
    sv.items.forEach((it) => { it.iri = sv.iri + '/' + it.id; });
  }
  for (const kind of ['reflections', 'groups']) {
    for (const [id, el] of Object.entries(config[kind])) el.iri = iri + '/' + kind + '/' + id;
  }
  config.privacy = Object.assign({ freeText: 'send', group: 'send', identity: 'launch' }, opts.privacy || {});
  return config;
}

/** A runtime context (one page load) of `adapter` launched with `params`. */
function open(adapter, lrs, params, { storage = fakeStorage(), session = fakeStorage(), config } = {}) {
  const search = '?' + new URLSearchParams(params).toString();
  const location = { search, href: 'https://course.example.org/index.html' + search };
  // no AbortController: its 30 s request timeout would keep node's event loop alive
  const AC = load({ adapter, storage, win: { fetch: lrs.fetch, location, crypto: webcrypto, URLSearchParams,
    sessionStorage: session } });
  AC.xapi.wait = [5, 10, 20, 40];
  const tracker = AC.adapters[adapter](config);
  return { AC, tracker, location, storage, session };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { ENDPOINT, FETCH, UUID, STAMP, DURATION, fakeLrs, checkStatement, xapiConfig, open, sleep };
