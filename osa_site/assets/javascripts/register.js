/* OSA Monitor: the equipment register. Sortable columns (vendored tablesort) and filters by
   recipient, fiscal year, domain and confidence, with a live row count and the filter state in
   the address (?recipient=…&fy=…), so a filtered view can be shared. Without JavaScript the
   full table shows and the form stays hidden. */
(function () {
  "use strict";

  function readQuery(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      var value = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = value && known ? value : "";
    });
  }

  function writeQuery(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) { params.set(select.name, select.value); } else { params.delete(select.name); }
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", address);
  }

  function apply(form, rows) {
    var wanted = {};
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) { wanted[select.name] = select.value; }
    });
    var shown = 0;
    rows.forEach(function (row) {
      var key = row.querySelector(".osa-row");
      var match = Object.keys(wanted).every(function (name) {
        return key && key.getAttribute("data-" + name) === wanted[name];
      });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    var noun = rows.length === 1 ? "project" : "projects";
    form.querySelector(".osa-filters__count").textContent =
      "Showing " + shown + " of " + rows.length + " " + noun + ".";
  }

  function makeSortable(table) {
    table.querySelectorAll("td [data-sort-value]").forEach(function (span) {
      span.closest("td").setAttribute("data-sort", span.getAttribute("data-sort-value"));
    });
    if (window.Tablesort && !table.hasAttribute("data-osa-sortable")) {
      table.setAttribute("data-osa-sortable", "");
      new window.Tablesort(table);
    }
  }

  function boot() {
    var form = document.querySelector('form[data-osa-filter="register"]');
    var table = document.querySelector(".osa-register table");
    if (!form || !table || form.hasAttribute("data-osa-ready")) { return; }
    form.setAttribute("data-osa-ready", "");
    makeSortable(table);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    readQuery(form);
    form.hidden = false;
    form.addEventListener("change", function () { writeQuery(form); apply(form, rows); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { writeQuery(form); apply(form, rows); }, 0);
    });
    apply(form, rows);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(boot);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
