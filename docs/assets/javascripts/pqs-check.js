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
      results.hidden = false;
      status.textContent = summary;
    }

    function run(job, source, name) {
      if (!worker) worker = new Worker(new URL("pqs-check-worker.js", here).href);
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
  }

  function start() {
    var root = document.getElementById("pqs-check");
    if (root) setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
