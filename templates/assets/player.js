// Time links seek the page's player. Without this script, each link still opens the audio
// at its time (a media-fragment URL, #t=SECONDS), so nothing depends on it.
(function () {
  'use strict';
  var audio = document.querySelector('audio[data-player]');

  function parseTime(value) {
    var parts = String(value).replace(/^npt:/, '').split(':').map(Number);
    if (parts.some(isNaN)) return null;
    return parts.reduce(function (total, part) { return total * 60 + part; }, 0);
  }

  function seek(seconds, play) {
    if (!audio || seconds === null) return;
    audio.currentTime = seconds;
    if (play) {
      var started = audio.play();
      if (started && started.catch) started.catch(function () {});
    }
  }

  function seekFromHash() {
    var match = /^#t=([0-9:.]+)/.exec(location.hash);
    if (match) seek(parseTime(match[1]), false);
  }

  if (audio) {
    document.addEventListener('click', function (event) {
      var link = event.target.closest && event.target.closest('a[data-seek]');
      if (!link) return;
      event.preventDefault();
      seek(parseTime(link.getAttribute('data-seek')), true);
      history.replaceState(null, '', '#t=' + link.getAttribute('data-seek'));
    });
    seekFromHash();
    window.addEventListener('hashchange', seekFromHash);
  }

  // Copy buttons (embed codes): copy the text of the element they name.
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button[data-copy]');
    if (!button) return;
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var text = source.value !== undefined ? source.value : source.textContent;
    var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy embed code'; }, 2000); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { source.select && source.select(); });
    } else if (source.select) {
      source.select();
    }
  });
})();
