// Typesets formulas for hooks/math_typeset.py. One process serves a whole build
// (and every rebuild under `mkdocs serve`): each line on stdin is a JSON list of
// [tex, display] pairs; the reply is one line, a JSON list of {html} or {error}.
const katex = require("katex");
const readline = require("readline");

const options = { throwOnError: true, strict: "error", output: "htmlAndMathml" };
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const replies = JSON.parse(line).map(([tex, display]) => {
    try {
      return { html: katex.renderToString(tex, { ...options, displayMode: display }) };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify(replies) + "\n");
});
