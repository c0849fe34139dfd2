/* OSA Monitor, Thai edition: the search worker shim (see ../thai-search.js).
 *
 * Registered before Material's own message handler, this listener rewrites each query message
 * in place: every run of Thai letters becomes its words separated by spaces, as
 * Intl.Segmenter("th", {granularity: "word"}) cuts them. Then Material's worker is loaded from
 * the address given in ?worker= (same origin only) and handles the message as usual.
 */
(function () {
  "use strict";
  var QUERY = 2; /* Material's SearchMessageType.QUERY */
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter("th", { granularity: "word" })
    : null;

  function words(run) {
    var out = [];
    for (var part of segmenter.segment(run)) {
      if (part.segment.trim()) out.push(part.segment);
    }
    return out.join(" ");
  }

  function segmentThai(query) {
    return segmenter ? query.replace(/[\u0e00-\u0e7f]+/g, words) : query;
  }

  self.addEventListener("message", function (ev) {
    var message = ev.data;
    if (message && message.type === QUERY && typeof message.data === "string") {
      message.data = segmentThai(message.data);
    }
  });

  var worker = new URL(new URL(self.location.href).searchParams.get("worker") || "", self.location.href);
  if (worker.origin !== self.location.origin) throw new Error("search worker must be on this site");
  importScripts(worker.href);
})();
