/* OSA Monitor: the site search worker. The search dialog of either engine talks to it in that
 * engine's own worker protocol: Material's (SETUP, READY, QUERY, RESULT; the query a string) or
 * Zensical's (the same four message types, the query an object with its `input` and `page`), which
 * the page script names in the worker's address (#zensical, see ../search.js). It answers from the
 * edition's Pagefind index (../../../pagefind/, written after the build by
 * osa_site/app/search_index.py), which fetches only the index chunks and page fragments a query
 * needs. Both engines get the same pages in the same order. A large edition's index is in parts,
 * searched side by side (see Parts below).
 *
 * Each result is one page: its title, what it is (kind, country, fiscal year: Pagefind metadata
 * that the templates write, shown as Material's tags), an excerpt with the words marked, and the
 * sections that matched (Pagefind sub-results), each linking to its heading. Material inserts a
 * result's title, text and tags as HTML, so every value is escaped here (an excerpt keeps only
 * its <mark> tags).
 *
 * Thai is written without spaces: a query's runs of Thai letters are cut into words with the
 * browser's Intl.Segmenter (the pages were cut at build time, osa_site/i18n/segment.py), and the
 * spaces that the index holds between Thai words are taken out of excerpts again.
 */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; /* Material's SearchMessageType */
  var PAGES = 10; /* results shown: the best pages of a query (Material draws its first 10 at once) */
  var SECTIONS = 3; /* matched sections shown under a page */
  var QUIET_MS = 60; /* a query waits this long for the next key before it is searched */
  var THAI_RUN = /([\u0e00-\u0e7f]+)/;
  var THAI_GAP = /([\u0e00-\u0e7f](?:<\/mark>)?) (?=(?:<mark>)?[\u0e00-\u0e7f])/g;
  var bundles = new URL("../../../pagefind/", self.location.href).href;
  var PART_WORKER = new URL("pagefind-part.js", self.location.href).href;
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter("th", { granularity: "word" })
    : null;
  /* A record's own name (metadata written only on record pages, and on a recipient's page its
   * country's name once more) weighs most; the title, which sources share with the records they
   * report on, less; kind, country and year not at all (see osa_site/theme/main.html). */
  var RANKING = {
    metaWeights: { name: 10.0, recipient: 10.0, title: 1.0, kind: 0.0, country: 0.0, year: 0.0 }
  };
  var ZENSICAL = new URL(self.location.href).hash === "#zensical";
  var pagefind = null;
  var latest = 0;

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Pagefind's excerpt with only its <mark> tags as markup: Pagefind escapes < and > of the text
   * but not &, so the text between the marks is escaped again here, fully. */
  function markedText(excerpt) {
    return String(excerpt || "").split(/(<\/?mark>)/).map(function (piece) {
      if (piece === "<mark>" || piece === "</mark>") return piece;
      return escapeHtml(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
    }).join("");
  }

  function icuWords(run) {
    var words = [];
    for (var part of segmenter.segment(run)) {
      if (part.segment.trim()) words.push(part.segment);
    }
    return words;
  }

  /* Whether the index holds `term` as a whole word: Pagefind's exact search (a quoted term) looks
   * the word up as it is. Its ordinary search cannot tell: a term that no indexed word begins is
   * answered from the longest indexed word that begins the term ("ความตกลงสวีเดน" finds every
   * page with "ความตกลง"). Answers are kept: the same pieces are asked about while a query is typed. */
  var known = new Map();
  function remembered(key, ask) {
    if (!known.has(key)) known.set(key, ask());
    return known.get(key);
  }

  function isWord(term) {
    return remembered('"' + term + '"', async function () {
      return (await pagefind.search('"' + term + '"')).results.length > 0;
    });
  }

  /* Whether the best page of `search` shows a word that begins with `term`: the words Pagefind
   * marks in its excerpt are the ones it matched, so they begin with `term` unless Pagefind fell
   * back to a shorter word (see isWord). */
  async function marksWordBeginning(search, term) {
    if (!search.results.length) return false;
    var data = await search.results[0].data();
    var marked = String(data.excerpt || "").match(/<mark>[^<]*<\/mark>/g) || [];
    return marked.some(function (mark) {
      return mark.slice(6, -7).toLowerCase().indexOf(term) === 0;
    });
  }

  /* Whether an indexed word begins with `term` (a word still being typed); `search`, when given,
   * is a search of `term` already made. */
  function beginsWord(term, search) {
    return remembered(term, async function () {
      return marksWordBeginning(search || (await pagefind.search(term)), term);
    });
  }

  /* One run of Thai letters as the index's words. The browser's segmenter and the build's
   * (PyThaiNLP) do not always agree where words end: "ศรีลังกา" is one word in the index but two
   * pieces to Intl.Segmenter. So the pieces are joined again, longest first, into the longest
   * runs that are indexed words, or, at the end of the query, that begin one; a piece that
   * begins no such run stays a word of its own. */
  async function thaiWords(run, last) {
    var pieces = segmenter ? icuWords(run) : [run];
    var words = [];
    for (var start = 0; start < pieces.length;) {
      var end = pieces.length;
      while (end > start + 1 && !(await fits(pieces.slice(start, end).join(""), last && end === pieces.length))) end--;
      words.push(pieces.slice(start, end).join(""));
      start = end;
    }
    return words.join(" ");
  }

  async function fits(term, ending) {
    return (await isWord(term)) || (ending && (await beginsWord(term)));
  }

  async function cutQuery(query) {
    var parts = query.split(THAI_RUN);
    /* the run that ends the query, whose last word may still be being typed (none if text follows) */
    var lastRun = parts[parts.length - 1].trim() ? -1 : parts.length - 2;
    for (var n = 1; n < parts.length; n += 2) parts[n] = " " + (await thaiWords(parts[n], n === lastRun)) + " ";
    return parts.join("").replace(/\s+/g, " ").trim();
  }

  /* A query whose longest word the index neither holds nor begins is asked again with that word
   * shortened, a letter at a time down to four letters, so that a misspelt ending ("Philipines")
   * still finds the page. "Finds nothing" cannot be read from the number of results: Pagefind
   * answers a term no word begins from a shorter indexed word that begins the term (see isWord),
   * here "ph". The query is searched first, and when its best page (shown first, so its fragment
   * is loaded anyway) marks the longest word, that is the answer: no other search is made. Only
   * otherwise do isWord and beginsWord ask the index. At 10,000 projects a search of a common word
   * costs 0.1-0.4 s, as Pagefind scores every page that holds it. */
  async function searchLeniently(query) {
    var words = query.split(" ");
    for (;;) {
      var search = await pagefind.search(words.join(" "));
      var longest = words.reduce(function (a, b) { return b.length > a.length ? b : a; }, "");
      var term = longest.toLowerCase();
      if (Array.from(term).length <= 4) return search;
      /* a one-word query's search is that word's own: beginsWord keeps its answer, not asked again */
      var alone = words.length === 1;
      var shown = alone ? beginsWord(term, search) : marksWordBeginning(search, term);
      if ((await shown) || (await isWord(term)) || (!alone && (await beginsWord(term)))) return search;
      words[words.indexOf(longest)] = Array.from(longest).slice(0, -1).join("");
    }
  }

  function joinThai(html) {
    return String(html || "").replace(THAI_GAP, "$1");
  }

  function terms(query) {
    var found = {};
    query.split(/\s+/).filter(Boolean).forEach(function (word) { found[word] = true; });
    return found;
  }

  /* What a page is (kind, country, fiscal year), each escaped with `escape`. */
  function tagsOf(meta, escape) {
    return ["kind", "country", "year"]
      .filter(function (key) { return meta[key]; })
      .map(function (key) { return escape(joinThai(meta[key])); });
  }

  function relative(url) {
    return url.replace(/^\//, "");
  }

  function documentsOf(data, score, words) {
    var title = escapeHtml(joinThai(data.meta.title || data.url));
    var page = {
      location: relative(data.url),
      title: title,
      text: joinThai(markedText(data.excerpt)),
      score: score,
      terms: words,
      tags: tagsOf(data.meta, escapeHtml)
    };
    var sections = (data.sub_results || [])
      .filter(function (sub) { return sub.url.indexOf("#") !== -1; })
      .slice(0, SECTIONS)
      .map(function (sub, n) {
        return {
          location: relative(sub.url),
          title: escapeHtml(joinThai(sub.title)),
          text: joinThai(markedText(sub.excerpt)),
          score: n === 0 ? score : score / 2, /* the best section shown, the others folded */
          terms: words
        };
      });
    var ownText = (data.sub_results || []).some(function (sub) { return sub.url.indexOf("#") === -1; });
    if (!ownText && sections.length) page.text = "";
    return [page].concat(sections);
  }

  function pause(ms) {
    return new Promise(function (done) { setTimeout(done, ms); });
  }

  /* The pages of the query of `turn`, from its `from`th result on (their Pagefind data), with the
   * number of results and the query's words; or null once a newer query has come (keys typed
   * quickly, see the message handler): a superseded query fetches no page fragments. */
  async function found(query, turn, from) {
    var cut = await cutQuery(query);
    if (!cut) return { total: 0, pages: [], scores: [], words: {} };
    var search = await searchLeniently(cut);
    if (turn !== latest) return null;
    var top = search.results.slice(from, from + PAGES);
    var pages = await Promise.all(top.map(function (result) { return result.data(); }));
    return {
      total: search.results.length,
      pages: pages,
      scores: top.map(function (result) { return result.score; }),
      words: terms(cut)
    };
  }

  /* Material's answer: each page as a document, its matched sections as documents after it. */
  function forMaterial(hits) {
    return {
      items: hits.pages.map(function (data, n) { return documentsOf(data, hits.scores[n], hits.words); })
    };
  }

  /* Zensical's dialog draws text in which only &, < and > are escaped, and marks the ranges a
   * match names (offsets into that text; `value`, the length marked from the start). */
  function zensicalText(value) {
    return String(value).replace(/[&<>]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]; });
  }

  /* A Pagefind excerpt as Zensical's text and the ranges of its marked words. */
  function zensicalExcerpt(excerpt) {
    var text = "", ranges = [], marked = false;
    joinThai(excerpt).split(/(<\/?mark>)/).forEach(function (piece) {
      if (piece === "<mark>" || piece === "</mark>") { marked = piece === "<mark>"; return; }
      var part = zensicalText(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
      if (marked && part) ranges.push({ start: text.length, end: text.length + part.length, value: part.length });
      text += part;
    });
    return { text: text, ranges: ranges };
  }

  /* Where the query's words begin a word of `text` (Thai: anywhere, it has no spaces). */
  function rangesIn(text, words) {
    var lower = text.toLowerCase(), ranges = [];
    Object.keys(words).forEach(function (word) {
      var term = word.toLowerCase();
      for (var at = lower.indexOf(term); at !== -1 && term; at = lower.indexOf(term, at + term.length)) {
        var thai = THAI_RUN.test(term);
        if (!thai && at > 0 && /[\p{L}\p{N}]/u.test(lower[at - 1])) continue;
        ranges.push({ start: at, end: at + term.length, value: term.length });
      }
    });
    return ranges.sort(function (a, b) { return a.start - b.start; });
  }

  /* One result of Zensical's dialog: the page as a document (which the page script adds to the
   * dialog's list of documents, ../search.js), linked to its best matched section when the page's
   * own text did not match, with what it is (kind, country, fiscal year) as its path. */
  function zensicalItem(data, words) {
    var title = zensicalText(joinThai(data.meta.title || data.url));
    var excerpt = zensicalExcerpt(data.excerpt);
    var subs = data.sub_results || [];
    var own = subs.some(function (sub) { return sub.url.indexOf("#") === -1; });
    var section = subs.filter(function (sub) { return sub.url.indexOf("#") !== -1; })[0];
    return {
      document: {
        location: relative(!own && section ? section.url : data.url),
        title: title,
        text: excerpt.text,
        path: tagsOf(data.meta, zensicalText),
        tags: []
      },
      matches: [
        { field: "title", value: { highlight: { ranges: rangesIn(title, words) } } },
        { field: "text", value: { highlight: { ranges: excerpt.ranges } } }
      ]
    };
  }

  /* Zensical's answer: one page of results, and where the next and previous ones start (the
   * dialog asks for the next when the reader scrolls to the end of the list). */
  function forZensical(hits, from) {
    var pagination = { total: hits.total };
    if (from > 0) pagination.prev = { size: PAGES, from: Math.max(0, from - PAGES) };
    if (from + PAGES < hits.total) pagination.next = { size: PAGES, from: from + PAGES };
    return {
      items: hits.pages.map(function (data) { return zensicalItem(data, hits.words); }),
      pagination: pagination
    };
  }

  async function answer(query, turn) {
    if (!ZENSICAL) {
      var hits = await found(String(query || ""), turn, 0);
      return hits && forMaterial(hits);
    }
    var input = query && typeof query.input === "string" ? query.input : "";
    var from = query && query.page && query.page.from > 0 ? query.page.from : 0;
    var zensicalHits = await found(input, turn, from);
    return zensicalHits && forZensical(zensicalHits, from);
  }

  function nothing() {
    return ZENSICAL ? { items: [], pagination: { total: 0 } } : { items: [] };
  }

  /* Queries are answered one after the other: Pagefind's WebAssembly index is shared state, and
   * a search that loads index chunks while another runs can be answered from the wrong chunks. */
  var queue = Promise.resolve();
  function inTurn(work) {
    var run = queue.then(work, work);
    queue = run.catch(function () {});
    return run;
  }

  /* The folders of the index's parts (search_index.py writes pagefind/parts.json; an index
   * without it is one part). */
  async function partsOf() {
    try {
      var answer = await fetch(bundles + "parts.json");
      var parts = answer.ok ? (await answer.json()).parts : null;
      return Array.isArray(parts) && parts.length ? parts : ["."];
    } catch (err) {
      return ["."];
    }
  }

  function bundleOf(folder) {
    return new URL(folder + "/pagefind.js", bundles).href;
  }

  /* A large edition's index in parts, each searched in its own worker (pagefind-part.js), side by
   * side: the same calls as Pagefind's own (options, init, search; each result's score and data),
   * a search's results being all the parts' results, best score first (equal scores in the
   * parts' order). */
  function Parts(folders) {
    var workers = folders.map(function () { return new Worker(PART_WORKER); });
    var waiting = new Map();
    var asked = 0;
    var settings = {};

    function settle(id, error, value) {
      var wait = waiting.get(id);
      if (!wait) return;
      waiting.delete(id);
      if (error !== undefined) wait.fail(new Error(error));
      else wait.done(value);
    }
    workers.forEach(function (worker, n) {
      worker.onmessage = function (ev) { settle(ev.data.id, ev.data.error, ev.data.value); };
      worker.onerror = function (ev) {
        waiting.forEach(function (wait, id) { if (wait.part === n) settle(id, "part " + n + ": " + ev.message); });
      };
    });

    function ask(n, message) {
      message.id = ++asked;
      var answer = new Promise(function (done, fail) {
        waiting.set(message.id, { done: done, fail: fail, part: n });
        workers[n].postMessage(message);
      });
      return { id: message.id, answer: answer };
    }

    function result(n, search, index, score) {
      var data = null;
      return {
        score: score,
        data: function () {
          return data || (data = ask(n, { op: "data", search: search, index: index }).answer);
        }
      };
    }

    this.options = async function (options) {
      settings = options;
    };
    this.init = function () {
      return Promise.all(folders.map(function (folder, n) {
        return ask(n, { op: "setup", bundle: bundleOf(folder), options: settings }).answer;
      }));
    };
    this.search = async function (term) {
      var searches = workers.map(function (_, n) { return ask(n, { op: "search", term: term }); });
      var scores = await Promise.all(searches.map(function (search) { return search.answer; }));
      var results = [];
      scores.forEach(function (list, n) {
        list.forEach(function (score, index) { results.push(result(n, searches[n].id, index, score)); });
      });
      results.sort(function (a, b) { return b.score - a.score; }); /* stable: ties keep the parts' order */
      return { results: results };
    };
  }

  async function setup() {
    var parts = await partsOf();
    pagefind = parts.length > 1 ? new Parts(parts) : await import(bundleOf(parts[0]));
    await pagefind.options({ excerptLength: 24, ranking: RANKING });
    await pagefind.init();
  }

  self.addEventListener("message", async function (ev) {
    var message = ev.data;
    if (message.type === SETUP) {
      await setup();
      postMessage({ type: READY });
    } else if (message.type === QUERY) {
      var turn = ++latest;
      var result;
      /* Wait for the next key outside the queue, so that skipped queries do not queue up pauses. */
      await pause(QUIET_MS);
      if (turn !== latest) return;
      try {
        result = await inTurn(function () { return answer(message.data, turn); });
      } catch (err) {
        console.warn("search failed:", err);
        result = nothing();
      }
      if (result && turn === latest) postMessage({ type: RESULT, data: result }); /* else superseded */
    }
  });
})();
