// Keeps the reader on their section.
//
// 1. The language selector (English, 简体中文, 中英对照) leads to the same page; this
//    makes it lead to the same section: the link gets the id of the section being
//    read (the last heading in the top 200 px of the window, under the header and the
//    timeline). Section ids are the same in every reading mode. Without JavaScript
//    the selector still leads to the same page.
// 2. Blocks far from the screen are laid out only when they come near it
//    (content-visibility in extra.css), so a jump to a section (table of contents,
//    lecture timeline, a link with #id) can land before the blocks above it have
//    their real height. The jump is repeated until the section stays in place.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".md-select__link");
  if (!link) return;
  var current = null;  // at the top of the page: the top of the other page
  if (window.scrollY >= 1) {
    document.querySelectorAll(".md-content h2[id], .md-content h3[id]").forEach(function (h) {
      if (h.getBoundingClientRect().top <= 200) current = h.id;
    });
  }
  // the query too: the initialization explorer keeps its setting there
  link.href = link.href.split(/[?#]/)[0] + location.search + (current ? "#" + encodeURIComponent(current) : "");
}, true);

(function () {
  function settle() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var tries = 0;
    (function jump() {
      target.scrollIntoView();
      var top = target.getBoundingClientRect().top;
      window.requestAnimationFrame(function () {
        window.requestAnimationFrame(function () {
          if (Math.abs(target.getBoundingClientRect().top - top) > 1 && ++tries < 10) jump();
        });
      });
    })();
  }
  window.addEventListener("hashchange", settle);
  if (location.hash) window.addEventListener("load", settle);
})();
