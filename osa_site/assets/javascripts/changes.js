/* OSA Monitor: the changes page. Filters changes by record kind and by recipient (filters.js),
   reading the data-kind and data-recipient attributes each entry carries (stable ids), and keeps
   the choice in the address (?kind=…&recipient=…). Months with no matching change are hidden.
   Without JavaScript the whole list shows. */
(function () {
  "use strict";

  window.OSAFilters.attach({
    name: "changes",
    container: ".osa-changes",
    marker: ".osa-change",
    noun: ["change", "changes"],
    after: window.OSAFilters.hideEmptyGroups,
    items: window.OSAFilters.listItems
  });
})();
