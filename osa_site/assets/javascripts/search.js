/* OSA Monitor: the engine's search dialog asks our Pagefind worker instead of the engine's own.
 *
 * Runs after the engine's __config and before its bundle reads it, and points `search` (the
 * worker's address) at assets/javascripts/workers/pagefind-search.js, given in data-worker. No
 * engine file is edited: the header, the dialog, its keyboard use and the result list stay the
 * engine's own. data-ui names the dialog: "material" (MkDocs with Material) or "zensical".
 */
(function () {
  "use strict";
  var element = document.getElementById("__config");
  var script = document.currentScript;
  if (!element || !script || !script.dataset.worker) return;
  var zensical = script.dataset.ui === "zensical";
  var config = JSON.parse(element.textContent);
  var worker = new URL(script.dataset.worker, document.baseURI);
  if (zensical) worker.hash = "zensical"; /* the worker answers in Zensical's protocol */
  config.search = worker.href;
  element.textContent = JSON.stringify(config);
  if (zensical) adoptZensicalDocuments(worker.href);
  else document.addEventListener("DOMContentLoaded", nameMaterialTags);

  /* Zensical's dialog draws each result from the list of documents that it fetched (search.json)
   * and gave the worker at setup: a result's `id` is a place in that list. The site's search.json
   * lists none (the list would grow with the site; search_index.py writes it), so the worker sends
   * each result's document with it, and here, before the dialog reads the result, the document is
   * added to that same list (once: a page found again keeps its place) and the result given its id.
   * Only our worker's messages are touched. */
  function adoptZensicalDocuments(address) {
    var Native = window.Worker;
    function adopt(documents, places, result) {
      (result.items || []).forEach(function (item) {
        if (!item.document) return;
        var doc = item.document;
        if (!places.has(doc.location)) {
          places.set(doc.location, documents.length);
          documents.push(doc);
        }
        item.id = places.get(doc.location);
        delete item.document;
      });
    }
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        this.osaOurs = String(url) === address;
        this.osaDocuments = null;
        this.osaPlaces = new Map();
      }
      postMessage(message, transfer) {
        if (this.osaOurs && message && message.type === 0 && message.data && Array.isArray(message.data.items)) {
          this.osaDocuments = message.data.items;
        }
        return transfer === undefined ? super.postMessage(message) : super.postMessage(message, transfer);
      }
      get onmessage() {
        return this.osaHandler || null;
      }
      set onmessage(handler) {
        var self = this;
        this.osaHandler = handler;
        super.onmessage = typeof handler !== "function" ? handler : function (event) {
          var data = event.data;
          if (self.osaOurs && self.osaDocuments && data && data.type === 3 && data.data) {
            adopt(self.osaDocuments, self.osaPlaces, data.data);
          }
          return handler.call(this, event);
        };
      }
    };
  }

  /* Material draws a result's tags (here: kind, country, fiscal year) in a <nav> without a name,
   * so a list of results holds several unnamed landmarks of the same role (axe: landmark-unique).
   * Each is named after its result's title once Material has drawn it. */
  function nameTags(root) {
    root.querySelectorAll(".md-search-result__article nav.md-tags:not([aria-label])").forEach(function (nav) {
      var title = nav.parentElement.querySelector("h1, h2");
      if (title) nav.setAttribute("aria-label", title.textContent.trim());
    });
  }
  function nameMaterialTags() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(function () { nameTags(list); }).observe(list, { childList: true, subtree: true });
  }
})();
