/* OSA Monitor: shared filter forms for the register and the timeline. A
   form[data-osa-filter=NAME] of select[data-filter] controls hides every item whose marker
   element lacks the chosen data-* values, shows a live count, and keeps the choice in the
   address (?name=value), so a filtered view can be shared. Without JavaScript the form stays
   hidden and every item shows. */
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

  function chosen(form) {
    var wanted = {};
    selects(form).forEach(function (select) { if (select.value) { wanted[select.name] = select.value; } });
    return wanted;
  }

  function show(items, marker, wanted) {
    var shown = 0;
    items.forEach(function (item) {
      var key = item.querySelector(marker);
      var match = Object.keys(wanted).every(function (name) {
        return key && key.getAttribute("data-" + name) === wanted[name];
      });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    return shown;
  }

  function onEveryPage(boot) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(boot);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", boot);
    } else {
      boot();
    }
  }

  /* options: name, container (selector), marker (selector inside an item), noun [one, many],
     items(container) -> array, and optional setup(container) and after(container). */
  function attach(options) {
    onEveryPage(function () {
      var form = document.querySelector('form[data-osa-filter="' + options.name + '"]');
      var container = document.querySelector(options.container);
      if (!form || !container || form.hasAttribute("data-osa-ready")) { return; }
      form.setAttribute("data-osa-ready", "");
      if (options.setup) { options.setup(container); }
      var items = options.items(container);
      var count = form.querySelector(".osa-filters__count");
      function apply() {
        var shown = show(items, options.marker, chosen(form));
        if (options.after) { options.after(container); }
        var wording = form.getAttribute("data-count");  /* the page's language, when not English */
        count.textContent = wording
          ? wording.replace("{shown}", shown).replace("{total}", items.length)
          : "Showing " + shown + " of " + items.length + " " + options.noun[items.length === 1 ? 0 : 1] + ".";
      }
      readQuery(form);
      form.hidden = false;
      form.addEventListener("change", function () { writeQuery(form); apply(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () {
        window.setTimeout(function () { writeQuery(form); apply(); }, 0);
      });
      apply();
    });
  }

  /* For lists grouped under headings (a year, a month): the entries are the list items, and a
     group whose entries are all filtered out is hidden with its heading. */
  function hideEmptyGroups(root) {
    root.querySelectorAll("ul").forEach(function (list) {
      var visible = list.querySelector("li:not([hidden])") !== null;
      list.hidden = !visible;
      var heading = list.previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) { heading.hidden = !visible; }
    });
  }

  function listItems(root) { return Array.prototype.slice.call(root.querySelectorAll("li")); }

  window.OSAFilters = { attach: attach, hideEmptyGroups: hideEmptyGroups, listItems: listItems };
})();
