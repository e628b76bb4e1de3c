/*
 * The LMS side of the browser tests: a stand-in for Totara's SCORM player.
 *
 * hostLaunch(cfg) creates scorm-again's SCORM 1.2 `window.API` or SCORM 2004
 * `window.API_1484_11` with settings close to Moodle/Totara (no autocommit to a server, quiet
 * logging, the learner's id and name, the mastery score from the manifest, saved CMI data and
 * cmi.entry=resume on a relaunch) and opens the package's launch file in an iframe.
 *
 * The object the SCO finds is not scorm-again itself but a recorder around it: every call is
 * logged with its arguments, return value and the last error code, in window.lms.calls, for the
 * Python tests to check against Totara's rules (tests/e2e/scorm_rules.py).
 *
 * The recorder also plays the LMS server: a successful Commit or Finish stores a snapshot of the
 * CMI data in window.lms.committed, which is what a relaunch gets back. Commit failures can be
 * injected: lms.failCommits = N makes the next N commits return "false" with lms.failCode
 * (101 for 1.2, 391 for 2004) and keeps the snapshot unchanged, as an LMS whose server did not
 * answer would.
 */
(function () {
  "use strict";

  var METHODS = {
    scorm12: {
      names: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
              "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
      init: "LMSInitialize", finish: "LMSFinish", commit: "LMSCommit",
      queries: ["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
      lastError: "LMSGetLastError", global: "API", failCode: "101"
    },
    scorm2004: {
      names: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
              "GetLastError", "GetErrorString", "GetDiagnostic"],
      init: "Initialize", finish: "Terminate", commit: "Commit",
      queries: ["GetLastError", "GetErrorString", "GetDiagnostic"],
      lastError: "GetLastError", global: "API_1484_11", failCode: "391"
    }
  };

  var INJECTED_TEXT = {
    "101": "General exception (injected by the test: the LMS did not answer)",
    "391": "General commit failure (injected by the test: the LMS did not answer)"
  };

  var lms = {
    standard: null,
    calls: [],        // every API call, in order
    committed: null,  // flattened CMI as of the last successful Commit/Finish ("the server")
    commits: 0,       // successful commits (Finish included)
    failCommits: 0,   // the next N commits fail
    failCode: null,
    injectedError: null,
    real: null,       // scorm-again's API object
    events: [],       // iframe lifecycle events
    t0: performance.now()
  };
  window.lms = lms;

  function snapshot(real) {
    return JSON.parse(JSON.stringify(real.getFlattenedCMI()));
  }

  function record(m, name, args) {
    var real = lms.real;
    var entry = {
      seq: lms.calls.length,
      t: Math.round(performance.now() - lms.t0),
      method: name,
      args: Array.prototype.slice.call(args),
      ret: null,
      error: "0",
      injected: false
    };
    lms.calls.push(entry);
    var isQuery = m.queries.indexOf(name) >= 0;
    if (isQuery && lms.injectedError !== null) {
      // the injected failure is the "last error" until the SCO makes another call
      entry.injected = true;
      if (name === m.lastError) {
        entry.ret = lms.injectedError;
      } else if (name === m.queries[1]) {
        entry.ret = INJECTED_TEXT[lms.injectedError] || "injected";
      } else {
        entry.ret = INJECTED_TEXT[lms.injectedError] || "injected";
      }
      entry.error = lms.injectedError;
      return entry.ret;
    }
    if (!isQuery) {
      lms.injectedError = null;
    }
    if (name === m.commit && lms.failCommits > 0) {
      lms.failCommits -= 1;
      lms.injectedError = lms.failCode || m.failCode;
      entry.ret = "false";
      entry.error = lms.injectedError;
      entry.injected = true;
      return "false";
    }
    var ret;
    try {
      ret = real[name].apply(real, args);
    } catch (e) {
      entry.ret = null;
      entry.error = "exception";
      entry.exception = String(e && e.stack || e);
      throw e;
    }
    entry.ret = ret === undefined ? null : String(ret);
    if (!isQuery) {
      entry.error = String(real[m.lastError]());
    } else {
      entry.error = "0";
    }
    if ((name === m.commit || name === m.finish) && String(ret) === "true") {
      lms.commits += 1;
      lms.committed = snapshot(real);
    }
    return ret;
  }

  function makeRecorder(m) {
    var api = {};
    m.names.forEach(function (name) {
      api[name] = function () {
        return record(m, name, arguments);
      };
    });
    return api;
  }

  /**
   * cfg = {
   *   standard: "scorm12" | "scorm2004",
   *   launch: "/pkg/vgr-scorm12/index.html",
   *   learner: {id: "...", name: "..."},
   *   mastery: "75" (1.2 adlcp:masteryscore) | "0.75" (2004 minNormalizedMeasure) | null,
   *   saved: {flattened CMI the LMS stored for this learner} | null   (relaunch)
   * }
   */
  window.hostLaunch = function (cfg) {
    var m = METHODS[cfg.standard];
    if (!m) throw new Error("unknown standard " + cfg.standard);
    lms.standard = cfg.standard;
    var settings = {
      autocommit: false,
      logLevel: 5,
      lmsCommitUrl: false,
      mastery_override: false,
      selfReportSessionTime: false
    };
    var real = cfg.standard === "scorm12" ? new window.Scorm12API(settings)
                                          : new window.Scorm2004API(settings);
    var data = {};
    var saved = cfg.saved || null;
    if (saved) {
      Object.keys(saved).forEach(function (k) { data[k] = saved[k]; });
    }
    if (cfg.standard === "scorm12") {
      data["cmi.core.student_id"] = cfg.learner.id;
      data["cmi.core.student_name"] = cfg.learner.name;
      data["cmi.core.lesson_mode"] = "normal";
      data["cmi.core.credit"] = "credit";
      if (cfg.mastery !== null && cfg.mastery !== undefined) {
        data["cmi.student_data.mastery_score"] = String(cfg.mastery);
      }
      if (!saved) {
        data["cmi.core.lesson_status"] = "not attempted";
        data["cmi.core.entry"] = "ab-initio";
      }
    } else {
      data["cmi.learner_id"] = cfg.learner.id;
      data["cmi.learner_name"] = cfg.learner.name;
      data["cmi.mode"] = "normal";
      data["cmi.credit"] = "credit";
      if (cfg.mastery !== null && cfg.mastery !== undefined) {
        data["cmi.scaled_passing_score"] = String(cfg.mastery);
      }
      if (!saved) {
        data["cmi.completion_status"] = "not attempted";
        data["cmi.success_status"] = "unknown";
        data["cmi.entry"] = "ab-initio";
      }
    }
    real.loadFromFlattenedJSON(data, "");
    lms.real = real;
    window[m.global] = makeRecorder(m);

    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.name = "sco";
    frame.title = "Course";
    frame.src = cfg.launch;
    frame.addEventListener("load", function () {
      lms.events.push({t: Math.round(performance.now() - lms.t0), event: "load"});
    });
    document.getElementById("player").appendChild(frame);
    return true;
  };

  /** The learner leaves: the player removes the SCO's iframe (pagehide/unload fire in it). */
  window.hostLeave = function () {
    var frame = document.getElementById("sco");
    if (frame) frame.remove();
    lms.events.push({t: Math.round(performance.now() - lms.t0), event: "left"});
    return true;
  };

  /** The current CMI data of scorm-again (what the SCO has set, committed or not). */
  window.hostCurrent = function () {
    return lms.real ? snapshot(lms.real) : null;
  };
})();
