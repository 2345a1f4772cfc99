// Quote cards on the episode page. Without script, "Share" opens the card page and the embed
// code is a visible, selectable snippet; with it, "Share" uses the Web Share API where the
// browser has one, and the copy buttons (handled in player.js) appear when the clipboard works.
(function () {
  'use strict';
  if (navigator.clipboard && navigator.clipboard.writeText) {
    document.querySelectorAll('.quote-embed button[data-copy]').forEach(function (button) { button.hidden = false; });
  }
  if (!navigator.share) return;
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-share-url]');
    if (!link) return;
    event.preventDefault();
    var shared = navigator.share({ title: link.getAttribute('data-share-title'), url: link.getAttribute('data-share-url') });
    // A dismissed share sheet rejects: nothing to do. Any other failure falls back to the link.
    if (shared && shared.catch) shared.catch(function (error) { if (error && error.name !== 'AbortError') location.href = link.href; });
  });
})();
