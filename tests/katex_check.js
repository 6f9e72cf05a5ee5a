// Reads a JSON list of [where, tex, display] from stdin; prints a JSON list of
// the formulas KaTeX cannot render, with KaTeX's error message.
const katex = require("katex");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const failures = [];
  for (const [where, tex, display] of JSON.parse(input)) {
    try {
      katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "error" });
    } catch (error) {
      failures.push({ where, tex, error: String(error.message || error) });
    }
  }
  process.stdout.write(JSON.stringify(failures));
});
