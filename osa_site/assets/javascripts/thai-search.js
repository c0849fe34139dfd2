/* OSA Monitor, Thai edition: search queries typed without spaces are cut into words.
 *
 * Thai pages are indexed with U+200B between their words (osa_site/segment.py). A reader types
 * Thai without spaces, so the query is cut the same way before lunr sees it, with the browser's
 * own Intl.Segmenter. This script runs before Material's bundle and points the search worker at
 * a small shim (thai-search-worker.js) that segments each query and then loads Material's worker
 * unchanged; no Material file is edited. Without Intl.Segmenter the query passes through as typed.
 */
(function () {
  "use strict";
  var element = document.getElementById("__config");
  var script = document.currentScript;
  if (!element || !script || !script.dataset.worker) return;
  var config = JSON.parse(element.textContent);
  if (typeof config.search !== "string") return;
  var original = new URL(config.search, document.baseURI).href;
  var shim = new URL(script.dataset.worker, document.baseURI);
  shim.searchParams.set("worker", original);
  config.search = shim.href;
  element.textContent = JSON.stringify(config);
})();
