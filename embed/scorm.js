/*! Microneedling quiz: SCORM 1.2 / SCORM 2004 (3rd edition) adapter. No dependencies.
 *
 *   <div id="quiz-root" data-bank="bank.json" data-bank-pass-mark="70">…</div>
 *   <script src="scorm.js" data-scorm="1.2"></script>      (or data-scorm="2004")
 *
 * A classic script that runs before the quiz mounts. It finds the LMS's API
 * object, starts the session, hands the quiz the LMS's pass mark
 * (data-pass-mark) and its saved progress from cmi.suspend_data
 * (data-progress="lms", data-resume; each change comes back as a
 * quiz:progress event), then turns the quiz's DOM events (quiz:started,
 * quiz:answered, quiz:completed) into interactions, score and status.
 * Without an LMS it does nothing: the quiz is then an ordinary page.
 * It never throws, and after LMSFinish/Terminate it never calls the API again.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var root = document.getElementById('quiz-root');
  if (!script || !root) return;
  var wanted = script.getAttribute('data-scorm');

  // The standard search: this window and its parents (bounded), then the
  // opener and its parents. Cross-origin frames throw on access: skip them.
  function search(win, name) {
    for (var i = 0; win && i < 500; i++) {
      try {
        var api = win[name];
        if (api && typeof api[name === 'API' ? 'LMSInitialize' : 'Initialize'] === 'function') return api;
      } catch (e) { /* another origin */ }
      var up = null;
      try { up = win.parent; } catch (e) { /* no parent */ }
      if (!up || up === win) break;
      win = up;
    }
    return null;
  }
  function find(name) {
    var api = search(window, name);
    try { if (!api && window.opener) api = search(window.opener, name); } catch (e) { /* closed */ }
    return api;
  }
  // data-scorm picks the version; without it, 2004 is preferred.
  var api = wanted === '1.2' ? null : find('API_1484_11');
  var v2004 = !!api;
  if (!api && wanted !== '2004') api = find('API');
  if (!api) {
    console.info('Quiz: no SCORM LMS found; progress is kept in this browser.');
    return;
  }

  var P = v2004 ? '' : 'LMS';
  var NAMES = { init: P + 'Initialize', finish: v2004 ? 'Terminate' : 'LMSFinish', get: P + 'GetValue',
    set: P + 'SetValue', commit: P + 'Commit', error: P + 'GetLastError', text: P + 'GetErrorString' };
  var LIMIT = v2004 ? 64000 : 4096; // cmi.suspend_data: CMIString4096 / characterstring SPM 64000
  var done = false; // true after LMSFinish/Terminate: no more calls

  // One API call; returns its result as a string, '' when it failed or threw.
  function call(op, args) {
    if (done) return '';
    var result, code = '0';
    try {
      result = String(api[NAMES[op]].apply(api, args));
      code = String(api[NAMES.error]());
    } catch (e) {
      console.warn('Quiz: SCORM ' + NAMES[op] + ' threw', e);
      return '';
    }
    if (code !== '0' && code !== '') {
      // A value the LMS never set (403 in 2004, 401 if unsupported) is not a problem.
      if (op !== 'get') {
        var why = '';
        try { why = String(api[NAMES.text](code)); } catch (e) { /* no text */ }
        console.warn('Quiz: SCORM ' + NAMES[op] + '(' + (args[0] || '') + ') failed: ' + code + ' ' + why);
      }
      return op === 'get' ? '' : 'false';
    }
    return result;
  }
  var get = function (el) { return call('get', [el]); };
  var set = function (el, value) { return call('set', [el, String(value)]) === 'true'; };
  var commit = function () { return call('commit', ['']); };
  function finish() { call('finish', ['']); done = true; }

  if (call('init', ['']) !== 'true') {
    console.warn('Quiz: the LMS refused to start the session; progress is kept in this browser.');
    return;
  }
  var started = Date.now();
  var entry = get(v2004 ? 'cmi.entry' : 'cmi.core.entry');
  var mode = get(v2004 ? 'cmi.mode' : 'cmi.core.lesson_mode') || 'normal';
  var status = get(v2004 ? 'cmi.completion_status' : 'cmi.core.lesson_status');
  var suspended = get('cmi.suspend_data');
  var count = parseInt(get('cmi.interactions._count'), 10) || 0;
  var record = mode === 'normal'; // browse and review record nothing
  if (record && v2004 && status !== 'completed') set('cmi.completion_status', 'incomplete');
  if (record && !v2004 && (status === 'not attempted' || !status)) set('cmi.core.lesson_status', 'incomplete');

  // The LMS's pass mark: mastery_score (0-100) or scaled_passing_score (-1..1).
  var live = false, passMark = null;
  var mastery = get(v2004 ? 'cmi.scaled_passing_score' : 'cmi.student_data.mastery_score');
  if (/\d/.test(mastery) && isFinite(Number(mastery))) {
    passMark = Math.round(Math.min(100, Math.max(0, Number(mastery) * (v2004 ? 100 : 1))));
    root.setAttribute('data-pass-mark', String(passMark));
    if (String(passMark) !== root.getAttribute('data-bank-pass-mark')) live = true;
  }

  // Progress through the LMS instead of localStorage.
  var kept = entry === 'resume' && suspended ? suspended : null;
  if (kept) live = true;
  if (live) document.documentElement.classList.add('quiz-boot-live');
  var unsaved = false, recentSave = false;
  // The quiz keeps its progress here instead of localStorage: it reads
  // data-resume when it mounts and sends each change as a quiz:progress event.
  root.setAttribute('data-progress', 'lms');
  if (kept) root.setAttribute('data-resume', kept);
  function save(text) {
    text = String(text);
    if (text.length > LIMIT) {
      console.warn('Quiz: progress (' + text.length + ' characters) is over the LMS limit of ' + LIMIT + '; not saved.');
      return;
    }
    kept = text;
    if (!record || done) return;
    set('cmi.suspend_data', text);
    recentSave = true;
    setTimeout(function () { recentSave = false; }, 0);
    if (unsaved) { unsaved = false; later(); } // the save for an answer already committed
  }
  root.addEventListener('quiz:progress', function (e) { save(e.detail); });

  // One commit for whatever was written in this turn of the event loop
  // (an answer's interaction and the quiz's save() of its progress).
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; if (!done) commit(); }, 0);
  }

  // Formats. 1.2: CMITimespan HHHH:MM:SS.SS, CMITime HH:MM:SS. 2004: ISO 8601.
  function pad(n, width) { n = String(n); while (n.length < width) n = '0' + n; return n; }
  function span(ms) {
    var cs = Math.min(Math.max(0, Math.round(ms / 10)), 3599999999); // under 10000 hours
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = cs % 6000;
    if (!v2004) return pad(h, 4) + ':' + pad(m, 2) + ':' + pad(Math.floor(s / 100), 2) + '.' + pad(s % 100, 2);
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + (s || !(h || m) ? s / 100 + 'S' : '');
  }
  function clock(d) {
    var time = pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2);
    return v2004 ? d.getFullYear() + '-' + pad(d.getMonth() + 1, 2) + '-' + pad(d.getDate(), 2) + 'T' + time : time;
  }
  function identifier(id) { return (String(id).replace(/[^A-Za-z0-9_-]/g, '_') || '_').slice(0, 250); }

  // The bank: each question's kind and choices (fetched once, only when recording).
  var bank = record ? fetch(root.getAttribute('data-bank') || 'bank.json', { credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; }) : Promise.resolve(null);
  var queue = bank; // events are recorded in order, once the bank is known
  function enqueue(fn) {
    queue = queue.then(function (b) { if (!done) { try { fn(b); } catch (e) { console.warn('Quiz: SCORM', e); } } return b; });
  }
  function question(b, id) {
    var qs = (b && b.questions) || [];
    for (var i = 0; i < qs.length; i++) if (qs[i].id === id) return qs[i];
    return null;
  }
  // Choice ids as responses: letters a–j by position in the bank, or t/f, true/false.
  function response(q, ids, trueFalse) {
    if (trueFalse) return ids.length === 1 ? (v2004 ? ids[0] : ids[0].charAt(0)) : '';
    var at = [];
    for (var i = 0; i < q.choices.length && i < 26; i++) if (ids.indexOf(q.choices[i].id) >= 0) at.push(i);
    return at.map(function (i) { return String.fromCharCode(97 + i); }).join(v2004 ? '[,]' : ',');
  }

  var questions = 0, answered = count, last = started;
  function on(type, fn) {
    document.addEventListener('quiz:' + type, function (e) {
      if (done || !record) return;
      try { fn(e.detail || {}, Date.now()); } catch (err) { console.warn('Quiz: SCORM', err); }
    });
  }
  on('ready', function (d) { questions = d.questions || questions; });
  on('started', function (d, now) { questions = d.questions || questions; last = now; });
  on('answered', function (d, now) {
    var latency = span(now - last), at = clock(new Date(now));
    last = now;
    unsaved = !recentSave;
    enqueue(function (b) {
      var q = question(b, d.question), n = 'cmi.interactions.' + count++ + '.';
      var trueFalse = !!q && q.choices.length === 2 &&
        q.choices.map(function (c) { return c.id; }).sort().join() === 'false,true';
      set(n + 'id', identifier(d.question)); // the id comes first
      if (q) set(n + 'type', trueFalse ? 'true-false' : 'choice');
      // Questions the bank asks in every visit, for safety: the LMS's report
      // shows which of the learner's answers were essential ones.
      if (d.essential) set(n + 'objectives.0.id', 'essential');
      set(n + (v2004 ? 'timestamp' : 'time'), at);
      if (typeof d.max === 'number' && isFinite(d.max)) set(n + 'weighting', d.max);
      var chosen = q ? response(q, d.choices || [], trueFalse) : '';
      if (chosen) set(n + (v2004 ? 'learner_response' : 'student_response'), chosen);
      var right = q ? response(q, q.choices.filter(function (c) { return c.correct; })
        .map(function (c) { return c.id; }), trueFalse) : '';
      if (right) set(n + 'correct_responses.0.pattern', right);
      set(n + 'result', d.correct ? 'correct' : v2004 ? 'incorrect' : 'wrong');
      set(n + 'latency', latency);
      if (v2004 && q && q.prompt) set(n + 'description', String(q.prompt).replace(/^\{/, '').slice(0, 250));
      answered++;
      if (v2004) {
        set('cmi.location', answered);
        if (questions) set('cmi.progress_measure', Number(Math.min(1, answered / questions).toFixed(7)));
      } else {
        set('cmi.core.lesson_location', answered);
      }
      later();
    });
  });
  on('completed', function (d, now) {
    var percent = Math.max(0, Math.min(100, Math.round(Number(d.percent) || 0)));
    var mark = passMark;
    enqueue(function (b) {
      if (mark === null) {
        var attr = root.getAttribute('data-pass-mark');
        if (attr === null) attr = b && b.bank && b.bank.pass_mark;
        if (attr === undefined || attr === null) attr = root.getAttribute('data-bank-pass-mark');
        mark = attr === null || attr === '' || !isFinite(Number(attr)) ? null : Number(attr);
      }
      // No pass mark and no essential-questions rule: nothing to pass.
      var rule = !!(b && b.bank && b.bank.pass_requires_essential);
      var outcome = mark === 0 && !rule ? (v2004 ? 'unknown' : 'completed') : d.passed ? 'passed' : 'failed';
      var s = v2004 ? 'cmi.score.' : 'cmi.core.score.';
      if (v2004) set(s + 'scaled', percent / 100);
      set(s + 'raw', percent); // the score before the status
      set(s + 'min', 0);
      set(s + 'max', 100);
      if (v2004) {
        set('cmi.completion_status', 'completed');
        set('cmi.success_status', outcome);
        set('cmi.progress_measure', 1);
      } else {
        set('cmi.core.lesson_status', outcome);
      }
      set(v2004 ? 'cmi.session_time' : 'cmi.core.session_time', span(now - started));
      set(v2004 ? 'cmi.exit' : 'cmi.core.exit', v2004 ? 'normal' : '');
      commit();
      finish();
    });
  });

  // Leaving before the end: suspend, so that the LMS resumes next time.
  // (pagehide, never unload/beforeunload, which break the back-forward cache.)
  window.addEventListener('pagehide', function () {
    if (done) return;
    if (record) {
      set(v2004 ? 'cmi.exit' : 'cmi.core.exit', 'suspend');
      set(v2004 ? 'cmi.session_time' : 'cmi.core.session_time', span(Date.now() - started));
      commit();
    }
    finish();
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && record && !done) commit();
  });
})();
