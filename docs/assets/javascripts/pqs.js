/* PQS site behaviour: jump to an ID from the search box, copy-link and cite buttons.
 * Works without a server (no fetch): the ID list comes from pqs-ids.js. */
(function () {
  "use strict";

  /* The ID grammar and the URL layout come from the build (assets/javascripts/pqs-ids.js, written from
   * macros/core/ids.py and macros/routes.py), so they are written once, in Python. */
  var DATA = window.PQS_IDS || { grammar: { loose: "(?!)", loose_flags: "" }, urls: {}, outcomes: {}, pages: {} };
  var LOOSE = new RegExp(DATA.grammar.loose, DATA.grammar.loose_flags);

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  /* "3.2d2", "3.2-D2", "PQS 3.2 D2" -> {outcome: "3.2", id: "3.2 D2", part: "D2"} */
  function canonical(text) {
    var m = LOOSE.exec(text || "");
    if (!m) return null;
    var outcome = m[1] + "." + m[2];
    if (!m[3]) return { outcome: outcome, id: outcome, part: null };
    var part = m[3].toUpperCase() + m[4];
    return { outcome: outcome, id: outcome + " " + part, part: part };
  }

  function siteBase() {
    var el = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(el.textContent).base || "."; } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  /* Site-relative URL of a known ID, or null. */
  function urlFor(id) {
    if (!id) return null;
    if (DATA.pages[id.id]) return DATA.pages[id.id];
    var parts = DATA.outcomes[id.outcome];
    if (!parts) return null;
    if (!id.part) return fill(DATA.urls.outcome, { outcome: id.outcome });
    if (parts.indexOf(id.part) < 0) return null;
    return fill(DATA.urls.statement, { outcome: id.outcome, slug: id.id.replace(" ", "-") });
  }

  /* -- One judge of IDs: what the search box says of an ID the edition does not record is the checker's
   * verdict (its rules, pqs-check-rules.js, generated from macros/checker/rules.py, applied by its
   * engine to the current edition, pqs-judge-data.js), as the 404 page and pqs-check say it. The three
   * scripts load the first time they are needed; they are files of the site, so this works from disk. */
  var judging = null;
  function withJudge() {
    if (!judging) {
      judging = (DATA.judge || []).reduce(function (ready, path) {
        return ready.then(function () {
          return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = new URL(path, siteBase()).href;
            script.onload = resolve;
            script.onerror = reject;
            document.head.appendChild(script);
          });
        });
      }, Promise.resolve()).then(function () {
        return new globalThis.PQSCheck.Judge(window.PQS_JUDGE);
      });
      judging.catch(function () { judging = null; });
    }
    return judging;
  }

  /* What the search box says about text shaped like an ID that is not one recorded here, or null (a
   * recorded ID, or ordinary words): a promise of {kind, text, outcome?, links, nearest}. */
  function noteFor(text) {
    var id = canonical(text);
    if (id ? urlFor(id) : !/\p{Nd}/u.test(text || "")) return Promise.resolve(null);  /* no digit of any script: words */
    return withJudge().then(function (judge) {
      var engine = globalThis.PQSCheck, R = engine.rules;
      /* An ID alone is read as the 404 page reads an address; other text as the checker reads a line. */
      var found = engine.scan(text, id ? "domains" : null).found;
      if (!found.length) return null;
      var v = judge.judge(found[0]);
      if (R.valid.indexOf(v.status) >= 0) return null;
      var message = v.message.charAt(0).toUpperCase() + v.message.slice(1) + ".";
      if (v.status === R.not_recorded) {
        return { kind: "not-recorded", text: v.id + " is not recorded here. " + message, outcome: v.id.split(" ")[0], links: v.links, nearest: [] };
      }
      var edition = DATA.edition || {};
      return { kind: "unknown", text: found[0].written + " is not an ID of the " + (edition.short_title || "current edition") + ". " + message,
        links: [], nearest: v.suggestions || [] };
    });
  }

  window.PQS = { canonical: canonical, urlFor: urlFor, noteFor: noteFor };

  function showNote(note) {
    var results = document.querySelector(".md-search-result");
    if (!results) return;
    var box = document.getElementById("pqs-search-note");
    if (!note) { if (box) box.hidden = true; return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "pqs-search-note";
      box.className = "pqs-search-note";
      box.setAttribute("role", "status");
      results.insertAdjacentElement("afterbegin", box);
    }
    box.hidden = false;
    box.textContent = note.text + " ";
    var links = [];
    if (note.outcome) links.push(["Outcome " + note.outcome, new URL(fill(DATA.urls.outcome, { outcome: note.outcome }), siteBase()).href]);
    (note.links || []).forEach(function (l) { links.push([l[0], l[1]]); });
    note.nearest.forEach(function (id) {
      var target = urlFor(canonical(id));
      if (target) links.push([id, new URL(target, siteBase()).href]);
    });
    if (note.nearest.length && links.length) box.appendChild(document.createTextNode("Nearest IDs: "));
    links.forEach(function (l, i) {
      if (i) box.appendChild(document.createTextNode(" · "));
      var a = document.createElement("a");
      a.href = l[1];
      a.textContent = l[0];
      box.appendChild(a);
    });
  }

  /* Typing an ID that is not recorded here says so in the search results, visibly. */
  window.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || !input.matches || !input.matches("[data-md-component=search-query]")) return;
    var typed = input.value;
    noteFor(typed).then(function (note) { if (input.value === typed) showNote(note); }, function () { showNote(null); });
  }, true);

  /* Enter in the search box with an exact ID goes straight to it. */
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var input = event.target;
    if (!input || !input.matches || !input.matches("[data-md-component=search-query]")) return;
    var id = canonical(input.value);
    if (!id) return;  /* ordinary words: leave it to the search */
    event.preventDefault();
    event.stopImmediatePropagation();
    var target = urlFor(id);
    if (target) {
      location.href = new URL(target, siteBase()).href;
    } else {
      /* Shaped like an ID but not one recorded here: stay, and say so (visibly, and to screen readers). */
      noteFor(input.value).then(function (note) {
        if (!note) return;
        showNote(note);
        announce(note.text);
      });
    }
  }, true);

  /* One polite live region for messages that a sighted reader sees change. */
  function announce(message) {
    var region = document.getElementById("pqs-announce");
    if (!region) {
      region = document.createElement("div");
      region.id = "pqs-announce";
      region.className = "pqs-sr-only";
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    setTimeout(function () { region.textContent = message; }, 50);
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = button.dataset.done || "Copied";
      button.setAttribute("aria-label", button.dataset.doneLabel || "Link copied");
      announce(button.dataset.doneLabel || "Link copied");
      setTimeout(function () {
        button.textContent = button.dataset.idle || "Copy link";
        button.setAttribute("aria-label", button.dataset.label);
      }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else {
      fallback(text);
      done();
    }
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  function addCopyButtons() {
    var links = document.querySelectorAll("a[data-pqs-copy]");
    Array.prototype.forEach.call(links, function (link) {
      if (link.nextElementSibling && link.nextElementSibling.classList.contains("pqs-copy")) return;
      var button = document.createElement("button");
      var label = "Copy link to " + link.getAttribute("data-pqs-copy");
      button.type = "button";
      button.className = "pqs-copy";
      button.textContent = "Copy link";
      button.dataset.label = label;
      button.setAttribute("aria-label", label);
      button.setAttribute("data-pqs-url", link.href);
      button.addEventListener("click", function () { copyText(link.href, button); });
      link.insertAdjacentElement("afterend", button);
      if (link.hasAttribute("data-pqs-cite")) button.insertAdjacentElement("afterend", citeButton(link));
    });
  }

  /* A reference in the Harvard style (Cite Them Right). The page writes it with the edition, and
   * "as quoted in" its source where that is another document (macros/render/context.py: citation);
   * the permalink (which never changes meaning) and today's date, the access date, are filled in here. */
  function citation(link) {
    var accessed = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    return link.getAttribute("data-pqs-cite").replace("{url}", link.href).replace("{accessed}", accessed);
  }

  function citeButton(link) {
    var button = document.createElement("button");
    var label = "Cite: copy a reference to " + link.getAttribute("data-pqs-copy");  /* starts with the visible "Cite" (WCAG 2.5.3) */
    button.type = "button";
    button.className = "pqs-cite";
    button.textContent = "Cite";
    button.title = "Copy a reference (Harvard style) naming the edition, the source, the permalink and today's date";
    button.dataset.label = label;
    button.dataset.idle = "Cite";
    button.dataset.done = "Reference copied";
    button.dataset.doneLabel = "Reference copied";
    button.setAttribute("aria-label", label);
    button.addEventListener("click", function () { copyText(citation(link), button); });
    return button;
  }

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  /* A copy opened from disk (file://) shows a folder listing for a folder link (outcomes/3.2/):
   * point such links at the folder's index.html instead. Served pages are left alone. */
  function linkIndexFilesOffline() {
    if (location.protocol !== "file:") return;
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (link) {
      var url = new URL(link.getAttribute("href"), location.href);
      if (url.protocol === "file:" && /\/$/.test(url.pathname)) {
        url.pathname += "index.html";
        link.href = url.href;
      }
    });
  }

  /* On paper a link is only its words: give each link in a page's text the full address it goes
   * to, which pqs.css prints after it. A permalink printed as "/id/3.2-D2/" (the site was built
   * without its address) gets the address the reader is on. */
  function printAddresses() {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-pqs-absolute]"), function (link) {
      if (link.textContent.charAt(0) === "/") link.textContent = link.href;
    });
    var links = document.querySelectorAll(".md-content article a[href]:not(.headerlink):not(.pqs-print-url)");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href");
      if (/^(#|[a-z][a-z0-9+.-]*:)/i.test(href) || link.closest("table, nav")) return;
      link.setAttribute("data-pqs-print-href", link.href);
    });
  }

  /* A printed copy says the day it was printed: the reader's today, filled in when the page opens. */
  function dateTheCopy() {
    var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    Array.prototype.forEach.call(document.querySelectorAll("[data-pqs-today]"), function (el) {
      el.textContent = "on " + today;
    });
  }

  /* A table or code block wider than the page scrolls inside it: let the keyboard reach it and name it, as
   * pqs.css shows it scrolls. Checked again when the window changes size (a phone turned, a zoom). */
  function scrollables() {
    var boxes = document.querySelectorAll(".md-typeset .md-typeset__scrollwrap, .md-typeset pre > code, .md-typeset .pqs-matrix-wrap, .md-typeset .pqs-table-wrap");
    Array.prototype.forEach.call(boxes, function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      if (box.hasAttribute("data-pqs-own-region")) return;  // a region of the page's own, named and focusable already
      if (box.getAttribute("role") === "region" && !box.hasAttribute("data-pqs-scroll")) {
        box.setAttribute("data-pqs-own-region", "");
        return;
      }
      if (wide) {
        var table = box.querySelector("table, caption");
        var caption = table && table.querySelector ? table.querySelector("caption") : null;
        var heading = box.closest("article") ? previousHeading(box) : null;
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("data-pqs-scroll", "");
        box.setAttribute("aria-label", ((caption && caption.textContent) || (heading && heading.textContent) || "Wide content").trim().replace(/\s*¶$/, "") + " (scrolls sideways)");
      } else if (box.hasAttribute("data-pqs-scroll")) {
        ["tabindex", "role", "aria-label", "data-pqs-scroll"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  function previousHeading(el) {
    var node = el;
    while (node && node !== document.body) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) return sibling;
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return null;
  }

  /* Material links a result to its page with "?h=" and nothing after it when the page's own title does
   * not hold the query: such a link is given the page's plain address. */
  function tidySearchLinks() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    var tidy = function () {
      Array.prototype.forEach.call(list.querySelectorAll('a[href*="?h="]'), function (a) {
        var url = new URL(a.href);
        if (url.searchParams.get("h") !== "") return;
        url.searchParams.delete("h");
        a.href = url.href;
      });
    };
    new MutationObserver(tidy).observe(list, { childList: true, subtree: true });
  }

  function ready() {
    tidySearchLinks();
    scrollables();
    window.addEventListener("resize", scrollables);
    addCopyButtons();
    nameSearchDialog();
    linkIndexFilesOffline();
    printAddresses();
    dateTheCopy();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
