/* OSA Monitor: the timeline. Filters events by kind and by country (filters.js), reading the
   data-kind and data-country attributes each entry carries, and keeps the choice in the
   address (?kind=…&country=…). Years with no matching event are hidden. Without JavaScript
   the whole list shows. */
(function () {
  "use strict";

  window.OSAFilters.attach({
    name: "timeline",
    container: ".osa-timeline",
    marker: ".osa-event",
    noun: ["event", "events"],
    after: window.OSAFilters.hideEmptyGroups,
    items: window.OSAFilters.listItems
  });
})();
