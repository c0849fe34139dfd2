/* OSA Monitor: getting a page ready for paper (print.css holds the layout).

   Before the browser prints (and before `osa-site pdf` prints), every link in the page's text
   gets a number, written ↗n (so it is not taken for a source footnote, [n]), and the addresses
   are written out once each in a "Link references" list at the end, in the order they first
   appear, so the same page always prints the same. Links point to the published site (the
   page's canonical address), whatever server shows it.
   The running header of every sheet is set from the print header the theme writes.
   Text is only ever set with textContent; running-header strings are CSS-escaped. */
(function () {
  "use strict";

  var LIST_ID = "osa-print-references";
  var STYLE_ID = "osa-print-page";

  function publicBase() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : document.baseURI;
  }

  function resolve(href, base) {
    try {
      return new URL(href, base).href;
    } catch (error) {
      return null;
    }
  }

  function clear(article) {
    article.querySelectorAll(".osa-print-ref").forEach(function (mark) { mark.remove(); });
    var old = document.getElementById(LIST_ID);
    if (old) old.remove();
  }

  function numbered(anchor) {
    var href = anchor.getAttribute("href");
    return anchor instanceof HTMLAnchorElement && href && href.charAt(0) !== "#" &&
      !anchor.closest(".osa-print-header, .osa-pdf-link, .headerlink, .footnote-backref, .osa-filters");
  }

  function numberLinks(article, base) {
    var urls = [];
    article.querySelectorAll("a[href]").forEach(function (anchor) {
      if (!numbered(anchor)) return;
      var original = anchor.getAttribute("data-osa-href") || anchor.getAttribute("href");
      var url = resolve(original, base);
      if (!url) return;
      anchor.setAttribute("data-osa-href", original);
      anchor.setAttribute("href", url);
      if (anchor.textContent.trim() === url) return;  // the address is already the text
      var number = urls.indexOf(url);
      if (number < 0) number = urls.push(url) - 1;
      var mark = document.createElement("sup");
      mark.className = "osa-print-ref";
      mark.textContent = "\u2197" + (number + 1);
      anchor.after(mark);
    });
    return urls;
  }

  function writeList(article, urls, words) {
    if (!urls.length) return;
    var section = document.createElement("section");
    section.id = LIST_ID;
    section.className = "osa-print-references";
    var heading = document.createElement("h2");
    heading.textContent = words.referencesTitle || "Link references";
    var intro = document.createElement("p");
    intro.textContent = words.referencesIntro || "The addresses of the links on this page: \u2197n in the text is address n.";
    var list = document.createElement("ol");
    urls.forEach(function (url) {
      var item = document.createElement("li");
      var anchor = document.createElement("a");
      anchor.href = url;
      anchor.textContent = url;
      item.appendChild(anchor);
      list.appendChild(item);
    });
    section.append(heading, intro, list);
    article.appendChild(section);
  }

  function cssString(text) {
    return '"' + text.replace(/[^A-Za-z0-9 .,:/-]/gu, function (c) {
      return "\\" + c.codePointAt(0).toString(16) + " ";
    }) + '"';
  }

  function runningHeaders() {
    var header = document.querySelector(".osa-print-header");
    if (!header) return;
    var data = header.dataset;
    var style = document.getElementById(STYLE_ID);
    if (!style) {
      style = document.createElement("style");
      style.id = STYLE_ID;
      document.head.appendChild(style);
    }
    var box = "font: 8pt/1.2 -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif; color: #444444;";
    style.textContent =
      "@page { @top-left { content: " + cssString(data.site + " · " + data.title) + "; " + box + " }" +
      (data.date ? " @top-right { content: " + cssString(data.runningDate || "Data as of " + data.date) + "; " + box + " }" : "") +
      (data.url ? " @bottom-left { content: " + cssString(data.url) + "; " + box + " }" : "") + " }";
  }

  function prepare() {
    var article = document.querySelector("article.md-content__inner") || document.body;
    clear(article);
    var header = document.querySelector(".osa-print-header");
    writeList(article, numberLinks(article, publicBase()), header ? header.dataset : {});
    runningHeaders();
  }

  function restore() {
    document.querySelectorAll("a[data-osa-href]").forEach(function (anchor) {
      anchor.setAttribute("href", anchor.getAttribute("data-osa-href"));
      anchor.removeAttribute("data-osa-href");
    });
  }

  window.osaPrint = { prepare: prepare, restore: restore };
  window.addEventListener("beforeprint", prepare);
  window.addEventListener("afterprint", restore);
})();
