// Typeset the math that pymdownx.arithmatex (generic mode) leaves in each page:
// inline math as \( ... \), display math as \[ ... \]. Notebook pages keep
// Jupyter's own $ ... $ and $$ ... $$ in their Markdown cells. KaTeX itself is
// served from assets/vendor/katex/ (see hooks/vendor_assets.py), never from a CDN.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
  for (const cell of body.querySelectorAll(".jupyter-wrapper .jp-MarkdownOutput")) {
    renderMathInElement(cell, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
      throwOnError: false,
    });
  }
});
