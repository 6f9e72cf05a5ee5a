// Typeset the math that pymdownx.arithmatex (generic mode) leaves in each page:
// inline math as \( ... \), display math as \[ ... \]. KaTeX itself is served
// from assets/vendor/katex/ (see hooks/vendor_assets.py), never from a CDN.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
});
