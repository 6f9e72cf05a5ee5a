// The language selector (English, 简体中文, 中英对照) leads to the same page; this
// makes it lead to the same section too: the link gets the id of the section being
// read (the last heading in the top 200 px of the window, under the header and timeline). Section ids are the same in
// every reading mode. Without JavaScript the selector still leads to the same page.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".md-select__link");
  if (!link) return;
  var current = null;
  document.querySelectorAll(".md-content h2[id], .md-content h3[id]").forEach(function (h) {
    if (h.getBoundingClientRect().top <= 200) current = h.id;
  });
  if (current) link.href = link.href.split("#")[0] + "#" + encodeURIComponent(current);
}, true);
