// The browser half of `shownotes dev`: served at /__shownotes/client.js and injected into HTML
// responses by the dev server only (never written into the site). It listens to the server's
// events (server-sent events, https://html.spec.whatwg.org/multipage/server-sent-events.html):
// `reload` after a good rebuild, `build-error` with the diagnostics of a broken one (not `error`,
// which EventSource itself fires when the connection drops).
(function () {
  'use strict';
  var OVERLAY_ID = 'shownotes-dev-overlay';
  var source = new EventSource('/__shownotes/events');

  source.addEventListener('reload', function () {
    window.location.reload();
  });

  source.addEventListener('build-error', function (event) {
    var report;
    try {
      report = JSON.parse(event.data);
    } catch (error) {
      report = { summary: 'the build failed', diagnostics: [String(event.data)] };
    }
    showOverlay(report);
  });

  // Text only (textContent), never markup: a diagnostic quotes the user's own file, which may
  // hold anything.
  function showOverlay(report) {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
    var overlay = document.createElement('div');
    overlay.id = OVERLAY_ID;
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText =
      'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;' +
      'background:rgba(20,20,20,.92);color:#f3f3f3;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace';

    var title = document.createElement('h2');
    title.style.cssText = 'margin:0 0 .5rem;font-size:1.2rem;color:#ff8a80';
    title.textContent = 'shownotes: ' + report.summary;
    overlay.appendChild(title);

    var note = document.createElement('p');
    note.style.cssText = 'margin:0 0 1rem;color:#bbb';
    note.textContent = 'The page below is the last good build. Fix the file and save: this page reloads by itself.';
    overlay.appendChild(note);

    var list = document.createElement('pre');
    list.style.cssText = 'margin:0;white-space:pre-wrap';
    list.textContent = report.diagnostics.join('\n');
    overlay.appendChild(list);

    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Hide';
    close.style.cssText = 'position:absolute;top:1rem;right:1rem';
    close.addEventListener('click', function () {
      overlay.remove();
    });
    overlay.appendChild(close);

    document.body.appendChild(overlay);
  }
})();
