/*
 * recall SCO runtime: shows the cards of course.js one at a time and reports to the LMS.
 *
 * - Finds the LMS API (SCORM 1.2 "API", SCORM 2004 "API_1484_11") by walking parent frames,
 *   then the opener chain, a bounded number of steps; without one it runs as a preview.
 * - Initialize once; on resume reads the bookmark and the compact progress (suspend_data).
 * - After each answer: one interaction, progress saved, Commit.
 * - Cards answered wrongly come back a few cards later, until answered correctly.
 * - At the end: score, status (per the package's status option), session time, exit,
 *   Terminate once. The manifest holds a pass mark only with "passed-failed", so a runtime
 *   that derives the status from the score (1.2 mastery score, 2004 scaled passing score)
 *   records what the course reports in every mode. Closing the window mid-way suspends the attempt (pagehide/beforeunload).
 *
 * - Each card's choices are shuffled per learner, the same order at every launch: the seed
 *   is a hash of the LMS's learner id (1.2 cmi.core.student_id, 2004 cmi.learner_id), the
 *   deck and the card id. True-false cards keep their order. Interactions record the
 *   choice's key, never its position.
 *
 * Card texts are only ever rendered with textContent. No learner data leaves the LMS API;
 * the learner id is only hashed, never stored or shown.
 */
(function () {
  "use strict";

  var MAX_FRAME_STEPS = 10; // parents walked per window
  var MAX_OPENER_STEPS = 5; // openers followed
  var COME_BACK_AFTER = 3; // a wrongly answered card returns after this many other cards
  var STATE_VERSION = "R1";
  var PACK = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  // Card progress: 0 not seen, 1 right at first try, 2 wrong and due again, 3 wrong then right.
  var UNSEEN = 0;
  var FIRST_TRY = 1;
  var PENDING = 2;
  var RELEARNED = 3;

  // --- finding and talking to the LMS ------------------------------------------------

  function apiIn(win, name) {
    var steps = 0;
    while (win && steps <= MAX_FRAME_STEPS) {
      try {
        if (win[name]) {
          return win[name];
        }
        if (!win.parent || win.parent === win) {
          return null;
        }
        win = win.parent;
      } catch (e) {
        return null; // a frame from another origin: stop here
      }
      steps += 1;
    }
    return null;
  }

  function findApi(name) {
    var api = apiIn(window, name);
    var win = window;
    var hops = 0;
    while (!api && hops < MAX_OPENER_STEPS) {
      var opener = null;
      try {
        opener = (win.top && win.top.opener) || win.opener;
      } catch (e) {
        opener = null;
      }
      if (!opener || opener === win) {
        break;
      }
      api = apiIn(opener, name);
      win = opener;
      hops += 1;
    }
    return api;
  }

  function Lms(standard) {
    this.v12 = standard === "1.2";
    this.api = findApi(this.v12 ? "API" : "API_1484_11");
    this.initialized = false;
    this.terminated = false;
    this.errors = [];
  }

  Lms.prototype.fail = function (what) {
    var code = "?";
    try {
      code = String(this.v12 ? this.api.LMSGetLastError() : this.api.GetLastError());
    } catch (e) {
      code = "exception";
    }
    this.errors.push(what + ": " + code);
    if (window.console) {
      window.console.error("recall SCO: " + what + " failed (LMS error " + code + ")");
    }
    return code;
  };

  Lms.prototype.initialize = function () {
    if (!this.api || this.initialized) {
      return false;
    }
    this.initialized = true; // never call Initialize twice, even if it failed
    var ok = this.v12 ? this.api.LMSInitialize("") : this.api.Initialize("");
    if (String(ok) !== "true") {
      this.fail("Initialize");
      this.api = null;
      return false;
    }
    return true;
  };

  Lms.prototype.live = function () {
    return Boolean(this.api && this.initialized && !this.terminated);
  };

  Lms.prototype.get = function (key) {
    if (!this.live()) {
      return "";
    }
    var value = this.v12 ? this.api.LMSGetValue(key) : this.api.GetValue(key);
    return value === null || value === undefined ? "" : String(value);
  };

  Lms.prototype.set = function (key, value) {
    if (!this.live()) {
      return false;
    }
    var ok = this.v12 ? this.api.LMSSetValue(key, String(value)) : this.api.SetValue(key, String(value));
    if (String(ok) !== "true") {
      this.fail("SetValue " + key);
      return false;
    }
    return true;
  };

  Lms.prototype.commit = function () {
    if (!this.live()) {
      return false;
    }
    var ok = this.v12 ? this.api.LMSCommit("") : this.api.Commit("");
    if (String(ok) !== "true") {
      this.fail("Commit");
      return false;
    }
    return true;
  };

  Lms.prototype.terminate = function () {
    if (!this.live()) {
      return false;
    }
    this.terminated = true; // never call Terminate twice
    var ok = this.v12 ? this.api.LMSFinish("") : this.api.Terminate("");
    if (String(ok) !== "true") {
      this.fail("Terminate");
      return false;
    }
    return true;
  };

  // --- formats -------------------------------------------------------------------------

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) {
      s = "0" + s;
    }
    return s;
  }

  function timespan12(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = Math.floor((cs % 6000) / 100);
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  function timespan2004(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = (cs % 6000) / 100;
    return "PT" + h + "H" + m + "M" + s.toFixed(2).replace(/\.?0+$/, "") + "S";
  }

  function time12(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  function timestamp2004(date) {
    return (
      date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1, 2) + "-" + pad(date.getUTCDate(), 2) +
      "T" + pad(date.getUTCHours(), 2) + ":" + pad(date.getUTCMinutes(), 2) + ":" +
      pad(date.getUTCSeconds(), 2) + "." + pad(Math.floor(date.getUTCMilliseconds() / 10), 2) + "Z"
    );
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  // --- choice order: a small deterministic PRNG (no Math.imul: older LMS browsers) ----

  function mul32(a, b) {
    return ((((a >>> 16) * b) & 0xffff) * 65536 + (a & 0xffff) * b) | 0;
  }

  // FNV-1a over the UTF-16 code units: a 32-bit unsigned hash.
  function hash32(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = mul32(h, 0x01000193);
    }
    return h >>> 0;
  }

  // mulberry32: numbers in [0, 1) from a 32-bit seed.
  function prng(seed) {
    var a = seed | 0;
    return function () {
      a = (a + 0x6d2b79f5) | 0;
      var t = mul32(a ^ (a >>> 15), 1 | a);
      t = (t + mul32(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // The card's choices in this learner's order (Fisher-Yates), a new array.
  function choiceOrder(choices, seed) {
    var order = choices.slice();
    var random = prng(seed);
    for (var i = order.length - 1; i > 0; i -= 1) {
      var j = Math.floor(random() * (i + 1));
      var swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  // --- progress: compact suspend_data -------------------------------------------------
  // "R1.<course key>.<progress>": 2 bits per card, 3 cards per character (64 symbols), so
  // 200 cards take 67 characters and SCORM 1.2's 4,096 characters hold 12,000 cards.

  function encodeProgress(key, progress) {
    var out = "";
    for (var i = 0; i < progress.length; i += 3) {
      var v = (progress[i] || 0) + 4 * (progress[i + 1] || 0) + 16 * (progress[i + 2] || 0);
      out += PACK.charAt(v);
    }
    return STATE_VERSION + "." + key + "." + out;
  }

  function decodeProgress(text, key, count) {
    var parts = String(text || "").split(".");
    if (parts.length !== 3 || parts[0] !== STATE_VERSION || parts[1] !== key) {
      return null;
    }
    if (parts[2].length !== Math.ceil(count / 3)) {
      return null;
    }
    var progress = [];
    for (var i = 0; i < count; i += 1) {
      var v = PACK.indexOf(parts[2].charAt(Math.floor(i / 3)));
      if (v < 0) {
        return null;
      }
      progress.push(Math.floor(v / Math.pow(4, i % 3)) % 4);
    }
    return progress;
  }

  // The order of what is left: unseen cards in deck order, with cards still to relearn
  // spread among them; the bookmarked card first.
  function rebuildQueue(progress, firstIndex) {
    var unseen = [];
    var pending = [];
    for (var i = 0; i < progress.length; i += 1) {
      if (progress[i] === UNSEEN) {
        unseen.push(i);
      } else if (progress[i] === PENDING) {
        pending.push(i);
      }
    }
    var queue = unseen.slice();
    for (var k = 0; k < pending.length; k += 1) {
      queue.splice(Math.min((k + 1) * COME_BACK_AFTER, queue.length), 0, pending[k]);
    }
    var at = queue.indexOf(firstIndex);
    if (at > 0) {
      queue.splice(at, 1);
      queue.unshift(firstIndex);
    }
    return queue;
  }

  function isFinished(progress) {
    for (var i = 0; i < progress.length; i += 1) {
      if (progress[i] === UNSEEN || progress[i] === PENDING) {
        return false;
      }
    }
    return true;
  }

  function scoreOf(progress) {
    var first = 0;
    for (var i = 0; i < progress.length; i += 1) {
      if (progress[i] === FIRST_TRY) {
        first += 1;
      }
    }
    var raw = progress.length ? Math.round((10000 * first) / progress.length) / 100 : 0;
    return { raw: raw, first: first };
  }

  // --- the session -------------------------------------------------------------------

  function Session(course, doc) {
    this.course = course;
    this.doc = doc;
    this.text = course.ui; // labels from recall's catalogue, in the course's language
    this.lms = new Lms(course.standard);
    this.v12 = course.standard === "1.2";
    this.cards = course.cards;
    this.index = {};
    for (var i = 0; i < this.cards.length; i += 1) {
      this.index[this.cards[i].id] = i;
    }
    this.progress = [];
    this.queue = [];
    this.current = null;
    this.shownAt = 0;
    this.startedAt = new Date().getTime();
    this.interactions = 0;
    this.finalized = false;
    this.learnerSeed = "";
  }

  // The choices of a card as this learner sees them.
  Session.prototype.choicesOf = function (card) {
    if (!card.shuffle) {
      return card.choices;
    }
    var seed = hash32(this.learnerSeed + "\u0000" + this.course.deck + "\u0000" + card.id);
    return choiceOrder(card.choices, seed);
  };

  Session.prototype.key = function (k12, k2004) {
    return this.v12 ? k12 : k2004;
  };

  Session.prototype.start = function () {
    var live = this.lms.initialize();
    var resumed = false;
    var progress = null;
    var bookmark = "";
    if (live) {
      // Only a hash of the learner id is kept: it seeds the choice order.
      this.learnerSeed = String(hash32(this.lms.get(this.key("cmi.core.student_id", "cmi.learner_id"))));
      var entry = this.lms.get(this.key("cmi.core.entry", "cmi.entry"));
      if (this.v12 || entry === "resume") {
        progress = decodeProgress(this.lms.get("cmi.suspend_data"), this.course.key, this.cards.length);
        if (progress) {
          bookmark = this.lms.get(this.key("cmi.core.lesson_location", "cmi.location"));
        }
      }
      this.interactions = parseInt(this.lms.get("cmi.interactions._count"), 10) || 0;
      var status = this.v12 ? this.lms.get("cmi.core.lesson_status") : this.lms.get("cmi.completion_status");
      if (status === "not attempted" || status === "unknown" || status === "") {
        this.lms.set(this.key("cmi.core.lesson_status", "cmi.completion_status"), "incomplete");
      }
      if (!this.v12) {
        this.lms.set("cmi.score.min", "0");
        this.lms.set("cmi.score.max", "100");
      }
      this.lms.commit();
    }
    if (progress) {
      resumed = true;
      this.progress = progress;
    } else {
      this.progress = [];
      for (var i = 0; i < this.cards.length; i += 1) {
        this.progress.push(UNSEEN);
      }
    }
    this.queue = rebuildQueue(this.progress, this.index.hasOwnProperty(bookmark) ? this.index[bookmark] : -1);
    this.renderFrame(live, resumed);
    if (isFinished(this.progress)) {
      this.finalized = true; // a finished attempt: leaving changes nothing
      this.showResults(true);
    } else {
      this.showCard();
    }
  };

  Session.prototype.el = function (tag, className, text) {
    var node = this.doc.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  };

  Session.prototype.renderFrame = function (live, resumed) {
    var doc = this.doc;
    doc.documentElement.lang = this.course.lang;
    doc.title = this.course.title;
    var app = doc.getElementById("app");
    app.textContent = "";
    var header = this.el("header", "top");
    header.appendChild(this.el("h1", "title", this.course.title));
    this.progressNode = this.el("p", "progress");
    this.progressNode.setAttribute("aria-live", "polite");
    header.appendChild(this.progressNode);
    var bar = this.el("div", "bar");
    this.barFill = this.el("div", "bar-fill");
    bar.appendChild(this.barFill);
    header.appendChild(bar);
    app.appendChild(header);
    if (!live) {
      var banner = this.el("p", "notice preview", this.text.preview);
      banner.id = "preview";
      app.appendChild(banner);
    } else if (resumed) {
      app.appendChild(this.el("p", "notice resumed", this.text.resumed));
    }
    this.errorNode = this.el("p", "notice error");
    this.errorNode.hidden = true;
    app.appendChild(this.errorNode);
    this.main = this.el("main", "card");
    app.appendChild(this.main);
  };

  Session.prototype.updateProgress = function () {
    var done = 0;
    for (var i = 0; i < this.progress.length; i += 1) {
      if (this.progress[i] === FIRST_TRY || this.progress[i] === RELEARNED) {
        done += 1;
      }
    }
    this.progressNode.textContent = fill(this.text.progress, { done: done, total: this.cards.length });
    this.barFill.style.width = (this.cards.length ? (100 * done) / this.cards.length : 100) + "%";
    if (this.lms.errors.length) {
      this.errorNode.hidden = false;
      this.errorNode.textContent = fill(this.text.lmsError, { code: this.lms.errors[this.lms.errors.length - 1] });
    }
  };

  Session.prototype.showCard = function () {
    var self = this;
    this.updateProgress();
    this.current = this.queue[0];
    var card = this.cards[this.current];
    this.main.textContent = "";
    this.main.setAttribute("data-card", card.id);
    var prompt = this.el("p", "prompt", card.prompt);
    prompt.id = "prompt";
    this.main.appendChild(prompt);
    var list = this.el("div", "choices");
    list.setAttribute("role", "group");
    list.setAttribute("aria-label", this.text.choices);
    this.choiceButtons = [];
    var choices = this.choicesOf(card);
    for (var i = 0; i < choices.length; i += 1) {
      var button = this.el("button", "choice", choices[i].text);
      button.type = "button";
      button.setAttribute("data-key", choices[i].key);
      button.addEventListener("click", (function (key) {
        return function () {
          self.answer(key);
        };
      })(choices[i].key));
      list.appendChild(button);
      this.choiceButtons.push(button);
    }
    this.main.appendChild(list);
    this.shownAt = new Date().getTime();
    if (this.lms.live()) {
      this.lms.set(this.key("cmi.core.lesson_location", "cmi.location"), card.id);
    }
    if (this.choiceButtons.length) {
      this.choiceButtons[0].focus();
    }
  };

  Session.prototype.answer = function (key) {
    if (this.current === null) {
      return;
    }
    var index = this.current;
    var card = this.cards[index];
    this.current = null;
    var now = new Date();
    var correct = key === card.answer;
    var before = this.progress[index];
    if (before === UNSEEN) {
      this.progress[index] = correct ? FIRST_TRY : PENDING;
    } else if (correct) {
      this.progress[index] = RELEARNED;
    }
    this.queue.shift();
    if (!correct) {
      this.queue.splice(Math.min(COME_BACK_AFTER, this.queue.length), 0, index);
    }
    this.record(card, key, correct, now);
    var finished = this.queue.length === 0;
    if (finished) {
      this.finalize();
    } else {
      this.save(this.cards[this.queue[0]].id);
    }
    this.showFeedback(card, key, correct, finished);
  };

  Session.prototype.record = function (card, key, correct, now) {
    if (!this.lms.live()) {
      return;
    }
    var n = "cmi.interactions." + this.interactions + ".";
    this.interactions += 1;
    var response = key;
    var pattern = card.answer;
    if (this.v12) {
      response = card.r12[key];
      pattern = card.r12[card.answer];
    }
    var latency = now.getTime() - this.shownAt;
    this.lms.set(n + "id", card.id);
    this.lms.set(n + "type", "choice");
    if (!this.v12) {
      this.lms.set(n + "description", card.description);
    }
    this.lms.set(n + "correct_responses.0.pattern", pattern);
    this.lms.set(n + this.key("student_response", "learner_response"), response);
    this.lms.set(n + "result", correct ? "correct" : this.key("wrong", "incorrect"));
    this.lms.set(n + "weighting", "1");
    this.lms.set(n + "latency", this.v12 ? timespan12(latency) : timespan2004(latency));
    this.lms.set(n + this.key("time", "timestamp"), this.v12 ? time12(now) : timestamp2004(now));
  };

  Session.prototype.sessionTime = function () {
    var ms = new Date().getTime() - this.startedAt;
    return this.v12 ? timespan12(ms) : timespan2004(ms);
  };

  // Progress so far, for a later resume; the attempt stays open.
  Session.prototype.save = function (bookmark) {
    if (!this.lms.live()) {
      return;
    }
    this.lms.set("cmi.suspend_data", encodeProgress(this.course.key, this.progress));
    this.lms.set(this.key("cmi.core.lesson_location", "cmi.location"), bookmark);
    if (!this.v12) {
      var done = 0;
      for (var i = 0; i < this.progress.length; i += 1) {
        done += this.progress[i] === FIRST_TRY || this.progress[i] === RELEARNED ? 1 : 0;
      }
      this.lms.set("cmi.progress_measure", String(Math.round((1000 * done) / this.progress.length) / 1000));
    }
    this.lms.commit();
  };

  // The attempt is over: score, status, exit normal.
  Session.prototype.finalize = function () {
    if (this.finalized) {
      return;
    }
    this.finalized = true;
    var score = scoreOf(this.progress);
    this.score = score;
    var passed = score.raw >= this.course.passingScore;
    this.passed = passed;
    if (!this.lms.live()) {
      return;
    }
    var mode = this.course.status;
    this.lms.set("cmi.suspend_data", encodeProgress(this.course.key, this.progress));
    if (this.v12) {
      this.lms.set("cmi.core.score.min", "0");
      this.lms.set("cmi.core.score.max", "100");
      this.lms.set("cmi.core.score.raw", String(score.raw));
      var status = "completed";
      if (mode === "passed-failed") {
        status = passed ? "passed" : "failed";
      } else if (mode === "passed-incomplete") {
        status = passed ? "passed" : "incomplete";
      }
      this.lms.set("cmi.core.lesson_status", status);
      this.lms.set("cmi.core.exit", "");
      this.lms.set("cmi.core.session_time", this.sessionTime());
    } else {
      this.lms.set("cmi.score.min", "0");
      this.lms.set("cmi.score.max", "100");
      this.lms.set("cmi.score.raw", String(score.raw));
      this.lms.set("cmi.score.scaled", String(Math.round(score.raw * 100) / 10000));
      if (mode === "passed-incomplete" && !passed) {
        // Not completed: progress is how far the score got towards the mark (below 1, as
        // RTE 4.2.18 asks of an incomplete attempt).
        var toward = Math.floor((1000 * score.raw) / this.course.passingScore) / 1000;
        this.lms.set("cmi.progress_measure", String(Math.min(toward, 0.999)));
        this.lms.set("cmi.completion_status", "incomplete");
        this.lms.set("cmi.success_status", "unknown");
      } else {
        this.lms.set("cmi.progress_measure", "1");
        this.lms.set("cmi.completion_status", "completed");
        if (mode !== "completed") {
          this.lms.set("cmi.success_status", passed ? "passed" : "failed");
        }
      }
      this.lms.set("cmi.exit", "normal");
      this.lms.set("cmi.session_time", this.sessionTime());
    }
    this.lms.commit();
  };

  // Leaving before the end: keep the attempt open for a resume.
  Session.prototype.suspend = function () {
    if (!this.lms.live()) {
      return;
    }
    if (this.finalized) {
      this.lms.terminate();
      return;
    }
    var next = this.current !== null ? this.current : this.queue.length ? this.queue[0] : null;
    this.lms.set("cmi.suspend_data", encodeProgress(this.course.key, this.progress));
    if (next !== null) {
      this.lms.set(this.key("cmi.core.lesson_location", "cmi.location"), this.cards[next].id);
    }
    this.lms.set(this.key("cmi.core.exit", "cmi.exit"), "suspend");
    this.lms.set(this.key("cmi.core.session_time", "cmi.session_time"), this.sessionTime());
    this.lms.commit();
    this.lms.terminate();
  };

  Session.prototype.showFeedback = function (card, key, correct, finished) {
    var self = this;
    for (var i = 0; i < this.choiceButtons.length; i += 1) {
      var button = this.choiceButtons[i];
      var k = button.getAttribute("data-key");
      button.disabled = true;
      if (k === card.answer) {
        button.className += " is-answer";
      } else if (k === key) {
        button.className += " is-wrong";
      }
    }
    var box = this.el("section", "feedback " + (correct ? "ok" : "ng"));
    box.id = "feedback";
    box.setAttribute("role", "status");
    box.appendChild(this.el("p", "verdict", correct ? this.text.correct : this.text.wrong));
    if (!correct) {
      var right = "";
      for (var j = 0; j < card.choices.length; j += 1) {
        if (card.choices[j].key === card.answer) {
          right = card.choices[j].text;
        }
      }
      box.appendChild(this.el("p", "right-answer", this.text.answer + right));
    }
    box.appendChild(this.el("p", "explanation", card.explanation));
    if (!correct) {
      box.appendChild(this.el("p", "come-back", this.text.comeBack));
    }
    var next = this.el("button", "next", finished ? this.text.results : this.text.next);
    next.type = "button";
    next.id = "next";
    next.addEventListener("click", function () {
      if (finished) {
        self.showResults(false);
      } else {
        self.showCard();
      }
    });
    box.appendChild(next);
    this.main.appendChild(box);
    this.updateProgress();
    next.focus();
  };

  Session.prototype.showResults = function (alreadyDone) {
    var self = this;
    var score = scoreOf(this.progress);
    var passed = score.raw >= this.course.passingScore;
    this.updateProgress();
    if (!alreadyDone) {
      this.lms.terminate();
    }
    this.main.textContent = "";
    this.main.removeAttribute("data-card");
    var box = this.el("section", "results");
    box.id = "results";
    box.appendChild(this.el("h2", "", this.text.doneTitle));
    box.appendChild(this.el("p", "score", fill(this.text.score, {
      score: score.raw, first: score.first, total: this.cards.length
    })));
    var verdict = this.text.completed;
    if (this.course.status !== "completed") {
      verdict = passed ? this.text.passed : this.text.failed;
    }
    box.appendChild(this.el("p", "verdict", fill(verdict, { pass: this.course.passingScore })));
    if (alreadyDone) {
      var again = this.el("button", "next", this.text.again);
      again.type = "button";
      again.id = "again";
      again.addEventListener("click", function () {
        for (var i = 0; i < self.progress.length; i += 1) {
          self.progress[i] = UNSEEN;
        }
        self.finalized = false;
        self.queue = rebuildQueue(self.progress, -1);
        self.showCard();
      });
      box.appendChild(again);
    } else {
      box.appendChild(this.el("p", "close", this.text.close));
    }
    this.main.appendChild(box);
  };

  // --- start ---------------------------------------------------------------------------

  function boot() {
    var course = window.RECALL_COURSE;
    if (!course || !course.cards) {
      return;
    }
    var session = new Session(course, document);
    window.recallSession = session; // for debugging and tests; holds no learner identity
    var left = false;
    function leave() {
      if (!left) {
        left = true;
        session.suspend();
      }
    }
    window.addEventListener("pagehide", leave);
    window.addEventListener("beforeunload", leave);
    session.start();
  }

  window.recallScorm = {
    encodeProgress: encodeProgress,
    decodeProgress: decodeProgress,
    rebuildQueue: rebuildQueue,
    timespan12: timespan12,
    timespan2004: timespan2004,
    timestamp2004: timestamp2004,
    hash32: hash32,
    choiceOrder: choiceOrder
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
