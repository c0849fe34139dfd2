/* OSA Monitor: the equipment register. Sortable columns (vendored tablesort) and filters by
   recipient, fiscal year, domain and confidence (filters.js), with a live row count and the
   filter state in the address (?recipient=…&fy=…). Without JavaScript the full table shows. */
(function () {
  "use strict";

  function makeSortable(table) {
    table.querySelectorAll("td [data-sort-value]").forEach(function (span) {
      span.closest("td").setAttribute("data-sort", span.getAttribute("data-sort-value"));
    });
    if (window.Tablesort && !table.hasAttribute("data-osa-sortable")) {
      table.setAttribute("data-osa-sortable", "");
      new window.Tablesort(table);
    }
  }

  window.OSAFilters.attach({
    name: "register",
    container: ".osa-register table",
    marker: ".osa-row",
    noun: ["project", "projects"],
    setup: makeSortable,
    items: function (table) { return Array.prototype.slice.call(table.tBodies[0].rows); }
  });
})();
