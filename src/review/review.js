// The review page's behaviour. The document arrives as JSON (never as markup) and every text
// goes into the page through textContent. Rows are {e0, e1, j0, j1, st, sc}: half-open
// sentence ranges on each side, a status (u unreviewed, a approved, r rejected) and the
// aligner's score as hashi align prints it, or null for a row changed by hand. Every edit is
// one splice of the row list, checked to keep each sentence in exactly one row, in order,
// before it is applied; undo applies the inverse splice.
(function () {
  "use strict";
  var started = performance.now();
  var D = JSON.parse(document.getElementById("hashi-data").textContent);
  var READ_ONLY = D.mode === "read-only";
  var KEY = "hashi-review:v1:" + D.id;
  var LOW = 0.9;
  var MEDIUM = 0.5;
  var NEN = D.en.length;
  var NJA = D.ja.length;
  var $ = function (id) { return document.getElementById(id); };

  var initial = D.beads.map(function (b, i) {
    return { e0: b[0], e1: b[1], j0: b[2], j1: b[3], st: "u", sc: D.scores[i] };
  });
  var rows = initial.slice();
  var els = [];
  var sel = 0;
  var side = "en";
  var undoStack = [];
  var redoStack = [];
  var filter = "all";
  var serial = 0;

  // Findings by sentence: a row shows every finding that names one of its sentences.
  var enF = new Array(NEN);
  var jaF = new Array(NJA);
  D.findings.forEach(function (f, n) {
    f.en_ids.forEach(function (i) { if (i < NEN) (enF[i] = enF[i] || []).push(n); });
    f.ja_ids.forEach(function (i) { if (i < NJA) (jaF[i] = jaF[i] || []).push(n); });
  });
  function rowFindings(r) {
    var seen = [];
    var add = function (list) {
      if (list) list.forEach(function (n) { if (seen.indexOf(n) < 0) seen.push(n); });
    };
    for (var i = r.e0; i < r.e1; i++) add(enF[i]);
    for (var j = r.j0; j < r.j1; j++) add(jaF[j]);
    return seen.sort(function (a, b) { return a - b; });
  }

  // An unmatched sentence's score is the probability that it has no counterpart, not a
  // pair's quality: it gets a badge of its own. A pair with a changed number, date or name
  // is never shown as high, whatever its score.
  function band(r) {
    if (r.sc === null) return "edited";
    if (r.e0 === r.e1 || r.j0 === r.j1) return "alone";
    var s = parseFloat(r.sc);
    var b = s >= LOW ? "high" : s >= MEDIUM ? "medium" : "low";
    var mismatch = rowFindings(r).some(function (n) {
      var k = D.findings[n].kind;
      return k === "number" || k === "date" || k === "name";
    });
    return b === "high" && mismatch ? "medium" : b;
  }
  function badgeText(r, b) {
    if (r.sc === null) return "edited";
    if (b === "alone") return "no counterpart " + r.sc;
    return r.sc + " " + b;
  }
  function visible(r) {
    if (filter === "low") return r.sc !== null && parseFloat(r.sc) < LOW;
    if (filter === "findings") return rowFindings(r).length > 0;
    return true;
  }
  function idText(a, b) {
    if (a === b) return "-";
    if (b - a === 1) return String(a);
    if (b - a === 2) return a + "," + (a + 1);
    return a + "\u2013" + (b - 1);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var STATUS = { u: ["unreviewed", "\u00b7 unreviewed"], a: ["approved", "\u2713 approved"], r: ["rejected", "\u2717 rejected"] };

  function sideCell(cls, lang, texts, a, b, none) {
    var cell = el("div", cls);
    cell.lang = lang;
    if (a === b) {
      cell.appendChild(el("span", "none", none));
    }
    for (var i = a; i < b; i++) {
      var s = el("span", "s", texts[i]);
      cell.appendChild(s);
    }
    return cell;
  }

  function render(r) {
    var row = el("div", "row " + STATUS[r.st][0]);
    row.id = "r" + (serial++);
    row.setAttribute("role", "option");
    row.setAttribute("aria-selected", "false");
    var st = el("div", "st");
    st.appendChild(el("span", STATUS[r.st][0], STATUS[r.st][1]));
    row.appendChild(st);
    row.appendChild(el("div", "ids e", idText(r.e0, r.e1)));
    row.appendChild(sideCell("en", "en", D.en, r.e0, r.e1, "(no English)"));
    row.appendChild(el("div", "ids j", idText(r.j0, r.j1)));
    row.appendChild(sideCell("ja", "ja", D.ja, r.j0, r.j1, "(no Japanese)"));
    var score = el("div", "score");
    var b = band(r);
    score.appendChild(el("span", "badge " + b, badgeText(r, b)));
    row.appendChild(score);
    var fd = el("div", "fd");
    rowFindings(r).forEach(function (n) {
      var f = D.findings[n];
      var line = el("div");
      line.appendChild(el("b", f.kind, f.kind));
      line.appendChild(document.createTextNode(" " + f.detail));
      fd.appendChild(line);
    });
    row.appendChild(fd);
    if (!visible(r)) row.classList.add("hide");
    return row;
  }

  // Each sentence of both documents in exactly one row, in order, and no empty row.
  function valid(list) {
    var e = 0, j = 0;
    for (var i = 0; i < list.length; i++) {
      var r = list[i];
      if (r.e0 !== e || r.j0 !== j || r.e1 < r.e0 || r.j1 < r.j0) return false;
      if (r.e1 === r.e0 && r.j1 === r.j0) return false;
      if (["u", "a", "r"].indexOf(r.st) < 0) return false;
      if (r.sc !== null && typeof r.sc !== "string") return false;
      e = r.e1; j = r.j1;
    }
    return e === NEN && j === NJA;
  }

  function splice(at, del, ins) {
    var next = rows.slice(0, at).concat(ins, rows.slice(at + del.length));
    if (!valid(next)) throw new Error("edit would break the sentence order");
    rows = next;
    var before = els[at + del.length] || null;
    var parent = before ? before.parentNode : $("rows").lastElementChild;
    for (var k = 0; k < del.length; k++) els[at + k].remove();
    var fresh = ins.map(render);
    fresh.forEach(function (e) { parent.insertBefore(e, before); });
    els.splice.apply(els, [at, del.length].concat(fresh));
  }

  function perform(op, record) {
    splice(op.at, op.del, op.ins);
    if (record) { undoStack.push(op); redoStack = []; }
    select(Math.min(op.selAfter, rows.length - 1), true);
    changed();
  }
  function edit(at, count, ins, selAfter, what) {
    var op = { at: at, del: rows.slice(at, at + count), ins: ins, selBefore: sel, selAfter: selAfter, what: what };
    try {
      perform(op, true);
      say(what);
    } catch (e) {
      say("Not done: " + e.message);
    }
  }
  // Undo and redo: the last op of one stack, taken back (undo) or done again (redo), goes on
  // the other.
  function replay(from, to, back) {
    var op = from.pop();
    if (!op) return say(back ? "Nothing to undo" : "Nothing to redo");
    if (back) splice(op.at, op.ins, op.del);
    else splice(op.at, op.del, op.ins);
    to.push(op);
    select(Math.min(back ? op.selBefore : op.selAfter, rows.length - 1), true);
    changed();
    say((back ? "Undone: " : "Redone: ") + op.what);
  }
  function undo() { replay(undoStack, redoStack, true); }
  function redo() { replay(redoStack, undoStack, false); }

  function fresh(e0, e1, j0, j1) { return { e0: e0, e1: e1, j0: j0, j1: j1, st: "u", sc: null }; }
  function copy(r, st) { return { e0: r.e0, e1: r.e1, j0: r.j0, j1: r.j1, st: st, sc: r.sc }; }

  function setStatus(st) {
    var r = rows[sel];
    var next = r.st === st ? "u" : st;
    edit(sel, 1, [copy(r, next)], sel, "row " + (sel + 1) + " " + STATUS[next][0]);
  }
  function merge() {
    if (sel + 1 >= rows.length) return say("The last row has no next row to merge with");
    var a = rows[sel], b = rows[sel + 1];
    edit(sel, 2, [fresh(a.e0, b.e1, a.j0, b.j1)], sel, "rows " + (sel + 1) + " and " + (sel + 2) + " merged");
  }
  function split() {
    var r = rows[sel];
    var ne = r.e1 - r.e0, nj = r.j1 - r.j0;
    if (ne < 2 && nj < 2) return say("Nothing to split: the row has one sentence a side at most");
    var em = r.e0 + Math.min(ne, 1), jm = r.j0 + Math.min(nj, 1);
    edit(sel, 1, [fresh(r.e0, em, r.j0, jm), fresh(em, r.e1, jm, r.j1)], sel, "row " + (sel + 1) + " split");
  }
  function sideName() { return side === "en" ? "English" : "Japanese"; }
  function moveUp() {
    var r = rows[sel], k = side === "en" ? "e" : "j";
    if (sel === 0) return say("The first row has no previous row");
    if (r[k + "1"] === r[k + "0"]) return say("The row has no " + sideName() + " sentence to move");
    var p = rows[sel - 1];
    var np = fresh(p.e0, p.e1, p.j0, p.j1), nr = fresh(r.e0, r.e1, r.j0, r.j1);
    np[k + "1"] += 1; nr[k + "0"] += 1;
    var empty = nr.e0 === nr.e1 && nr.j0 === nr.j1;
    edit(sel - 1, 2, empty ? [np] : [np, nr], empty ? sel - 1 : sel,
      sideName() + " sentence " + (np[k + "1"] - 1) + " moved up");
  }
  function moveDown() {
    var r = rows[sel], k = side === "en" ? "e" : "j";
    if (sel + 1 >= rows.length) return say("The last row has no next row");
    if (r[k + "1"] === r[k + "0"]) return say("The row has no " + sideName() + " sentence to move");
    var n = rows[sel + 1];
    var nr = fresh(r.e0, r.e1, r.j0, r.j1), nn = fresh(n.e0, n.e1, n.j0, n.j1);
    nr[k + "1"] -= 1; nn[k + "0"] -= 1;
    var empty = nr.e0 === nr.e1 && nr.j0 === nr.j1;
    edit(sel, 2, empty ? [nn] : [nr, nn], sel, sideName() + " sentence " + nn[k + "0"] + " moved down");
  }
  function clearWork() {
    try { localStorage.removeItem(KEY); } catch (e) { /* storage unavailable: nothing kept */ }
    edit(0, rows.length, initial.slice(), 0, "saved work cleared, the aligner's rows back (undo brings the edits back)");
  }

  function select(i, quiet) {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, i));
    var old = els[sel];
    if (old) { old.classList.remove("sel"); old.setAttribute("aria-selected", "false"); markSide(old, null); }
    sel = i;
    var e = els[sel];
    e.classList.add("sel");
    e.setAttribute("aria-selected", "true");
    markSide(e, side);
    $("rows").setAttribute("aria-activedescendant", e.id);
    if (quiet === "first" && i === 0) return;
    e.style.scrollMarginTop = ($("top").offsetHeight + 4) + "px";
    e.scrollIntoView({ block: "nearest" });
    if (!quiet) say("");
  }
  function markSide(e, s) {
    e.querySelector(".en").classList.toggle("side", s === "en");
    e.querySelector(".ja").classList.toggle("side", s === "ja");
  }
  function step(d) {
    for (var i = sel + d; i >= 0 && i < rows.length; i += d) {
      if (visible(rows[i])) return select(i);
    }
  }
  function nextUnreviewed() {
    for (var k = 1; k <= rows.length; k++) {
      var i = (sel + k) % rows.length;
      if (rows[i].st === "u" && visible(rows[i])) return select(i);
    }
    say("No unreviewed row" + (filter === "all" ? "" : " among the rows shown"));
  }
  function setFilter(f) {
    filter = f;
    $("filter").value = f;
    var shown = 0;
    rows.forEach(function (r, i) {
      var v = visible(r);
      els[i].classList.toggle("hide", !v);
      if (v) shown++;
    });
    if (!visible(rows[sel])) step(1);
    say(shown + " of " + rows.length + " rows shown");
  }

  function changed() {
    save();
    summary();
  }
  function summary() {
    var c = { u: 0, a: 0, r: 0 }, edited = 0;
    rows.forEach(function (r) { c[r.st]++; if (r.sc === null) edited++; });
    $("summary").textContent = rows.length + " rows \u00b7 " + c.a + " approved \u00b7 " + c.r +
      " rejected \u00b7 " + c.u + " unreviewed \u00b7 " + edited + " changed by hand \u00b7 " +
      D.findings.length + " findings \u00b7 " + NEN + " English and " + NJA + " Japanese sentences";
    $("b-undo").disabled = !undoStack.length;
    $("b-redo").disabled = !redoStack.length;
  }
  function same(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) {
      var x = a[i], y = b[i];
      if (x.e0 !== y.e0 || x.e1 !== y.e1 || x.j0 !== y.j0 || x.j1 !== y.j1 || x.st !== y.st || x.sc !== y.sc) return false;
    }
    return true;
  }
  function save() {
    if (READ_ONLY) return;
    try {
      if (same(rows, initial)) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, JSON.stringify({ rows: rows.map(function (r) { return [r.e0, r.e1, r.j0, r.j1, r.st, r.sc]; }), sel: sel }));
    } catch (e) {
      say("Cannot save in this browser's storage: " + e.message);
    }
  }
  function restore() {
    if (READ_ONLY) return false;
    var saved;
    try { saved = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { return false; }
    if (!saved || !Array.isArray(saved.rows)) return false;
    var list = saved.rows.map(function (a) { return { e0: a[0], e1: a[1], j0: a[2], j1: a[3], st: a[4], sc: a[5] }; });
    if (!valid(list)) { say("The saved work does not fit this document and was ignored"); return false; }
    rows = list;
    sel = Math.max(0, Math.min(rows.length - 1, saved.sel | 0));
    return true;
  }

  var message = $("message");
  var messageTimer = null;
  function say(text) {
    message.textContent = text;
    clearTimeout(messageTimer);
    if (text) messageTimer = setTimeout(function () { message.textContent = ""; }, 4000);
  }

  // Exports. CSV quotes as hashi align's (the csv crate): a field holding a comma, a quote, CR
  // or LF is quoted, quotes doubled. TMX is written as hashi align --format tmx writes it.
  function ids(a, b, sepr) {
    var out = [];
    for (var i = a; i < b; i++) out.push(i);
    return out.join(sepr);
  }
  function enText(r) { return D.en.slice(r.e0, r.e1).join(" "); }
  function jaText(r) { return D.ja.slice(r.j0, r.j1).join(""); }
  function csvField(s) { return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  var STATUS_WORD = { u: "unreviewed", a: "approved", r: "rejected" };
  function csv() {
    var lines = ["en_ids,ja_ids,en,ja,score,kind,status"];
    rows.forEach(function (r) {
      lines.push([ids(r.e0, r.e1, ";"), ids(r.j0, r.j1, ";"), enText(r), jaText(r), r.sc === null ? "" : r.sc,
        (r.e1 - r.e0) + "-" + (r.j1 - r.j0), STATUS_WORD[r.st]].map(csvField).join(","));
    });
    return lines.join("\n") + "\n";
  }
  function xml(s, attr) {
    var out = "";
    for (var ch of s) {
      var c = ch.codePointAt(0);
      if (ch === "&") out += "&amp;";
      else if (ch === "<") out += "&lt;";
      else if (ch === ">") out += "&gt;";
      else if (ch === '"') out += "&quot;";
      else if (ch === "\r") out += "&#13;";
      else if (ch === "\t" || ch === "\n") out += attr ? (ch === "\t" ? "&#9;" : "&#10;") : ch;
      // XML 1.0's Char: no other control character, no lone surrogate, no U+FFFE/U+FFFF.
      else if ((c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000) out += ch;
    }
    return out;
  }
  function tmx() {
    var en = xml(D.tmx.en_lang, true), ja = xml(D.tmx.ja_lang, true);
    var out = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n' +
      '  <header creationtool="hashi" creationtoolversion="' + xml(D.version, true) +
      '" segtype="sentence" o-tmf="hashi" adminlang="en" srclang="' + xml(D.tmx.srclang, true) +
      '" datatype="plaintext"/>\n  <body>\n';
    rows.forEach(function (r) {
      if (r.st !== "a" || r.e0 === r.e1 || r.j0 === r.j1) return;
      out += "    <tu>\n";
      if (r.sc !== null) out += '      <prop type="x-score">' + r.sc + "</prop>\n";
      out += '      <tuv xml:lang="' + en + '"><seg>' + xml(enText(r), false) + "</seg></tuv>\n";
      out += '      <tuv xml:lang="' + ja + '"><seg>' + xml(jaText(r), false) + "</seg></tuv>\n";
      out += "    </tu>\n";
    });
    return out + "  </body>\n</tmx>\n";
  }
  function beads() {
    var out = "";
    rows.forEach(function (r) {
      if (r.st === "r" && r.e0 < r.e1 && r.j0 < r.j1) {
        // A rejected pair says these sentences are not each other's translation.
        for (var i = r.e0; i < r.e1; i++) out += "[" + i + "]:[]\n";
        for (var j = r.j0; j < r.j1; j++) out += "[]:[" + j + "]\n";
      } else {
        out += "[" + ids(r.e0, r.e1, ",") + "]:[" + ids(r.j0, r.j1, ",") + "]\n";
      }
    });
    return out;
  }
  var base = (D.name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+|_+$/g, "").slice(0, 80)) || "hashi";
  function download(text, name, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    say("Downloaded " + name);
  }

  function toggleHelp(show) {
    var help = $("help");
    help.hidden = show === undefined ? !help.hidden : !show;
    $("b-help").setAttribute("aria-expanded", String(!help.hidden));
  }

  var EDITS = {
    a: function () { setStatus("a"); }, r: function () { setStatus("r"); }, m: merge, s: split,
    "[": moveUp, "]": moveDown, u: undo, U: redo
  };
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && (t.tagName === "SELECT" || t.tagName === "INPUT" || t.tagName === "TEXTAREA")) return;
    var k = ev.key;
    if (ev.ctrlKey || ev.metaKey) {
      var lower = k.toLowerCase();
      if (READ_ONLY || ev.altKey) return;
      if (lower === "z" && !ev.shiftKey) undo();
      else if (lower === "y" || (lower === "z" && ev.shiftKey)) redo();
      else return;
      ev.preventDefault();
      return;
    }
    if (ev.altKey) return;
    var act = null;
    if (k === "j" || k === "ArrowDown") act = function () { step(1); };
    else if (k === "k" || k === "ArrowUp") act = function () { step(-1); };
    else if (k === "Home" || k === "g") act = function () { select(0); if (!visible(rows[sel])) step(1); };
    else if (k === "End" || k === "G") act = function () { select(rows.length - 1); if (!visible(rows[sel])) step(-1); };
    else if (k === "h" || k === "ArrowLeft") act = function () { side = "en"; markSide(els[sel], side); say("English side selected"); };
    else if (k === "l" || k === "ArrowRight") act = function () { side = "ja"; markSide(els[sel], side); say("Japanese side selected"); };
    else if (k === "n") act = nextUnreviewed;
    else if (k === "f") act = function () { setFilter({ all: "low", low: "findings", findings: "all" }[filter]); };
    else if (k === "?") act = function () { toggleHelp(); };
    else if (k === "Escape") act = function () { toggleHelp(false); };
    else if (!READ_ONLY && Object.prototype.hasOwnProperty.call(EDITS, k)) act = EDITS[k];
    if (!act) return;
    ev.preventDefault();
    act();
  });
  $("rows").addEventListener("click", function (ev) {
    var row = ev.target.closest(".row");
    if (!row) return;
    var i = els.indexOf(row);
    if (i < 0) return;
    if (ev.target.closest(".en")) side = "en";
    else if (ev.target.closest(".ja")) side = "ja";
    select(i);
  });
  var clicks = {
    "b-approve": function () { setStatus("a"); }, "b-reject": function () { setStatus("r"); },
    "b-merge": merge, "b-split": split, "b-up": moveUp, "b-down": moveDown, "b-undo": undo, "b-redo": redo,
    "b-next": nextUnreviewed, "b-clear": clearWork, "b-help": function () { toggleHelp(); },
    "b-csv": function () { download(csv(), base + ".reviewed.csv", "text/csv;charset=utf-8"); },
    "b-tmx": function () { download(tmx(), base + ".approved.tmx", "application/xml"); },
    "b-beads": function () { download(beads(), base + ".reviewed.align", "text/plain;charset=utf-8"); }
  };
  Object.keys(clicks).forEach(function (id) {
    $(id).addEventListener("click", function () { clicks[id](); });
  });
  $("filter").addEventListener("change", function () { setFilter($("filter").value); });

  if (READ_ONLY) {
    document.body.classList.add("read-only");
    $("app").textContent = "hashi check";
  }
  $("docname").textContent = D.name;
  var restored = restore();
  // Rows go in blocks of CHUNK, each laid out and painted only near the screen
  // (content-visibility): per-row containment costs every scrolled frame time in proportion
  // to the rows, per-block containment does not. Edits insert into the neighbours' block.
  var frag = document.createDocumentFragment();
  els = rows.map(render);
  var CHUNK = 64;
  for (var c = 0; c < els.length; c += CHUNK) {
    var block = el("div", "chunk");
    els.slice(c, c + CHUNK).forEach(function (e) { block.appendChild(e); });
    frag.appendChild(block);
  }
  if (!els.length) frag.appendChild(el("div", "chunk"));
  $("rows").appendChild(frag);
  select(sel, "first");
  summary();
  if (D.verdict) {
    // A pair that is not a whole translation says so above the rows, once.
    $("verdict").textContent = "Verdict: " + D.verdict;
    $("verdict").hidden = false;
  }
  if (restored) say("Saved work restored (" + rows.length + " rows); \u201cClear saved work\u201d starts again");
  // Time to the first frame with the rows, for the browser test and the curious.
  requestAnimationFrame(function () {
    setTimeout(function () {
      document.body.dataset.renderMs = (performance.now()).toFixed(0);
      document.body.dataset.scriptMs = (performance.now() - started).toFixed(0);
      document.body.dataset.ready = "1";
    }, 0);
  });
})();
