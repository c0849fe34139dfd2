/* OSA Monitor: the changes page. Filters changes by record kind and by recipient (filters.js),
   reading the data-kind and data-recipient attributes each entry carries (stable ids), and keeps
   the choice in the address (?kind=…&recipient=…). Months with no matching change are hidden.
   Without JavaScript the whole list shows. */
(function () {
  "use strict";

  function hideEmptyMonths(root) {
    root.querySelectorAll("ul").forEach(function (list) {
      var visible = list.querySelector("li:not([hidden])") !== null;
      list.hidden = !visible;
      var heading = list.previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) { heading.hidden = !visible; }
    });
  }

  window.OSAFilters.attach({
    name: "changes",
    container: ".osa-changes",
    marker: ".osa-change",
    noun: ["change", "changes"],
    after: hideEmptyMonths,
    items: function (root) { return Array.prototype.slice.call(root.querySelectorAll("li")); }
  });
})();
