/* The 404 page (overrides/404.html): read the address that was not found, and help.
 *
 * An ID in any usual form and any case, under /id/, /<edition key>/, /outcomes/ or /domains/
 * (/id/3.2-d2/, /id/3.2d2, /draft-2025/3.2-D2/), goes to its place. An ID under a real outcome
 * that this site does not record is "not recorded here", with the official document and the
 * outcome's page; an ID that cannot exist gets the nearest IDs. Which is which is decided by the
 * checker's own rule and words (pqs-check-rules.js, generated from macros/checker/rules.py, applied
 * by pqs-check-engine.js) on the edition's export, whose address comes from pqs-ids.js (macros/routes.py).
 */
(function () {
  "use strict";

  var box = document.getElementById("pqs-404");
  var ids = window.PQS_IDS;
  var engine = globalThis.PQSCheck;
  if (!box || !ids || !engine) return;
  var R = engine.rules;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  /* The site's root (the 404 page is served at any depth: its own address says nothing of it). */
  function siteBase() {
    var base = "/";
    try { base = JSON.parse(document.getElementById("__config").textContent).base || "/"; } catch (e) { /* keep "/" */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  var base = siteBase();

  /* What the address asks for: {edition, under, text}, or null when it is not under the site. */
  function asked() {
    var path = location.pathname;
    if (path.indexOf(base.pathname) !== 0) return null;
    var rest = path.slice(base.pathname.length);
    try { rest = decodeURIComponent(rest); } catch (e) { /* keep it as it is */ }
    var parts = rest.split("/").filter(function (p) { return p; });
    if (parts.length && /^index\.html?$/i.test(parts[parts.length - 1])) parts.pop();
    if (parts.length === 1 && parts[0].toLowerCase() === "404.html") return null; // the page at its own address asks for nothing
    var edition = R.current;
    var under = null;
    var keys = Object.keys(R.editions);
    var key = parts.length ? keys.filter(function (k) { return k.toLowerCase() === parts[0].toLowerCase(); })[0] : null;
    if (key) {
      edition = key;
      under = "edition";
      parts.shift();
    }
    /* The folders of short permalinks, outcome pages and domain pages, from macros/routes.py (Routes.folders). */
    var folder = parts.length ? Object.keys(ids.folders).filter(function (k) { return ids.folders[k].toLowerCase() === parts[0].toLowerCase(); })[0] : null;
    if (folder) {
      under = under || folder;
      parts.shift();
    }
    var text = (under ? parts.join(" ") : parts.slice(-1).join("")).replace(/\.html?$/i, "");
    return { edition: edition, under: under, text: text };
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function say(title, message, items) {
    document.getElementById("pqs-404-title").textContent = title;
    var p = document.getElementById("pqs-404-message");
    p.textContent = message;
    if (items.length) {
      var list = el("ul", { id: "pqs-404-next", class: "pqs-404-next" }, items.map(function (item) { return el("li", {}, item); }));
      p.insertAdjacentElement("afterend", list);
    }
    document.title = title + " - " + document.title.replace(/^Page not found - /, "");
    settled();
  }

  /* The page has said what it will say (tests wait for this; a reader sees nothing of it). */
  function settled() { document.getElementById("pqs-404-title").setAttribute("data-done", "yes"); }

  var wanted = asked();
  var found = wanted && wanted.text ? engine.scan(wanted.text, "domains").found : [];
  if (!found.length) {
    settled();
    return;
  }

  fetch(new URL(fill(ids.urls.export, { edition: wanted.edition }), base).href)
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(function (data) {
      var judge = new engine.Judge(data);
      var verdict = judge.judge(found[0]);
      var page = function (id) { return new URL(judge.pages[id], base).href; };
      var link = function (id, label) { return el("a", { href: page(id), text: label || id }); };
      var edition = R.editions[wanted.edition] || { short_title: wanted.edition };
      if (R.valid.indexOf(verdict.status) >= 0) {  /* an ID of this edition (a reused number too: its own page says so) */
        /* A short permalink whose ID changed meaning between editions has a page of its own. */
        var own = wanted.under === "id" && ids.pages[verdict.id]; // "id": the key of the short permalinks' folder
        location.replace(own ? new URL(own, base).href : page(verdict.id));
        return;
      }
      var items = [];
      if (verdict.status === R.not_recorded) {
        var outcome = verdict.id.split(" ")[0];
        verdict.links.forEach(function (l) { items.push([el("a", { href: l[1], text: l[0] })]); });
        items.push([link(outcome, "Outcome " + outcome), ", with what this site records of it"]);
        say(verdict.id + " is not recorded here",
          "This site records only the statements its sources quote, so it cannot tell whether " + verdict.id + " is right. " +
          capital(verdict.message) + ".", items);
        return;
      }
      var fate = R.fate_changes.indexOf(verdict.reason) >= 0;  /* an ID of another edition: what became of it */
      if (verdict.suggestions.length) {
        var nearest = [fate ? "What it became: " : "Nearest IDs: "];
        verdict.suggestions.forEach(function (id, i) {
          if (i) nearest.push(", ");
          nearest.push(link(id));
        });
        items.push(nearest);
      }
      var written = found[0].written;
      if (fate) {
        say(capital(verdict.message), written + " is not an ID of the " + edition.short_title + ".", items);
        return;
      }
      say("No such ID: " + written, written + " is not an ID of the " + edition.short_title + ": " + verdict.message + ".", items);
    })
    .catch(settled);  /* the page's own words stand */
})();
