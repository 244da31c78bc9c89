// Search over the measures of the web edition, in the browser: suchindex.js (loaded before
// this file) assigns the entries; every word typed must occur in an entry's code, title, field
// or text. Results are built as DOM nodes with textContent, never as HTML.
(function () {
  "use strict";
  var index = window.KONZEPTSTUDIO_SUCHINDEX;
  var form = document.getElementById("suche");
  var input = document.getElementById("suchbegriff");
  var status = document.getElementById("suche-status");
  var list = document.getElementById("suche-treffer");
  var note = document.getElementById("suche-ohne-skript");
  if (!Array.isArray(index) || !form || !input || !status || !list) return;

  // Case, accents and ß do not matter: "massnahme" finds "Maßnahme", "ubergang" "Übergang".
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ß/g, "ss");
  }
  var haystacks = index.map(function (e) {
    return fold([e.code, e.title, e.field, e.text].join(" "));
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function run(query, announce) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (terms.length === 0) {
      list.hidden = true;
      if (announce) status.textContent = "Bitte einen Suchbegriff eingeben.";
      return;
    }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var h = haystacks[i];
      if (terms.every(function (t) { return h.indexOf(t) !== -1; })) hits.push(index[i]);
    }
    hits.forEach(function (e) {
      var li = el("li");
      var a = el("a", null, e.code + " " + e.title);
      a.href = e.url;
      var heading = el("p", "treffer-titel");
      heading.appendChild(a);
      li.appendChild(heading);
      li.appendChild(el("p", "treffer-feld", "Handlungsfeld " + e.field));
      if (e.text) li.appendChild(el("p", "treffer-text", e.text));
      list.appendChild(li);
    });
    list.hidden = hits.length === 0;
    status.textContent =
      hits.length === 0
        ? "Keine Maßnahme gefunden für „" + query.trim() + "“."
        : (hits.length === 1 ? "1 Maßnahme" : hits.length + " Maßnahmen") + " gefunden für „" + query.trim() + "“.";
  }

  form.hidden = false;
  if (note) note.hidden = true;
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    // Results follow the typing; the live region speaks only once the typing pauses.
    timer = setTimeout(function () { run(input.value, false); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value, true);
    try {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url.toString());
    } catch (e) {
      // Some browsers refuse to change file:// addresses; the results stand anyway.
    }
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial, true);
  }
})();
