/*
 * A minimal LMS for the browser tests: scorm-again provides window.API (SCORM 1.2) or
 * window.API_1484_11 (SCORM 2004); the SCO runs in the iframe below. Every API call is
 * recorded with the error code it left, and every scorm-again log message is kept.
 */
(function () {
  "use strict";

  var METHODS = {
    "1.2": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"],
    "2004": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"]
  };

  window.lms = { calls: [], events: {}, log: [], api: null, standard: null };

  // The runtime applies the standards' scoring rules strictly: in 1.2 the mastery score
  // turns a raw score into passed/failed (RTE 3.4.4, as Moodle's default "mastery score
  // overrides status"), whatever status the SCO set; in 2004 a scaled passing score decides
  // success_status and a completion threshold decides completion_status (RTE 4.2.22,
  // 4.2.4), which scorm-again always does for mode "normal" + credit "credit". The launch
  // data (mastery score, scaled passing score, credit, learner id) comes from the test,
  // read from the package's manifest as an LMS does at import.
  window.launch = function (standard, launchData, scoUrl, popup) {
    var settings = {
      autocommit: false,
      logLevel: 1,
      mastery_override: true,
      score_overrides_status: true,
      onLogMessage: function (level, message) {
        window.lms.log.push({ level: level, message: String(message) });
      }
    };
    var previous = launchData;
    var api = standard === "1.2" ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    if (previous) {
      api.loadFromJSON(previous, "");
    }
    var names = METHODS[standard];
    names.forEach(function (name) {
      window.lms.events[name] = 0;
      api.on(name, function () {
        window.lms.events[name] += 1;
      });
      var original = api[name].bind(api);
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = original.apply(null, args);
        window.lms.calls.push({ method: name, args: args, result: String(result), error: String(api.lastErrorCode) });
        return result;
      };
    });
    window.lms.api = api;
    window.lms.standard = standard;
    if (standard === "1.2") {
      window.API = api;
    } else {
      window.API_1484_11 = api;
    }
    if (popup) {
      window.open(scoUrl, "sco");
    } else {
      document.getElementById("sco").src = scoUrl;
    }
  };

  // The data an LMS would store at the end of the session.
  window.cmiJson = function () {
    var api = window.lms.api;
    return JSON.parse(api.renderCMIToJSONString(api.cmi, true));
  };

  // The learner closes the course window: the SCO's page is unloaded.
  window.closeSco = function () {
    document.getElementById("sco").src = "about:blank";
  };
})();
