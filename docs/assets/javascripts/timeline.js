// Highlights the section being read in the lecture timeline (hooks/timeline.py).
// The timeline and its links work without this script; it only adds the class
// is-current (and aria-current) to the segment of the last section whose heading
// has passed under the timeline.
(function () {
  var nav = document.querySelector(".lecture-timeline");
  if (!nav) return;
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
  var headings = links.map(function (a) {
    return document.getElementById(decodeURIComponent(a.hash.slice(1)));
  });
  var pending = false;
  function update() {
    pending = false;
    // the section whose heading has passed the upper third of the window
    var line = Math.max(nav.getBoundingClientRect().bottom + 16, window.innerHeight / 3);
    var current = -1;
    headings.forEach(function (h, i) {
      if (h && h.getBoundingClientRect().top <= line) current = i;
    });
    links.forEach(function (a, i) {
      a.parentNode.classList.toggle("is-current", i === current);
      if (i === current) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    });
  }
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(update);
    }
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  schedule();  // in the first frame, with the layout the page needs anyway (not one forced now)
})();
