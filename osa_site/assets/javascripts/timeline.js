/* OSA Monitor: the timeline. Filters events by kind and by country, reading the data-kind and
   data-country attributes each entry carries, and keeps the choice in the address
   (?kind=…&country=…). Years with no matching event are hidden. Without JavaScript the whole
   list shows and the form stays hidden. */
(function () {
  "use strict";

  function selects(form) {
    return Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  }

  function readQuery(form) {
    var params = new URLSearchParams(window.location.search);
    selects(form).forEach(function (select) {
      var value = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = value && known ? value : "";
    });
  }

  function writeQuery(form) {
    var params = new URLSearchParams(window.location.search);
    selects(form).forEach(function (select) {
      if (select.value) { params.set(select.name, select.value); } else { params.delete(select.name); }
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", address);
  }

  function apply(form, root) {
    var wanted = {};
    selects(form).forEach(function (select) { if (select.value) { wanted[select.name] = select.value; } });
    var items = root.querySelectorAll("li");
    var shown = 0;
    items.forEach(function (item) {
      var event = item.querySelector(".osa-event");
      var match = Object.keys(wanted).every(function (name) {
        return event && event.getAttribute("data-" + name) === wanted[name];
      });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    root.querySelectorAll("ul").forEach(function (list) {
      var visible = list.querySelector("li:not([hidden])") !== null;
      list.hidden = !visible;
      var heading = list.previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) { heading.hidden = !visible; }
    });
    form.querySelector(".osa-filters__count").textContent =
      "Showing " + shown + " of " + items.length + (items.length === 1 ? " event." : " events.");
  }

  function boot() {
    var form = document.querySelector('form[data-osa-filter="timeline"]');
    var root = document.querySelector(".osa-timeline");
    if (!form || !root || form.hasAttribute("data-osa-ready")) { return; }
    form.setAttribute("data-osa-ready", "");
    readQuery(form);
    form.hidden = false;
    form.addEventListener("change", function () { writeQuery(form); apply(form, root); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { writeQuery(form); apply(form, root); }, 0);
    });
    apply(form, root);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(boot);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
