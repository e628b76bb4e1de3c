'use strict';
// Fake SCORM 1.2 and 2004 APIs that apply Moodle/Totara's stricter rules (standards.md, tables
// 2.4 and 3.4) to every call and collect each violation in `problems`. Interaction indexes are
// refused as Moodle 4.5.6 refuses them (docs/lms-moodle.md 3.1, 3.2): N > _count is error 201
// (1.2) / 351 (2004); in 2004 a field other than the id of a not-yet-created N, and a response
// before the type, are 408. An existing index may be written again (slots, docs/runtime.md).
const HMS = /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const ISO = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2}(Z|[+-]\d{2}(:\d{2})?)?)?$/;
const DECIMAL = /^-?\d{1,5}(\.\d+)?$/;
const RID = /^[A-Za-z0-9_.]{1,250}$/;

function base(version, initial) {
  const committed = Object.assign({}, initial);
  const lms = { version, data: Object.assign({}, committed), committed, calls: [], problems: [],
    failCommit: false, phase: 'new', err: '0', interactionFields: {} };
  lms.problem = (msg) => lms.problems.push(msg);
  lms.count = () => Number(lms.data['cmi.interactions._count'] || 0);
  lms.active = (call) => {
    lms.calls.push(call);
    if (lms.phase !== 'running') { lms.problem(call[0] + ' while ' + lms.phase); lms.err = '101'; return false; }
    return true;
  };
  /** An error code when the LMS refuses the write, else null (the write is then made). */
  lms.checkInteraction = (name, value, fields) => {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(name);
    if (!m) return null;
    const n = Number(m[1]);
    const is2004 = lms.version === '2004';
    const created = n < lms.count();
    const seen = lms.interactionFields[n] || (lms.interactionFields[n] = []);
    if (n > lms.count()) { lms.problem('interaction index gap ' + name); return is2004 ? '351' : '201'; }
    if (!created && m[2] !== 'id') {
      lms.problem('interaction ' + n + ': ' + m[2] + ' before id');
      if (is2004) return '408';
    }
    if (/response|pattern/.test(m[2]) && lms.data['cmi.interactions.' + n + '.type'] == null) {
      lms.problem('response before type ' + name);
      if (is2004) return '408';
    }
    seen.push(m[2]);
    if (!created) lms.data['cmi.interactions._count'] = String(n + 1);
    const check = fields[m[2].replace(/\d+/, 'n')];
    if (!check) lms.problem('unexpected interaction field ' + name);
    else if (!check(value, n)) lms.problem('bad value ' + name + '=' + value);
    return null;
  };
  /** {index: {field: value}} of the interactions written (or given) so far. */
  lms.interactions = (data = lms.data) => {
    const out = {};
    for (const [k, v] of Object.entries(data)) {
      const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(k);
      if (m) (out[m[1]] = out[m[1]] || {})[m[2]] = v;
    }
    return out;
  };
  return lms;
}

function scorm12(initial = {}) {
  const lms = base('1.2', Object.assign({ 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio',
    'cmi.core.lesson_mode': 'normal', 'cmi.core.credit': 'credit', 'cmi.suspend_data': '',
    'cmi.core.lesson_location': '', 'cmi.interactions._count': '0', 'cmi.student_data.mastery_score': '' }, initial));
  const writeOnly = /^cmi\.(core\.(exit|session_time)|interactions\.\d+\.)/;
  const fields = {
    id: (v) => /^[A-Za-z0-9_-]{1,255}$/.test(v),
    type: (v) => ['true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric'].includes(v),
    time: (v) => /^\d{2}:\d{2}:\d{2}$/.test(v),
    student_response: (v) => v.length <= 255,
    result: (v) => ['correct', 'wrong', 'unanticipated', 'neutral'].includes(v) || DECIMAL.test(v),
    weighting: (v) => DECIMAL.test(v),
    latency: (v) => HMS.test(v),
    'correct_responses.n.pattern': (v) => v.length <= 255,
  };
  const rules = {
    'cmi.core.lesson_status': (v) => ['passed', 'completed', 'failed', 'incomplete'].includes(v),
    'cmi.suspend_data': (v) => v.length <= 4096,
    'cmi.core.lesson_location': (v) => v.length <= 255,
    'cmi.core.score.raw': (v) => /^\d{1,3}(\.\d+)?$/.test(v) && Number(v) <= 100,
    'cmi.core.score.min': (v) => v === '0',
    'cmi.core.score.max': (v) => v === '100',
    'cmi.core.exit': (v) => ['', 'suspend', 'time-out', 'logout'].includes(v),
    'cmi.core.session_time': (v) => HMS.test(v),
  };
  lms.api = {
    LMSInitialize(arg) {
      lms.calls.push(['LMSInitialize', arg]);
      if (lms.phase !== 'new') { lms.problem('LMSInitialize twice'); return 'false'; }
      lms.phase = 'running'; return 'true';
    },
    LMSGetValue(name) {
      if (!lms.active(['get', name])) return '';
      if (writeOnly.test(name)) { lms.problem('read of write-only ' + name); lms.err = '404'; return ''; }
      lms.err = '0'; return lms.data[name] == null ? '' : lms.data[name];
    },
    LMSSetValue(name, value) {
      if (!lms.active(['set', name, value])) return 'false';
      if (typeof value !== 'string') lms.problem('non-string value for ' + name);
      if (name.startsWith('cmi.interactions.')) {
        const code = lms.checkInteraction(name, value, fields);
        if (code) { lms.err = code; return 'false'; }
      } else if (!rules[name]) lms.problem('unexpected element ' + name);
      else if (!rules[name](value)) { lms.problem('bad value ' + name + '=' + value); lms.err = '405'; return 'false'; }
      lms.data[name] = value; lms.err = '0'; return 'true';
    },
    LMSCommit() {
      if (!lms.active(['commit'])) return 'false';
      if (lms.failCommit) { lms.err = '101'; return 'false'; }
      Object.assign(lms.committed, lms.data); lms.err = '0'; return 'true';
    },
    LMSFinish() {
      if (!lms.active(['finish'])) return 'false';
      if (!lms.failCommit) Object.assign(lms.committed, lms.data);  // the network may be down
      lms.phase = 'finished'; return 'true';
    },
    LMSGetLastError() { return lms.err; },
    LMSGetErrorString() { return ''; },
    LMSGetDiagnostic() { return ''; },
  };
  return lms;
}

function scorm2004(initial = {}) {
  const lms = base('2004', Object.assign({ 'cmi.completion_status': 'unknown', 'cmi.success_status': 'unknown',
    'cmi.entry': 'ab-initio', 'cmi.mode': 'normal', 'cmi.credit': 'credit', 'cmi.location': '',
    'cmi.suspend_data': '', 'cmi.interactions._count': '0', 'cmi.scaled_passing_score': '',
    'cmi.completion_threshold': '' }, initial));
  const ids = (v) => v.split(/\[[,.]\]/).every((x) => RID.test(x));
  const fields = {
    id: (v) => /^\S{1,4000}$/.test(v),
    type: (v) => ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'].includes(v),
    timestamp: (v) => STAMP.test(v) && Number(v.slice(0, 4)) <= 2038,
    description: (v) => v.replace(/^\{lang=[a-z-]+\}/i, '').length <= 250,
    learner_response: (v, n) => (/choice|sequencing|matching|likert/.test(lms.data['cmi.interactions.' + n + '.type']) ? ids(v) : v.length <= 4000),
    'correct_responses.n.pattern': (v, n) => (/choice|sequencing|matching|likert/.test(lms.data['cmi.interactions.' + n + '.type']) ? ids(v) : true),
    result: (v) => ['correct', 'incorrect', 'unanticipated', 'neutral'].includes(v) || DECIMAL.test(v),
    weighting: (v) => DECIMAL.test(v),
    latency: (v) => ISO.test(v),
  };
  const rules = {
    'cmi.completion_status': (v) => ['completed', 'incomplete'].includes(v),
    'cmi.success_status': (v) => ['passed', 'failed', 'unknown'].includes(v),
    'cmi.suspend_data': (v) => v.length <= 64000,
    'cmi.location': (v) => v.length <= 1000,
    'cmi.progress_measure': (v) => /^[01](\.\d{1,7})?$/.test(v) && Number(v) <= 1,
    'cmi.score.scaled': (v) => /^-?[01](\.\d{1,7})?$/.test(v) && Math.abs(Number(v)) <= 1,
    'cmi.score.raw': (v) => DECIMAL.test(v) && Number(v) >= 0 && Number(v) <= 100,
    'cmi.score.min': (v) => v === '0',
    'cmi.score.max': (v) => v === '100',
    'cmi.exit': (v) => ['suspend', 'normal'].includes(v),
    'cmi.session_time': (v) => ISO.test(v),
  };
  lms.api = {
    Initialize(arg) {
      lms.calls.push(['Initialize', arg]);
      if (lms.phase !== 'new') { lms.problem('Initialize twice'); lms.err = '103'; return 'false'; }
      lms.phase = 'running'; return 'true';
    },
    GetValue(name) {
      if (!lms.active(['get', name])) return '';
      if (/^cmi\.(exit|session_time)$/.test(name)) { lms.problem('read of write-only ' + name); lms.err = '405'; return ''; }
      if (lms.data[name] === '' && name === 'cmi.suspend_data') { lms.err = '403'; return ''; }
      lms.err = '0'; return lms.data[name] == null ? '' : lms.data[name];
    },
    SetValue(name, value) {
      if (!lms.active(['set', name, value])) return 'false';
      if (typeof value !== 'string') lms.problem('non-string value for ' + name);
      if (name.startsWith('cmi.interactions.')) {
        const code = lms.checkInteraction(name, value, fields);
        if (code) { lms.err = code; return 'false'; }
      } else if (!rules[name]) lms.problem('unexpected element ' + name);
      else if (!rules[name](value)) { lms.problem('bad value ' + name + '=' + value); lms.err = '406'; return 'false'; }
      lms.data[name] = value; lms.err = '0'; return 'true';
    },
    Commit() {
      if (!lms.active(['commit'])) return 'false';
      if (lms.failCommit) { lms.err = '391'; return 'false'; }
      Object.assign(lms.committed, lms.data); lms.err = '0'; return 'true';
    },
    Terminate() {
      if (!lms.active(['terminate'])) return 'false';
      if (!lms.failCommit) Object.assign(lms.committed, lms.data);
      lms.phase = 'terminated'; return 'true';
    },
    GetLastError() { return lms.err; },
    GetErrorString() { return ''; },
    GetDiagnostic() { return ''; },
  };
  return lms;
}

module.exports = { scorm12, scorm2004 };
