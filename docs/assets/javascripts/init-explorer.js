// The initialization explorer (weight-initialization page; markup by hooks/explorer.py).
//
// The same computation as snippets/initialization_explorer.py, which the page shows
// and which draws the static figure for readers without JavaScript: the same
// counter-based random numbers, the same network, the same spreads and histograms.
// tests/test_browser_explorer.py runs both on the same settings and compares them.
// Nothing is fetched; the chart is drawn on a canvas in the palette's colours.
(function () {
  "use strict";

  // BATCH is 4: forward() and backward() handle the 4 examples together.
  var WIDTH = 100, BATCH = 4, BINS = 30, LN2 = 0.6931471805599453;
  var TAYLOR = [1];  // 1/i!, i = 0..13, computed as the script computes them
  for (var t = 1; t <= 13; t++) TAYLOR.push(TAYLOR[t - 1] * (1 / t));
  var POW2 = new Float64Array(2046);  // exact powers of two: 2^e at POW2[e + 1022]
  (function () {
    var p = 1, q = 1;
    for (var e = 0; e <= 1023; e++, p *= 2) POW2[e + 1022] = p;
    for (e = 0; e >= -1022; e--, q /= 2) POW2[e + 1022] = q;
  })();

  function series(x, first) {  // sum of x^i / i! for i = first..13 (Horner)
    var p = TAYLOR[13];
    for (var i = 12; i >= first; i--) p = p * x + TAYLOR[i];
    return first ? p * x : p;
  }
  function exp(x) {
    x = Math.min(Math.max(x, -708), 709);
    var k = Math.floor(x / LN2 + 0.5);
    return series(x - k * LN2, 0) * POW2[k + 1022];
  }
  function tanh(x) {
    var y = 2 * Math.min(Math.abs(x), 20);
    var e = y < 0.5 ? series(y, 1) : exp(y) - 1;
    return x < 0 ? -(e / (e + 2)) : e / (e + 2);
  }

  // name: [g, g'(z, a)], each applied to a whole array (out[i] = g(z[i]), d[i] *= g'(z[i], a[i])),
  // one loop per function (a loop shared by all of them would run slower).
  var ACTIVATIONS = {
    linear: [function (z, out) { out.set(z); }, function () {}],
    tanh: [function (z, out) { for (var i = 0; i < z.length; i++) out[i] = tanh(z[i]); },
           function (z, a, d) { for (var i = 0; i < d.length; i++) d[i] *= 1 - a[i] * a[i]; }],
    sigmoid: [function (z, out) { for (var i = 0; i < z.length; i++) out[i] = 1 / (1 + exp(-z[i])); },
              function (z, a, d) { for (var i = 0; i < d.length; i++) d[i] *= a[i] * (1 - a[i]); }],
    relu: [function (z, out) { for (var i = 0; i < z.length; i++) out[i] = z[i] > 0 ? z[i] : 0; },
           function (z, a, d) { for (var i = 0; i < d.length; i++) d[i] *= z[i] > 0 ? 1 : 0; }]
  };
  var INITIALIZATIONS = {  // name: Var(W_ij) for n inputs and m outputs
    zeros: function () { return 0; },
    normal: function () { return 1; },
    small: function () { return 0.01 * 0.01; },
    lecun: function (n) { return 1 / n; },
    glorot: function (n, m) { return 2 / (n + m); },
    he: function (n) { return 2 / n; }
  };

  function mix(x) {  // a 32-bit integer hash
    x ^= x >>> 16;
    x = Math.imul(x, 0x7feb352d);
    x ^= x >>> 15;
    x = Math.imul(x, 0x846ca68b);
    x ^= x >>> 16;
    return x >>> 0;
  }

  // `count` standard normal numbers of stream `stream`: sums of 12 uniforms minus 6.
  function gaussians(stream, count, seed) {
    var key = mix(seed === undefined ? 1 : seed), out = new Float64Array(count);
    var base = stream * 131072;  // 2^17 numbers per stream
    for (var i = 0; i < count; i++) {
      var sum = 0;
      for (var t = 0; t < 12; t++) sum += (mix(((base + 12 * i + t) ^ key) >>> 0) + 0.5) / 4294967296;
      out[i] = sum - 6;
    }
    return out;
  }

  var normals = {};  // stream -> numbers (they do not depend on the setting)
  function stream(s, count) {
    return normals[s] || (normals[s] = gaussians(s, count, 1));
  }

  function std(v) {
    var mean = 0, sq = 0, i;
    for (i = 0; i < v.length; i++) mean += v[i];
    mean /= v.length;
    for (i = 0; i < v.length; i++) sq += (v[i] - mean) * (v[i] - mean);
    return Math.sqrt(sq / v.length);
  }

  function histogram(v, lo, hi) {
    var counts = new Array(BINS).fill(0);
    for (var i = 0; i < v.length; i++) {
      var b = Math.floor((v[i] - lo) / (hi - lo) * BINS);
      counts[Math.min(BINS - 1, Math.max(0, b))] += 1;
    }
    return counts.map(function (c) { return c / v.length; });
  }

  // Activations a[l] and gradients dJ/dz[l], stored example by example
  // (x[b * WIDTH + i] is unit i of example b); every sum term by term, in the
  // order of the script's matmul, so that both give the same numbers.
  function byExample(m) {  // the script's (WIDTH, BATCH) array m, example by example
    var out = new Float64Array(m.length);
    for (var i = 0; i < WIDTH; i++) for (var b = 0; b < BATCH; b++) out[b * WIDTH + i] = m[i * BATCH + b];
    return out;
  }

  // z = W prev and next = W^T d for the 4 examples at once (one read of each weight
  // for the 4 of them), two rows of W at a time (WIDTH is even); each sum still runs
  // term by term, in the script's order. W = sigma * Z is formed weight by weight as
  // it is read: the same rounded products as the script's array sigma * Z, with no
  // 80 KB array per layer to fill.
  function forward(Z, sigma, prev, z) {
    var n = WIDTH, p1 = n, p2 = 2 * n, p3 = 3 * n;
    for (var i = 0; i < n; i += 2) {
      var s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0, row = i * n, row2 = row + n;
      for (var j = 0; j < n; j++) {
        var a0 = prev[j], a1 = prev[p1 + j], a2 = prev[p2 + j], a3 = prev[p3 + j];
        var w = sigma * Z[row + j], v = sigma * Z[row2 + j];
        s0 += w * a0; s1 += w * a1; s2 += w * a2; s3 += w * a3;
        t0 += v * a0; t1 += v * a1; t2 += v * a2; t3 += v * a3;
      }
      z[i] = s0; z[p1 + i] = s1; z[p2 + i] = s2; z[p3 + i] = s3;
      z[i + 1] = t0; z[p1 + i + 1] = t1; z[p2 + i + 1] = t2; z[p3 + i + 1] = t3;
    }
  }

  function backward(Z, sigma, d, next) {  // next: zeros on entry
    var n = WIDTH, p1 = n, p2 = 2 * n, p3 = 3 * n;
    for (var i = 0; i < n; i += 2) {
      var d0 = d[i], d1 = d[p1 + i], d2 = d[p2 + i], d3 = d[p3 + i];
      var e0 = d[i + 1], e1 = d[p1 + i + 1], e2 = d[p2 + i + 1], e3 = d[p3 + i + 1], row = i * n, row2 = row + n;
      for (var j = 0; j < n; j++) {  // the term of row i, then that of row i + 1
        var w = sigma * Z[row + j], v = sigma * Z[row2 + j];
        next[j] = (next[j] + w * d0) + v * e0;
        next[p1 + j] = (next[p1 + j] + w * d1) + v * e1;
        next[p2 + j] = (next[p2 + j] + w * d2) + v * e2;
        next[p3 + j] = (next[p3 + j] + w * d3) + v * e3;
      }
    }
  }

  // What a change of one control leaves valid: the forward pass (same activation and
  // the same sigma, that is the same initialization and k), which a change of depth
  // only extends or cuts. Its arrays, and the backward pass's, are made once and
  // reused from setting to setting (no garbage to collect while a slider moves).
  var passes = { key: null, depth: 0, a: [], zs: [] }, spare = {};
  function weights(l) { return stream(l + 1, WIDTH * WIDTH); }  // W[l] = sigma * Z[l]
  function buffer(name) { return spare[name] || (spare[name] = new Float64Array(WIDTH * BATCH)); }

  function explore(activation, init, k, depth) {
    var g = ACTIVATIONS[activation][0], dg = ACTIVATIONS[activation][1];
    var sigma = Math.sqrt(k * INITIALIZATIONS[init](WIDTH, WIDTH));
    var size = WIDTH * BATCH, l;
    var key = activation + " " + sigma;
    if (passes.key !== key) { passes.key = key; passes.depth = 0; }
    var a = passes.a, zs = passes.zs;
    if (!a[0]) a[0] = byExample(stream(0, size));
    for (l = passes.depth + 1; l <= depth; l++) {      // forward: z = W a, a = g(z)
      if (!zs[l - 1]) { zs[l - 1] = new Float64Array(size); a[l] = new Float64Array(size); }
      forward(weights(l), sigma, a[l - 1], zs[l - 1]);
      g(zs[l - 1], a[l]);
    }
    passes.depth = Math.max(passes.depth, depth);
    var shown = [1, Math.floor((depth + 1) / 2), depth].filter(function (x, i, all) {
      return all.indexOf(x) === i;
    });
    // backward: dz = da g'(z), da = W^T dz, in three buffers reused layer after layer;
    // only the spread of each dz is kept, and dz itself at the layers shown.
    if (!spare.top) spare.top = byExample(stream(1, size));  // dJ/da[L]
    var da = buffer("da"), d = buffer("d"), next = buffer("next");
    da.set(spare.top);
    var gradStd = new Array(depth), dz = {};
    for (l = depth; l >= 1; l--) {
      d.set(da);
      dg(zs[l - 1], a[l], d);
      gradStd[l - 1] = std(d);
      if (shown.indexOf(l) >= 0) dz[l] = d.slice();
      if (l === 1) break;  // dJ/dx is not shown
      next.fill(0);
      backward(weights(l), sigma, d, next);
      var spent = da; da = next; next = spent;
    }
    var result = {
      layers: shown,
      act_std: a.slice(1, depth + 1).map(std),
      grad_std: gradStd
    };
    [["act", shown.map(function (l) { return a[l]; })],
     ["grad", shown.map(function (l) { return dz[l]; })]].forEach(function (pair) {
      var lo = Infinity, hi = -Infinity;
      pair[1].forEach(function (v) {
        for (var i = 0; i < v.length; i++) { if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i]; }
      });
      if (hi === lo) { lo -= 0.5; hi += 0.5; }
      result[pair[0] + "_range"] = [lo, hi];
      result[pair[0] + "_hist"] = pair[1].map(function (v) { return histogram(v, lo, hi); });
    });
    return result;
  }

  // --- drawing: on a canvas, in the palette's colours (extra.css) --------------
  // A canvas rather than an SVG: a new SVG's hundred elements and thirty-odd labels
  // cost more style and layout on each update than the computation itself, while a
  // canvas that is drawn again is only painted.

  var SUP = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
  function power(e) { return "10" + String(e).split("").map(function (c) { return SUP[c]; }).join(""); }
  function number(x) {  // 3 significant digits; 1.2 × 10⁻⁸ for very large or small numbers
    if (x === 0) return "0";
    if (!isFinite(x)) return String(x);
    var e = Math.floor(Math.log10(Math.abs(x)));
    if (e >= -2 && e < 4) return String(Number(x.toPrecision(3)));
    var m = Number((x / Math.pow(10, e)).toPrecision(2));
    if (Math.abs(m) >= 10) { m /= 10; e += 1; }
    return m + " × " + power(e);
  }

  var FONT = "15px sans-serif", ITALIC = "italic 15px sans-serif";
  var COLOURS = ["text", "axis", "grid", "layer0", "layer1", "layer2"];
  function colours(canvas) {  // extra.css's --ie-* colours, resolved by the browser (system colours too)
    var out = {};
    COLOURS.forEach(function (name) {
      canvas.style.color = "var(--ie-" + name + ")";
      out[name] = getComputedStyle(canvas).color;
    });
    canvas.style.color = "";
    return out;
  }
  // Setting a canvas's font or colour parses the string: each is set only when it changes
  // (`pen` is reset at the start of each drawing).
  var pen = {};
  function set(ctx, key, value) {
    if (pen[key] !== value) { ctx[key] = value; pen[key] = value; }
  }
  function stroke(ctx, colour, width, dash) {
    set(ctx, "strokeStyle", colour);
    set(ctx, "lineWidth", width);
    dash = dash || [];
    if (String(pen.dash) !== String(dash)) { ctx.setLineDash(dash); pen.dash = dash; }
    ctx.stroke();
  }
  function text(ctx, colour, font, align, string, x, y) {
    set(ctx, "fillStyle", colour);
    set(ctx, "font", font);
    set(ctx, "textAlign", align);
    ctx.fillText(string, x, y);
  }

  // Frame, grid and tick labels of one panel.
  function axes(ctx, c, box, xs, ys, xlabel) {
    var bottom = box.y + box.h, right = box.x + box.w;
    ctx.beginPath();
    xs.forEach(function (t) { ctx.moveTo(t[0], box.y); ctx.lineTo(t[0], bottom); });
    ys.forEach(function (t) { ctx.moveTo(box.x, t[0]); ctx.lineTo(right, t[0]); });
    stroke(ctx, c.grid, 1);
    ctx.beginPath();
    ctx.moveTo(box.x, box.y); ctx.lineTo(box.x, bottom); ctx.lineTo(right, bottom);
    stroke(ctx, c.axis, 1);
    xs.forEach(function (t) { text(ctx, c.text, FONT, "center", t[1], t[0], bottom + 16); });
    ys.forEach(function (t) { text(ctx, c.text, FONT, "right", t[1], box.x - 6, t[0] + 4); });
    text(ctx, c.text, ITALIC, "center", xlabel, box.x + box.w / 2, bottom + 34);
  }

  // A legend in one row above a panel, ending at x = right (never over the lines).
  function legend(ctx, c, right, y, entries) {  // entries: [label, colour, dash]
    set(ctx, "font", FONT);
    var widths = entries.map(function (entry) { return 30 + ctx.measureText(entry[0]).width; });
    var x = right - widths.reduce(function (a, b) { return a + b; }, 0) - 16 * (entries.length - 1);
    entries.forEach(function (entry, i) {
      ctx.beginPath(); ctx.moveTo(x, y - 4); ctx.lineTo(x + 24, y - 4);
      stroke(ctx, entry[1], 2.2, entry[2]);
      text(ctx, c.text, FONT, "left", entry[0], x + 30, y);
      x += widths[i] + 16;
    });
  }

  function ticks(lo, hi, count) {
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / count)));
    [1, 2, 5, 10].some(function (f) { if ((hi - lo) / (step * f) <= count) { step *= f; return true; } return false; });
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) out.push(Math.abs(t) < step / 1e6 ? 0 : t);
    return out;
  }

  // Two layouts: histograms side by side on wide screens, stacked on narrow ones.
  var LAYOUTS = {
    wide: { w: 800, h: 560, top: { x: 70, y: 36, w: 700, h: 214 },
            act: { x: 70, y: 330, w: 330, h: 170 }, grad: { x: 440, y: 330, w: 330, h: 170 } },
    narrow: { w: 480, h: 760, top: { x: 62, y: 36, w: 400, h: 184 },
              act: { x: 62, y: 310, w: 400, h: 150 }, grad: { x: 62, y: 540, w: 400, h: 160 } }
  };

  // The chart of one result on `canvas`, in layout units (LAYOUTS) scaled by `scale`
  // device pixels per unit; c: the palette's colours.
  function draw(canvas, c, result, depth, layout, scale) {
    var w = Math.round(layout.w * scale), h = Math.round(layout.h * scale);
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(w / layout.w, 0, 0, h / layout.h, 0, 0);
    ctx.clearRect(0, 0, layout.w, layout.h);
    pen = {};
    // top: spread per layer, logarithmic
    var top = layout.top;
    var values = result.act_std.concat(result.grad_std).filter(function (v) { return v > 0 && isFinite(v); });
    var emin = values.length ? Math.floor(Math.log10(Math.min.apply(null, values))) : -1;
    var emax = values.length ? Math.ceil(Math.log10(Math.max.apply(null, values))) : 1;
    if (emax - emin < 2) { emin -= 1; emax += 1; }
    var every = Math.max(1, Math.ceil((emax - emin) / 8));
    function X(l) { return top.x + (depth === 1 ? 0 : (l - 1) / (depth - 1) * top.w); }
    function Y(v) { return top.y + top.h - (Math.log10(v) - emin) / (emax - emin) * top.h; }
    var yt = [];
    for (var e = emin; e <= emax; e += every) yt.push([Y(Math.pow(10, e)), power(e)]);
    axes(ctx, c, top, ticks(1, depth, 10).filter(function (t) { return t >= 1; }).map(function (t) {
      return [X(t), String(t)];
    }), yt, "l");
    var lines = [["act_std", "σ(a[l])", c.layer0, []], ["grad_std", "σ(∂J/∂z[l])", c.layer1, [7, 4]]];
    lines.forEach(function (series) {
      var v = result[series[0]];
      ctx.beginPath();
      for (var i = 0; i < v.length; i++) {
        if (!(v[i] > 0 && isFinite(v[i]))) continue;
        if (i > 0 && v[i - 1] > 0 && isFinite(v[i - 1])) ctx.lineTo(X(i + 1), Y(v[i]));
        else ctx.moveTo(X(i + 1), Y(v[i]));
      }
      stroke(ctx, series[2], 2.2, series[3]);
    });
    legend(ctx, c, top.x + top.w, top.y - 12, lines.map(function (series) { return series.slice(1); }));
    // bottom: histograms at the first, middle and last layer, one legend for both
    var layerColours = [c.layer0, c.layer1, c.layer2];
    legend(ctx, c, Math.max(layout.act.x + layout.act.w, layout.grad.x + layout.grad.w), layout.act.y - 12,
           result.layers.map(function (l, s) { return ["l = " + l, layerColours[s], []]; }));
    [["act", "a[l]"], ["grad", "∂J/∂z[l]"]].forEach(function (panel) {
      var box = layout[panel[0]], range = result[panel[0] + "_range"];
      var hists = result[panel[0] + "_hist"], peak = 0;
      hists.forEach(function (h) { h.forEach(function (n) { peak = Math.max(peak, n); }); });
      function HX(v) { return box.x + (v - range[0]) / (range[1] - range[0]) * box.w; }
      function HY(n) { return box.y + box.h - n / (peak || 1) * box.h; }
      var xt = ticks(range[0], range[1], 4).map(function (t) { return [HX(t), number(t)]; });
      axes(ctx, c, box, xt, ticks(0, peak || 1, 3).map(function (t) { return [HY(t), number(t)]; }), panel[1]);
      hists.forEach(function (h, s) {
        ctx.beginPath();
        ctx.moveTo(box.x, HY(0));
        h.forEach(function (n, i) {
          ctx.lineTo(box.x + i / BINS * box.w, HY(n));
          ctx.lineTo(box.x + (i + 1) / BINS * box.w, HY(n));
        });
        ctx.lineTo(box.x + box.w, HY(0));
        stroke(ctx, layerColours[s], 2.2);
      });
    });
  }

  // --- the controls ------------------------------------------------------------------

  function setUp(root) {
    var form = root.querySelector("form"), status = root.querySelector("[role=status]");
    var section = root.closest(".md-content") || document;
    var images = section.querySelectorAll("img[src*='initialization_explorer.']");
    var figure = images.length ? images[0].parentNode : null;
    var chart = null, frame = null, pending = false, announce = null;
    var drawn = null, palette = null, column = null;  // last result; colours; column width (px)
    var SETTLED = 250;  // ms without a change after which the reader has stopped

    function setting() {
      return {
        act: form.elements.act.value,
        init: form.elements.init.value,
        k: Math.pow(2, Number(form.elements.k.value)),
        depth: Number(form.elements.depth.value)
      };
    }
    function write(node, text) {  // unchanged text left alone: nothing to lay out again
      if (node.textContent !== text) node.textContent = text;
    }
    function label() {
      var s = setting();
      write(form.querySelector("output[for=ie-k]"), number(s.k));
      form.elements.k.setAttribute("aria-valuetext", "k = " + number(s.k));
      write(form.querySelector("output[for=ie-depth]"), String(s.depth));
    }
    // The chart is one canvas, made on the first update and drawn again on each one,
    // in a box of fixed proportions with strict containment: nothing around it moves.
    function place(layout) {
      if (!frame) {
        frame = document.createElement("div");
        frame.className = "ie-frame";
        chart = document.createElement("canvas");
        chart.className = "ie-chart";
        chart.setAttribute("role", "img");
        chart.addEventListener("contextrestored", repaint);  // a canvas the browser had discarded
        frame.appendChild(chart);
        figure.insertBefore(frame, figure.firstChild);
        if (figure.closest("figure")) figure.closest("figure").classList.add("ie-figure");
        images.forEach(function (img) { img.style.display = "none"; });
      }
      frame.style.aspectRatio = layout.w + " / " + layout.h;
      frame.style.maxWidth = layout.w + "px";
    }
    // Device pixels per layout unit: the box's width on screen (at most the layout's),
    // times the screen's pixel ratio (at most 2).
    function paint() {
      var layout = LAYOUTS[column < 560 ? "narrow" : "wide"];
      place(layout);
      if (!palette) palette = colours(chart);
      var scale = Math.min(layout.w, column) / layout.w * Math.min(2, window.devicePixelRatio || 1);
      draw(chart, palette, drawn.result, drawn.depth, layout, Math.max(scale, 0.5));
    }
    function update() {
      pending = false;
      var s = setting(), r = explore(s.act, s.init, s.k, s.depth);
      if (column === null) column = root.getBoundingClientRect().width || 800;
      drawn = { result: r, depth: s.depth };
      if (figure) paint();
      if (chart) chart.setAttribute("data-setting", query(s));
      var ratioA = r.act_std[0] > 0 ? r.act_std[s.depth - 1] / r.act_std[0] : NaN;
      var ratioG = r.grad_std[s.depth - 1] > 0 ? r.grad_std[0] / r.grad_std[s.depth - 1] : NaN;
      var text = root.getAttribute("data-status")
        .replace("{depth}", s.depth)
        .replace("{act}", isNaN(ratioA) ? root.getAttribute("data-zero") : "× " + number(ratioA))
        .replace("{grad}", isNaN(ratioG) ? root.getAttribute("data-zero") : "× " + number(ratioG));
      var description = root.getAttribute("data-chart");  // no space after a full-width 。
      if (chart) chart.setAttribute("aria-label", description + (/[\u3000-\u303f\uff00-\uffef]$/.test(description) ? "" : " ") + text);
      root.setAttribute("data-ratio-act", ratioA);
      root.setAttribute("data-ratio-grad", ratioG);
      clearTimeout(announce);  // announce once the reader stops moving a slider
      if (!status.textContent) status.textContent = text;
      else announce = setTimeout(function () { status.textContent = text; }, SETTLED);
    }
    // The layout and the canvas's resolution follow the width of the text column (that
    // of the controls' block), measured on the first update and then watched (measuring
    // on each update would force a layout); a new width or palette redraws the chart, not
    // the numbers.
    var repainting = false;
    function repaint() {
      if (!drawn || !figure || repainting) return;
      repainting = true;
      window.requestAnimationFrame(function () { repainting = false; paint(); });
    }
    new ResizeObserver(function (entries) {
      var width = entries[entries.length - 1].contentRect.width;
      if (width === 0 || width === column) return;  // not laid out yet (an off-screen section), or no change
      column = width;
      repaint();
    }).observe(root);
    function recolour() { palette = null; repaint(); }
    new MutationObserver(recolour)
      .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    var forced = window.matchMedia("(forced-colors: active)");
    if (forced.addEventListener) forced.addEventListener("change", recolour);
    (function watchPixelRatio() {  // zoom, or a move to another screen: sharp again
      var query = window.matchMedia("(resolution: " + (window.devicePixelRatio || 1) + "dppx)");
      if (!query.addEventListener) return;
      query.addEventListener("change", function changed() {
        query.removeEventListener("change", changed);
        repaint();
        watchPixelRatio();
      });
    })();
    function schedule() {  // a setting restored from the URL: drawn in the next frame
      label();
      if (!pending) { pending = true; window.requestAnimationFrame(update); }
    }
    // A change of a control is drawn at once, in the same task (the browser already
    // delivers a dragged slider's changes once per frame). The address is rewritten,
    // like the live region, once the reader stops (browsers limit how often a page
    // may rewrite it, and each rewrite costs a few milliseconds).
    var saving = null;
    function changed() {
      clearTimeout(saving);
      saving = setTimeout(save, SETTLED);
      label();
      update();
    }
    function query(s) {  // the setting as the URL holds it (the canvas's data-setting too)
      var q = new URLSearchParams(location.search);
      q.set("act", s.act); q.set("init", s.init);
      q.set("k", number(s.k)); q.set("depth", s.depth);
      return q.toString();
    }
    function save() {
      history.replaceState(null, "", "?" + query(setting()) + location.hash);
    }
    function restore() {
      var query = new URLSearchParams(location.search), found = false;
      ["act", "init"].forEach(function (name) {
        var v = query.get(name);
        if (v && form.elements[name].querySelector("option[value='" + v + "']")) { form.elements[name].value = v; found = true; }
      });
      var k = parseFloat(query.get("k"));
      var kSlider = form.elements.k, step = Number(kSlider.step);  // the range is the hook's
      if (k > 0) {
        var snapped = Math.round(Math.log2(k) / step) * step;
        kSlider.value = Math.max(Number(kSlider.min), Math.min(Number(kSlider.max), snapped));
        found = true;
      }
      var depth = parseInt(query.get("depth"), 10);
      var dSlider = form.elements.depth;
      if (depth >= Number(dSlider.min)) { dSlider.value = Math.min(Number(dSlider.max), depth); found = true; }
      return found;
    }

    root.hidden = false;
    form.addEventListener("input", changed);  // a select's change fires input too
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var restored = restore();
    label();
    // Until the reader changes a control, the build's figure of the default setting
    // (the same numbers) stays: nothing is computed while the page loads. When the
    // explorer comes near the screen, its random numbers are drawn in small slices
    // (no long task); then each activation runs once on an 8-layer network, one per
    // slice, so that the browser has compiled its code before the reader first picks
    // it; then a setting restored from the URL is drawn.
    function prepare() {
      var s = 0, streams = Number(form.elements.depth.max) + 2;  // x, dJ/da[L], W[1..max]
      var warm = Object.keys(ACTIVATIONS);
      (function slice() {
        var start = performance.now();
        while (s < streams && performance.now() - start < 8) {
          stream(s, s < 2 ? WIDTH * BATCH : WIDTH * WIDTH);
          s++;
        }
        if (s === streams && warm.length) explore(warm.shift(), "lecun", 1, 8);
        if (s < streams || warm.length) setTimeout(slice, 0);
        else if (restored) schedule();
      })();
    }
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries, observer) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          prepare();
        }
      }, { rootMargin: "800px 0px" }).observe(root);
    } else {
      prepare();
    }
  }

  window.initExplorer = { explore: explore, gaussians: gaussians, number: number };
  document.querySelectorAll(".init-explorer").forEach(setUp);
})();
