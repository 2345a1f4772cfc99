// The card's player plays the quote alone. Its source carries a media fragment (#t=start,end);
// browsers that honour it stop at the end once, others not at all, so this stops it there every
// time and rewinds to the quote's start, ready to play again.
(function () {
  'use strict';
  var audio = document.querySelector('audio[data-clip-end]');
  if (!audio) return;
  var start = Number(audio.getAttribute('data-clip-start'));
  var end = Number(audio.getAttribute('data-clip-end'));
  if (!(end > start)) return;
  // timeupdate fires every 250 ms or so: a stop within that of the end is the end.
  var atEnd = function () { return audio.currentTime >= end - 0.3; };
  audio.addEventListener('play', function () {
    if (audio.currentTime < start - 0.5 || audio.currentTime >= end) audio.currentTime = start;
  });
  audio.addEventListener('timeupdate', function () {
    if (!audio.paused && audio.currentTime >= end) audio.pause();
  });
  audio.addEventListener('pause', function () {
    if (atEnd()) audio.currentTime = start;
  });
})();
