/* OSA Monitor: one part of a large edition's search index (see osa_site/app/search_index.py),
 * searched in a worker of its own so that the parts are searched side by side. The site's search
 * worker (pagefind-search.js) starts one for each part and asks it, by message:
 *   {id, op: "setup", bundle, options}  load the part's Pagefind bundle; answers true
 *   {id, op: "search", term}            search the part; answers the results' scores, best first
 *   {id, op: "data", search, index}     the Pagefind data (excerpt, metadata, sections) of result
 *                                       `index` of the search asked with id `search`
 * Each answer is {id, value} or {id, error}. Searches are made one after the other, as Pagefind's
 * index is shared state (see pagefind-search.js); the last KEPT searches' results are kept.
 */
(function () {
  "use strict";
  var KEPT = 32;
  var pagefind = null;
  var kept = new Map();
  var queue = Promise.resolve();

  function inTurn(work) {
    var run = queue.then(work, work);
    queue = run.catch(function () {});
    return run;
  }

  function keep(id, results) {
    kept.set(id, results);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value);
  }

  async function setup(message) {
    pagefind = await import(message.bundle);
    await pagefind.options(message.options);
    await pagefind.init();
    return true;
  }

  async function search(message) {
    var found = await pagefind.search(message.term);
    keep(message.id, found.results);
    return found.results.map(function (result) { return result.score; });
  }

  async function data(message) {
    var results = kept.get(message.search);
    if (!results || !results[message.index]) throw new Error("no such result");
    return results[message.index].data();
  }

  var OPS = { setup: setup, search: search, data: data };

  self.addEventListener("message", async function (ev) {
    var message = ev.data;
    try {
      var work = OPS[message.op];
      var value = await (message.op === "data" ? work(message) : inTurn(function () { return work(message); }));
      postMessage({ id: message.id, value: value });
    } catch (err) {
      postMessage({ id: message.id, error: String(err) });
    }
  });
})();
