/* OSA Monitor: the timeline. Filters events by kind and by country (filters.js), reading the
   data-kind and data-country attributes each entry carries, and keeps the choice in the
   address (?kind=…&country=…). Years with no matching event are hidden. Without JavaScript
   the whole list shows. */
(function () {
  "use strict";

  function hideEmptyYears(root) {
    root.querySelectorAll("ul").forEach(function (list) {
      var visible = list.querySelector("li:not([hidden])") !== null;
      list.hidden = !visible;
      var heading = list.previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) { heading.hidden = !visible; }
    });
  }

  window.OSAFilters.attach({
    name: "timeline",
    container: ".osa-timeline",
    marker: ".osa-event",
    noun: ["event", "events"],
    after: hideEmptyYears,
    items: function (root) { return Array.prototype.slice.call(root.querySelectorAll("li")); }
  });
})();
