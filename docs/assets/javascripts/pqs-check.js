/* The PQS checker page (docs/check.md): the form, the progress bar and the results.
 *
 * A trainer pastes or drops a module-to-ID list. The work runs in a worker
 * (pqs-check-worker.js), which applies pqs-check's own rules (pqs-check-rules.js,
 * generated from macros/checker/rules.py) with the engine in pqs-check-engine.js,
 * and fetches the site's list of IDs (exports/pqs.json) on the first check, not
 * before. Nothing is sent anywhere: the file is read in the browser.
 */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : document.baseURI;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function plural(n, one, many) { return n.toLocaleString("en-GB") + " " + (n === 1 ? one : many || one + "s"); }

  /* -- The heat map and its picture -------------------------------------------------------------
   * The build publishes the drawing of macros/checker/heatmap.py, with a marker for every value that
   * depends on the list, and the words and levels it fills them with (a JSON file, named by data-heat).
   * These functions fill them in by the same rule as heatmap.values and heatmap.fill, so the picture
   * downloaded here is byte for byte the one pqs-check --svg writes for the same list. */

  /* heatmap.xml: & < > " ' escaped as Python's html.escape does */
  function xml(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function fmt(template, fields) { return template.replace(/\{(\w+)\}/g, function (m, k) { return String(fields[k]); }); }

  /* heatmap.values: every marker's value, from the worker's grid */
  function heatValues(grid, words) {
    var level = function (refs) {
      var found = 0;
      words.levels.forEach(function (l, i) { if (refs >= l[0]) found = i; });
      return found;
    };
    var count = function (refs) { return words.count[String(refs)] || fmt(words.count.n, { n: refs }); };
    var statements = function (cited, recorded) {
      return recorded ? fmt(words.statements[recorded === 1 ? "1" : "n"], { cited: cited, recorded: recorded }) : "";
    };
    var v = {};
    var cited = 0, total = 0;
    grid.forEach(function (d) {
      v["D:" + d.id] = fmt(words.domain, { cited: d.outcomes_cited, total: d.outcomes.length });
      d.outcomes.forEach(function (o) {
        total++;
        if (o.cited) cited++;
        v["L:" + o.id] = String(level(o.refs));
        v["C:" + o.id] = count(o.refs);
        if (o.knows[1] + o.does[1]) v["S:" + o.id] = statements(o.knows[0] + o.does[0], o.knows[1] + o.does[1]);
      });
    });
    v.SUMMARY = fmt(words.summary, { cited: cited, total: total });
    return v;
  }

  /* heatmap.fill */
  function heatSvg(heat, v) {
    return heat.svg.replace(new RegExp(heat.marker, "g"), function (m, key, id) { return xml(v[id ? key + ":" + id : key]); });
  }

  /* -- The picture's address: the IDs the list cites, after the # (never sent to a server) -------------
   * "#cited=3.1,3.2-D2*2,6.2-D1&wrong=3.2%20DD2,7.1&unrecorded=3.2%20D9&more=3":
   * - cited: each valid ID as in its permalink, with how often it is cited when more than once;
   * - wrong, unrecorded: the IDs to correct and those not recorded here, each as the list writes it
   *   (percent-encoded), with how often; "wrong" is always there, empty when there is none, so a link
   *   made before the lists were carried can be told from one whose list had none;
   * - more: how many of those references the link leaves out (past LINK_MOST characters, past what the
   *   checker lists, or cut short by it), so the page can say so.
   * No module name, file name, line number or other text of the list is in it. */
  var SHARE = "cited=";
  var SHARE_LABEL = "Shared link";
  var LEFT_WHY = "a link holds at most 2,000 characters of them, and an ID that takes its meaning from the IDs " +
    "around it (D3 in “3.2 D2, D3”, the end of a range) cannot be checked without the words around it";
  var SHARE_MOST = 10000;  /* references a link may ask for, so a link cannot make the page build a huge list */
  var LINK_MOST = 2000;  /* characters after the #: the lists to correct are left out past it (the cited IDs never are) */
  /* An ID as a list writes it, to correct or not recorded, as the checker shows it: one line of at most 40
   * characters (rules.SHOWN_MAX) with a digit, without control or line-separating characters, nor the "…"
   * of an ID the checker cut short. What the link's list holds is the checker's to read, as it reads a
   * pasted list: it shows only the IDs it finds there, as text. (A message about a link that is refused
   * shows the invisible and direction-changing characters of what it quotes as \ufffd too.) */
  var BREAKS = "\\u0000-\\u001f\\u007f-\\u009f\\u2026\\u2028\\u2029";
  var WRITTEN = new RegExp("^(?=[^]*[0-9\\uff10-\\uff19])[^" + BREAKS + "]{1,40}$");
  var UNSEEN_ANY = new RegExp("[" + BREAKS + "\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]", "g");

  function encode(s) {
    return encodeURIComponent(s).replace(/[!'()*~]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }

  /* [[written, times], ...] in the order each is first written */
  function tally(refs) {
    var out = [], at = {};
    refs.forEach(function (r) {
      if (!Object.prototype.hasOwnProperty.call(at, r.written)) { at[r.written] = out.length; out.push([r.written, 0]); }
      out[at[r.written]][1]++;
    });
    return out;
  }

  /* Whether a reference means the same on its own, and so can be checked again from a link: not a shorthand
   * that takes its outcome from the ID before it ("D3" in "3.2 D2, D3"), nor the end of a range, judged with
   * the other end (a message of the rules that quotes the {range}). A link cannot carry those without the
   * sender's words around them: they are left out, and counted. */
  var ranged = null;
  function alone(ref) {
    if (ref.written.indexOf(".") < 0 && !/^[0-9\uff10-\uff19]/.test(ref.written)) return false;
    if (!ranged) {
      var verdicts = (globalThis.PQSRules && globalThis.PQSRules.verdicts) || [];
      ranged = verdicts.filter(function (v) { return v[3].indexOf("{range}") >= 0; }).map(function (v) {
        return new RegExp("^" + v[3].split(/\{\w+\}/).map(function (part) {
          return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        }).join("[^]*") + "$");
      });
    }
    return !ranged.some(function (re) { return re.test(ref.message); });
  }

  /* The address of a checked list's picture: {hash, carried: {wrong, unrecorded}, left} */
  function shareLink(r) {
    var hash = "#" + SHARE + r.cited.map(function (c) { return c[0].replace(" ", "-") + (c[1] > 1 ? "*" + c[1] : ""); }).join(",");
    var left = (r.errors.total - r.errors.shown.length) + (r.notRecorded.total - r.notRecorded.shown.length);
    var carried = { wrong: 0, unrecorded: 0 };
    [["wrong", r.errors.shown], ["unrecorded", r.notRecorded.shown]].forEach(function (kind) {
      var items = [];
      var size = hash.length + kind[0].length + 2;
      var own = kind[1].filter(alone);
      left += kind[1].length - own.length;
      tally(own).forEach(function (t) {
        var item = encode(t[0]) + (t[1] > 1 ? "*" + t[1] : "");
        /* cut short by the checker ("…"), it would not be read as it was written: left out, and counted */
        if (!WRITTEN.test(t[0]) || size + item.length + 1 > LINK_MOST) {
          left += t[1];
          return;
        }
        items.push(item);
        size += item.length + 1;
        carried[kind[0]] += t[1];
      });
      if (items.length || kind[0] === "wrong") hash += "&" + kind[0] + "=" + items.join(",");
    });
    if (left) hash += "&more=" + left;
    return { hash: hash, carried: carried, left: left };
  }

  /* The list a shared link stands for, one reference a line, for the checker to read as any list:
   * {text, lists, more} or {error}. Whether each ID is right is the checker's to say, not this function's:
   * an ID to correct is checked again, after "PQS" (or "PQS domain" when it has no dot), which gives each
   * the verdict, the message and the nearest IDs its sender saw (tests/test_shared_view.py). */
  function fromHash(hash) {
    if (hash.indexOf("#" + SHARE) !== 0) return null;
    var notWell = { error: "its address is not well formed" };
    var parts = {};
    var pieces = hash.slice(1).split("&");
    for (var p = 0; p < pieces.length; p++) {
      var eq = pieces[p].indexOf("=");
      var key = eq > 0 ? pieces[p].slice(0, eq) : pieces[p];
      if (eq < 0 || !/^(cited|wrong|unrecorded|more)$/.test(key) || Object.prototype.hasOwnProperty.call(parts, key)) return notWell;
      parts[key] = pieces[p].slice(eq + 1);
    }
    var body;
    try { body = decodeURIComponent(parts.cited); } catch (e) { return notWell; }
    var lines = [];
    var items = body ? body.split(",") : [];
    for (var i = 0; i < items.length; i++) {
      var m = /^([0-9][0-9A-Za-z.\-]{0,39})(?:\*([0-9]{1,6}))?$/.exec(items[i].trim());
      if (!m) return { error: "“" + items[i].slice(0, 40) + "” is not an ID" };
      var slug = m[1];
      var n = m[2] ? parseInt(m[2], 10) : 1;
      if (lines.length + n > SHARE_MOST) return { error: "it asks for more than " + plural(SHARE_MOST, "reference") };
      var written = /[A-Za-z]/.test(slug) ? slug.replace("-", " ") : slug.indexOf(".") >= 0 ? "PQS " + slug : "PQS domain " + slug;
      for (var k = 0; k < n; k++) lines.push(SHARE_LABEL + ": " + written);
    }
    var lists = ["wrong", "unrecorded"];
    for (var l = 0; l < lists.length; l++) {
      var raw = parts[lists[l]];
      var listed = raw ? raw.split(",") : [];
      for (var j = 0; j < listed.length; j++) {
        var w = /^([^*]+)(?:\*([0-9]{1,6}))?$/.exec(listed[j]);
        if (!w) return notWell;
        var as;
        try { as = decodeURIComponent(w[1]); } catch (e) { return notWell; }
        if (!WRITTEN.test(as)) {
          return { error: "“" + as.slice(0, 40).replace(UNSEEN_ANY, "\ufffd") + "” is not an ID as a list writes it" };
        }
        var times = w[2] ? parseInt(w[2], 10) : 1;
        if (lines.length + times > SHARE_MOST) return { error: "it asks for more than " + plural(SHARE_MOST, "reference") };
        var line = SHARE_LABEL + ": " + (as.indexOf(".") < 0 ? "PQS domain " : "PQS ") + as;
        for (var t = 0; t < times; t++) lines.push(line);
      }
    }
    var more = 0;
    if (Object.prototype.hasOwnProperty.call(parts, "more")) {
      if (!/^[0-9]{1,7}$/.test(parts.more)) return notWell;
      more = parseInt(parts.more, 10);
    }
    return { text: lines.join("\n"), lists: Object.prototype.hasOwnProperty.call(parts, "wrong"), more: more };
  }

  /* For the tests, which run the link's two directions in Node (tests/test_shared_view.py). */
  globalThis.PQSShare = { link: shareLink, read: fromHash };

  function setup(root) {
    var form = root.querySelector("form");
    var textarea = root.querySelector("#pqs-check-text");
    var fileInput = root.querySelector("#pqs-check-file");
    var drop = root.querySelector("#pqs-check-drop");
    var status = root.querySelector("#pqs-check-status");
    var progress = root.querySelector("#pqs-check-progress");
    var results = root.querySelector("#pqs-check-results");
    var exportUrl = new URL(root.getAttribute("data-export"), document.baseURI);
    var siteRoot = new URL("../", exportUrl);
    var downloadUrl = null;
    var svgUrl = null;
    var shown = null;  /* the address of the picture on show */
    var worker = null;
    var jobs = 0;

    function link(pair, label) {
      return pair[1] ? el("a", { href: new URL(pair[1], siteRoot).href, text: label || pair[0] }) : el("span", { text: label || pair[0] });
    }

    function listInto(node, items) {
      node.textContent = "";
      items.forEach(function (li) { node.appendChild(li); });
    }

    function more(list, total, what) {
      return total > list.length ? [el("li", { text: "… and " + plural(total - list.length, what) + " more, not shown here." })] : [];
    }

    function where(r) {
      return [el("strong", { text: "Line " + r.line }), r.label ? " (" + r.label + ")" : "", r.field ? ", column " + r.field : ""];
    }

    /* One reference to correct or not recorded: where it is and what is wrong; in a shared view, which
     * carries no lines or module names, each ID once, with how often the list writes it. */
    function reference(r) {
      var said = r.times ? [r.status.charAt(0).toUpperCase() + r.status.slice(1) + " ID ", el("code", { text: r.written }),
        (r.times > 1 ? " (written " + plural(r.times, "time") + ")" : "") + ": " + r.message + "."]
        : where(r).concat([": " + r.status + " ID ", el("code", { text: r.written }), ": " + r.message + "."]);
      var li = el("li", {}, said);
      if (r.suggestions.length) {
        li.appendChild(document.createTextNode(" Nearest: "));
        r.suggestions.forEach(function (s, i) {
          if (i) li.appendChild(document.createTextNode(", "));
          li.appendChild(link(s));
        });
        li.appendChild(document.createTextNode("."));
      }
      return li;
    }

    /* A shared view's references: each written form once, with how often (its lines are the link's, not the sender's). */
    function once(refs) {
      var out = [], at = {};
      refs.forEach(function (x) {
        var key = x.status + "\u0000" + x.written;
        if (!Object.prototype.hasOwnProperty.call(at, key)) {
          at[key] = out.length;
          out.push(Object.assign({}, x, { times: 0 }));
        }
        out[at[key]].times++;
      });
      return out;
    }

    function render(source, r, shared) {
      var kinds = r.kinds.map(function (k) { return k[1] + " of " + k[2] + " recorded " + k[0] + " statements"; });
      var whose = shared ? "The shared list" : "Your list";
      var references = r.ok + r.errors.total + r.notRecorded.total;
      var summary = "Checked " + source + ": " + (shared ? plural(references, "reference") : plural(r.lines, "line")) + ", " +
        (r.errors.total ? plural(r.errors.total, "ID") + " to correct, " : "no IDs to correct, ") +
        (r.notRecorded.total ? plural(r.notRecorded.total, "ID") + " not recorded here, " : "") +
        (r.reused && r.reused.total ? plural(r.reused.total, "ID") + " to check which edition you meant, " : "") +
        plural(r.ok, "valid reference") + ". " + whose + " cites " + r.domainsCited + " of " + r.grid.length + " domains, " +
        r.outcomesCited + " of " + r.grid.reduce(function (n, d) { return n + d.outcomes.length; }, 0) + " outcomes, " +
        kinds.join(" and ") + ".";

      var errors = shared ? once(r.errors.shown) : r.errors.shown;
      var unrecordedShown = shared ? once(r.notRecorded.shown) : r.notRecorded.shown;
      var none = shared && !shared.lists
        ? "Not known: this link is of an older kind, which carried only the valid IDs, so it cannot say whether the list had IDs to correct."
        : shared && shared.more
          ? "None of the IDs this link carries is wrong for the " + r.edition.short_title + "; it leaves out " +
            plural(shared.more, "reference") + " to correct or not recorded here, as it says under the picture."
          : "None: no ID in " + (shared ? "the shared list" : "your list") + " is wrong for the " + r.edition.short_title + ".";
      listInto(root.querySelector("#pqs-check-problems"), r.errors.total ? errors.map(reference).concat(more(r.errors.shown, r.errors.total, "ID"))
        : [el("li", { text: none })]);

      var unrecorded = root.querySelector("#pqs-check-unrecorded");
      unrecorded.hidden = !r.notRecorded.total;
      listInto(root.querySelector("#pqs-check-unrecorded-list"),
        unrecordedShown.map(reference).concat(more(r.notRecorded.shown, r.notRecorded.total, "ID")));
      listInto(root.querySelector("#pqs-check-official"), r.notRecorded.links.map(function (l) {
        return el("li", {}, [el("a", { href: l[1], text: l[0] })]);
      }));

      var reused = root.querySelector("#pqs-check-reused");
      var reusedShown = r.reused ? (shared ? once(r.reused.shown) : r.reused.shown) : [];
      reused.hidden = !(r.reused && r.reused.total);
      if (r.reused) listInto(root.querySelector("#pqs-check-reused-list"), reusedShown.map(reference).concat(more(r.reused.shown, r.reused.total, "ID")));

      var hints = root.querySelector("#pqs-check-uncounted");
      hints.hidden = !!shared || (!r.uncounted.total && !r.notes.length);
      listInto(root.querySelector("#pqs-check-notes"), r.notes.map(function (n) { return el("li", { text: n }); }).concat(
        r.uncounted.shown.map(function (u) {
          return el("li", {}, [el("strong", { text: "Line " + u.line }), u.label ? " (" + u.label + ")" : "", ": ",
            el("code", { text: u.written }), " was not counted. If it is a PQS outcome, write ", el("code", { text: "PQS " + u.written }),
            " or put it in a column headed PQS."]);
        }), more(r.uncounted.shown, r.uncounted.total, "number")));

      var table = root.querySelector("#pqs-check-grid");
      Array.prototype.slice.call(table.tBodies).forEach(function (b) { table.removeChild(b); });
      r.grid.forEach(function (d) {
        var head = el("tr", { class: "pqs-check-domain" }, [
          el("th", { scope: "colgroup", colspan: "6", id: "pqs-check-domain-" + d.id }, [
            link([d.id, d.page], "Domain " + d.id), ": " + d.title + " (" + d.outcomes_cited + " of " + d.outcomes.length + " outcomes cited)"])
        ]);
        var rows = d.outcomes.map(function (o) {
          var kind = function (k) { return k[1] ? k[0] + " of " + k[1] + " recorded" : "none recorded"; };
          return el("tr", { class: o.cited ? "pqs-check-cited" : "pqs-check-missed", "data-outcome": o.id }, [
            el("th", { scope: "row" }, [link([o.id, o.page]), " " + o.text]),
            el("td", { text: o.cited ? "Yes" : "No" }),
            el("td", { text: String(o.references) }),
            el("td", { text: kind(o.knows) }),
            el("td", { text: kind(o.does) }),
            el("td", { text: shared ? (o.cited ? "not in a link" : "") : o.modules })
          ]);
        });
        table.appendChild(el("tbody", {}, [head].concat(rows)));
      });

      if (downloadUrl) URL.revokeObjectURL(downloadUrl);
      downloadUrl = URL.createObjectURL(new Blob([r.csv], { type: "text/csv;charset=utf-8" }));
      root.querySelector("#pqs-check-download").href = downloadUrl;
      showShared(shared, r);
      var done = function () {
        results.hidden = false;
        status.textContent = summary;
        if (shared) {
          /* open on the picture, its heading focused, so a reader (and a screen reader) starts there */
          sharedHeading.focus({ preventScroll: true });
          sharedHeading.scrollIntoView({ block: "start" });
        }
      };
      paintHeat(r).then(done, done); /* without the picture's drawing (offline), the rest still shows */
    }

    /* -- The shared view: a link's picture first, under a heading that says what it is; then its lists. -- */
    var lists = root.querySelector("#pqs-check-lists");
    var picture = root.querySelector("#pqs-check-picture");
    var sharedBox = root.querySelector("#pqs-shared");
    var sharedHeading = root.querySelector("#pqs-shared-heading");
    var own = root.querySelector("#pqs-check-own");

    function showShared(shared, r) {
      sharedBox.hidden = !shared;
      own.hidden = !!shared;
      root.querySelector("#pqs-heat-share").hidden = !!shared;
      root.querySelector("#pqs-shared-limits").hidden = !shared;
      if (shared) results.insertBefore(picture, lists);
      else results.insertBefore(lists, picture);
      if (!shared) return;
      var total = r.grid.reduce(function (n, d) { return n + d.outcomes.length; }, 0);
      var below = [];
      if (r.errors.total) below.push(plural(r.errors.total, "ID") + " to correct");
      if (r.notRecorded.total) below.push(plural(r.notRecorded.total, "ID") + " not recorded here");
      root.querySelector("#pqs-shared-what").textContent = "Someone sent you a link to the picture of their list: it cites " +
        r.outcomesCited + " of " + total + " outcomes of the " + r.edition.short_title + ". " +
        (below.length ? "Below the picture: " + below.join(" and ") + "." :
          shared.lists && !shared.more ? "It has no IDs to correct." : "");
      root.querySelector("#pqs-shared-left").textContent = shared.more
        ? "This link leaves out " + plural(shared.more, "more reference") + " to correct or not recorded here: " + LEFT_WHY + "."
        : shared.lists ? "" : "This link is of an older kind, which carried only the valid IDs: the IDs to correct and those not recorded here, if the list had any, are not in it.";
    }

    /* Each level's mark: three dots, as many filled as the level (pqs.css; the SVG draws the same). */
    function marks() {
      return el("span", { class: "pqs-heat-mark", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]);
    }
    Array.prototype.forEach.call(root.querySelectorAll(".pqs-heat-swatch"), function (swatch) { swatch.appendChild(marks()); });
    Array.prototype.forEach.call(root.querySelectorAll("#pqs-heat-grid [data-outcome]"), function (cell) {
      cell.insertBefore(marks(), cell.querySelector(".pqs-grid-text"));
      cell.appendChild(el("span", { class: "pqs-heat-short", "aria-hidden": "true" }));
    });

    /* "Print the picture": the picture alone (pqs.css, html.pqs-print-picture), until the print is done. */
    var printing = document.documentElement.classList;
    window.addEventListener("afterprint", function () { printing.remove("pqs-print-picture"); });
    root.querySelector("#pqs-heat-print").addEventListener("click", function () {
      printing.add("pqs-print-picture");
      window.print();
    });

    /* The picture's drawing and words (macros/checker/heatmap.py), a file of the build (data-heat): fetched
     * once, when the first check starts, beside the worker's own fetch of the IDs. */
    var heatNode = document.getElementById("pqs-heat");
    var heatUrl = heatNode && heatNode.getAttribute("data-heat") ? new URL(heatNode.getAttribute("data-heat"), document.baseURI).href : null;
    var heatData = null;
    function heat() {
      if (!heatData) {
        heatData = fetch(heatUrl).then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        });
        heatData.catch(function () { heatData = null; }); /* try again on the next check */
      }
      return heatData;
    }

    /* The heat map: each cell's level, its words; the picture to download; the address to share. */
    function paintHeat(r) {
      if (!heatUrl) return Promise.resolve();
      return heat().then(function (data) { drawHeat(r, data); });
    }

    function drawHeat(r, heat) {
      var v = heatValues(r.grid, heat.words);
      var outcomes = {};
      r.grid.forEach(function (d) { d.outcomes.forEach(function (o) { outcomes[o.id] = o; }); });
      root.querySelector("#pqs-heat-summary").textContent = fmt(heat.words.title, { edition: r.edition.short_title }) + ": " + v.SUMMARY + ".";
      Array.prototype.forEach.call(root.querySelectorAll("#pqs-heat-grid [data-outcome]"), function (cell) {
        var id = cell.getAttribute("data-outcome");
        cell.className = cell.className.replace(/\bpqs-heat-[0-9]+\b/, "pqs-heat-" + v["L:" + id]);
        cell.querySelector(".pqs-grid-count").textContent = v["C:" + id];
        var st = cell.querySelector(".pqs-grid-statements");
        if (st) st.textContent = v["S:" + id];
        /* the phone's short form of the same two counts: "2×", "1/3" (docs/check.md says what they mean) */
        var o = outcomes[id];
        var recorded = o ? o.knows[1] + o.does[1] : 0;
        cell.querySelector(".pqs-heat-short").textContent = (o ? o.refs : 0) + "×" +
          (recorded ? " " + (o.knows[0] + o.does[0]) + "/" + recorded : "");
      });
      Array.prototype.forEach.call(root.querySelectorAll("#pqs-heat-grid [data-domain]"), function (span) {
        span.textContent = v["D:" + span.getAttribute("data-domain")];
      });
      if (svgUrl) URL.revokeObjectURL(svgUrl);
      svgUrl = URL.createObjectURL(new Blob([heatSvg(heat, v)], { type: "image/svg+xml;charset=utf-8" }));
      root.querySelector("#pqs-heat-svg").href = svgUrl;
      var made = shareLink(r);
      shown = made.hash;
      root.querySelector("#pqs-heat-left").textContent = made.left
        ? "It leaves out " + plural(made.left, "reference") + " to correct or not recorded here: " + LEFT_WHY + "." : "";
      if (location.hash !== shown && history.replaceState) history.replaceState(null, "", shown);
    }

    function run(job, source, name) {
      if (!worker) worker = new Worker(new URL("pqs-check-worker.js", here).href);
      if (heatUrl) heat().catch(function () { /* shown without it */ });
      job.id = ++jobs;
      job.exportUrl = exportUrl.href;
      status.textContent = "Checking " + source + "…";
      progress.value = 0;
      progress.hidden = false;
      root.setAttribute("aria-busy", "true");
      worker.onmessage = function (event) {
        var m = event.data;
        if (m.id !== jobs) return; /* an older check, overtaken by a newer one */
        if (m.type === "progress") {
          progress.value = m.total ? m.done / m.total : 0;
          return;
        }
        progress.hidden = true;
        root.removeAttribute("aria-busy");
        if (m.type === "result") render(source, m.result, job.shared);
        else if (m.type === "unreadable") status.textContent = name + " was not checked: " + m.message + ".";
        else {
          status.textContent = "The list of PQS IDs (" + exportUrl.pathname + ") could not be loaded, so nothing can be checked: " +
            m.message + ". The checker needs the site to be served over the web or by ./dev serve, not opened as a file.";
        }
      };
      worker.postMessage(job, job.bytes ? [job.bytes] : []);
    }

    function readFile(file) {
      if (!file) return;
      var rules = globalThis.PQSRules;
      if (file.size > rules.limits.max_bytes) {
        status.textContent = file.name + " was not checked: it is larger than " + rules.limits.max_bytes / 1048576 + " MB.";
        return;
      }
      status.textContent = "Reading " + file.name + "…";
      file.arrayBuffer().then(function (buffer) {
        /* As pqs-check: .csv and .tsv are tables; .txt is one if its first line is a header row; anything else is text. */
        var name = file.name.toLowerCase();
        var ends = function (list) { return list.some(function (s) { return name.slice(-s.length) === s; }); };
        var asTable = ends(rules.table_suffixes) ? true : ends(rules.text_or_table_suffixes) ? null : false;
        run({ bytes: buffer, asTable: asTable }, "the file " + file.name, file.name);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!textarea.value.trim()) {
        status.textContent = "Paste a list into the box first, or choose a file.";
        textarea.focus();
        return;
      }
      run({ text: textarea.value, asTable: null }, "your pasted list", "Your list");
    });
    fileInput.addEventListener("change", function () { readFile(fileInput.files[0]); });

    /* A link to a picture: check the list it stands for, on opening and when the address changes. */
    function openShared() {
      if (location.hash === shown) return;
      var shared = fromHash(location.hash);
      if (!shared) return;
      if (shared.error) {
        status.textContent = "This link to a picture cannot be shown: " + shared.error + ".";
        return;
      }
      /* the box stays as it was (empty, or the reader's own list): the link's list is not theirs */
      run({ text: shared.text, asTable: false, shared: { lists: shared.lists, more: shared.more } }, "the list from a shared link", "The shared link");
    }
    window.addEventListener("hashchange", openShared);

    var copied = root.querySelector("#pqs-heat-copied");
    root.querySelector("#pqs-heat-copy").addEventListener("click", function () {
      var link = location.href.split("#")[0] + (shown || "");
      var say = function (words) { copied.textContent = words; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(link).then(function () { say("Link copied."); }, function () { say("Copy the page's address to share it."); });
      } else {
        say("Copy the page's address to share it.");
      }
    });

    /* Drag and drop anywhere on the tool; the file input is the keyboard way in. */
    ["dragenter", "dragover"].forEach(function (type) {
      root.addEventListener(type, function (event) {
        event.preventDefault();
        drop.classList.add("pqs-check-drop--over");
      });
    });
    root.addEventListener("dragleave", function (event) {
      if (!root.contains(event.relatedTarget)) drop.classList.remove("pqs-check-drop--over");
    });
    root.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("pqs-check-drop--over");
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length) readFile(files[0]);
    });
    root.setAttribute("data-ready", "true");
    openShared();
  }

  function start() {
    var root = document.getElementById("pqs-check");
    if (root) setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
