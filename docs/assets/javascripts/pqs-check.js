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
   * "#cited=3.1,3.2-D2*2,6.2-D1": each ID as in its permalink, with how often it is cited when more than once. */
  var SHARE = "cited=";
  var SHARE_LABEL = "Shared link";
  var SHARE_MOST = 10000;  /* references a link may ask for, so a link cannot make the page build a huge list */

  function shareHash(cited) {
    return "#" + SHARE + cited.map(function (c) { return c[0].replace(" ", "-") + (c[1] > 1 ? "*" + c[1] : ""); }).join(",");
  }

  /* The list a shared link stands for, one reference a line, for the checker to read as any list:
   * {text} or {error}. Whether each ID is right is the checker's to say, not this function's. */
  function fromHash(hash) {
    if (hash.indexOf("#" + SHARE) !== 0) return null;
    var body;
    try { body = decodeURIComponent(hash.slice(SHARE.length + 1)); } catch (e) { return { error: "its address is not well formed" }; }
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
    return { text: lines.join("\n") };
  }

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

    function reference(r) {
      var li = el("li", {}, where(r).concat([": " + r.status + " ID ", el("code", { text: r.written }), ": " + r.message + "."]));
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

    function render(source, r) {
      var kinds = r.kinds.map(function (k) { return k[1] + " of " + k[2] + " recorded " + k[0] + " statements"; });
      var summary = "Checked " + source + ": " + plural(r.lines, "line") + ", " +
        (r.errors.total ? plural(r.errors.total, "ID") + " to correct, " : "no IDs to correct, ") +
        (r.notRecorded.total ? plural(r.notRecorded.total, "ID") + " not recorded here, " : "") +
        plural(r.ok, "valid reference") + ". Your list cites " + r.domainsCited + " of " + r.grid.length + " domains, " +
        r.outcomesCited + " of " + r.grid.reduce(function (n, d) { return n + d.outcomes.length; }, 0) + " outcomes, " +
        kinds.join(" and ") + ".";

      listInto(root.querySelector("#pqs-check-problems"), r.errors.total ? r.errors.shown.map(reference).concat(more(r.errors.shown, r.errors.total, "ID"))
        : [el("li", { text: "None: no ID in your list is wrong for the " + r.edition.short_title + "." })]);

      var unrecorded = root.querySelector("#pqs-check-unrecorded");
      unrecorded.hidden = !r.notRecorded.total;
      listInto(root.querySelector("#pqs-check-unrecorded-list"),
        r.notRecorded.shown.map(reference).concat(more(r.notRecorded.shown, r.notRecorded.total, "ID")));
      listInto(root.querySelector("#pqs-check-official"), r.notRecorded.links.map(function (l) {
        return el("li", {}, [el("a", { href: l[1], text: l[0] })]);
      }));

      var hints = root.querySelector("#pqs-check-uncounted");
      hints.hidden = !r.uncounted.total && !r.notes.length;
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
            el("td", { text: o.modules })
          ]);
        });
        table.appendChild(el("tbody", {}, [head].concat(rows)));
      });

      if (downloadUrl) URL.revokeObjectURL(downloadUrl);
      downloadUrl = URL.createObjectURL(new Blob([r.csv], { type: "text/csv;charset=utf-8" }));
      root.querySelector("#pqs-check-download").href = downloadUrl;
      var done = function () {
        results.hidden = false;
        status.textContent = summary;
      };
      paintHeat(r).then(done, done); /* without the picture's drawing (offline), the rest still shows */
    }

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
      Array.prototype.forEach.call(root.querySelectorAll("#pqs-heat-grid [data-outcome]"), function (cell) {
        var id = cell.getAttribute("data-outcome");
        cell.className = cell.className.replace(/\bpqs-heat-[0-9]+\b/, "pqs-heat-" + v["L:" + id]);
        cell.querySelector(".pqs-grid-count").textContent = v["C:" + id];
        var st = cell.querySelector(".pqs-grid-statements");
        if (st) st.textContent = v["S:" + id];
      });
      Array.prototype.forEach.call(root.querySelectorAll("#pqs-heat-grid [data-domain]"), function (span) {
        span.textContent = v["D:" + span.getAttribute("data-domain")];
      });
      if (svgUrl) URL.revokeObjectURL(svgUrl);
      svgUrl = URL.createObjectURL(new Blob([heatSvg(heat, v)], { type: "image/svg+xml;charset=utf-8" }));
      root.querySelector("#pqs-heat-svg").href = svgUrl;
      shown = shareHash(r.cited);
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
        if (m.type === "result") render(source, m.result);
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
      textarea.value = shared.text;
      run({ text: shared.text, asTable: false }, "the list from a shared link", "The shared link");
    }
    window.addEventListener("hashchange", openShared);

    root.querySelector("#pqs-heat-print").addEventListener("click", function () { window.print(); });
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
