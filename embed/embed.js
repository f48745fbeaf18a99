/*! Microneedling quiz loader, events format version 1. No dependencies.
 *
 *   <script src="https://QUIZ-HOST/embed.js" data-bank="..." data-theme-primary="#0a6" async></script>
 *   or placeholders anywhere:  <div data-quiz data-cta-text="Book" data-cta-url="https://..."></div>
 *
 * Inserts a sandboxed, lazily loaded iframe of the quiz sized to its content,
 * and re-dispatches the quiz's events as DOM CustomEvents ("quiz:ready",
 * "quiz:started", "quiz:answered", "quiz:completed", "quiz:cta-clicked") on the
 * placeholder element. Messages are accepted only from the quiz's own origin
 * and only from that iframe's window. See EMBEDDING.md.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL('.', script.src);
  var quizOrigin = base.origin;
  var PARAMS = ['bank', 'lang', 'count', 'per-topic', 'shuffle', 'seed', 'feedback', 'pass-mark',
    'theme-primary', 'theme-background', 'theme-surface', 'theme-text', 'font', 'radius',
    'scheme', 'logo', 'cta-text', 'cta-url'];
  var frames = [];
  var counter = 0;

  function mount(host, source) {
    if (host.getAttribute('data-quiz-mounted')) return;
    host.setAttribute('data-quiz-mounted', '');
    var id = 'quiz-' + (++counter);
    var url = new URL('index.html', base);
    PARAMS.forEach(function (name) {
      var value = source.getAttribute('data-' + name);
      if (value !== null) url.searchParams.set(name, value);
    });
    url.searchParams.set('origin', window.location.origin);
    url.searchParams.set('embed', id);

    var frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = source.getAttribute('data-title') || 'Microneedling quiz';
    frame.loading = 'lazy';
    // Scripts and storage for the quiz itself; popups for the source links.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.setAttribute('allow', '');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.style.height = (source.getAttribute('data-height') || '640') + 'px';
    host.appendChild(frame);
    frames.push({ id: id, frame: frame, host: host });
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== quizOrigin) return;
    var d = e.data;
    if (!d || typeof d !== 'object' || d.source !== 'microneedling-quiz' || d.version !== 1) return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (e.source !== f.frame.contentWindow || d.id !== f.id) continue;
      var ev = d.event || {};
      if (ev.type === 'resize') {
        var h = Number(ev.height);
        if (h > 0 && h < 100000) f.frame.style.height = Math.ceil(h) + 'px';
      } else if (typeof ev.type === 'string' && /^[a-z-]{1,20}$/.test(ev.type)) {
        var detail = JSON.parse(JSON.stringify(ev));
        delete detail.type;
        detail.version = d.version;
        f.host.dispatchEvent(new CustomEvent('quiz:' + ev.type, { detail: detail, bubbles: true }));
      }
      return;
    }
  });

  function start() {
    var placeholders = document.querySelectorAll('[data-quiz]');
    for (var i = 0; i < placeholders.length; i++) mount(placeholders[i], placeholders[i]);
    if (!placeholders.length) {
      // No placeholder: the quiz goes right after the script tag, with its settings.
      var host = document.createElement('div');
      host.className = 'microneedling-quiz';
      script.parentNode.insertBefore(host, script.nextSibling);
      mount(host, script);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
