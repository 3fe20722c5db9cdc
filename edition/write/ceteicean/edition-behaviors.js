/*
 * CETEIcean behaviours for TEI editions made by `edition` (and any TEI that encodes page
 * furniture as <fw>, page breaks as <pb n>, footnotes as <note place="foot" n>).
 *
 *   <link rel="stylesheet" href="edition-tei.css">
 *   <script src="CETEI.js"></script>
 *   <script src="edition-behaviors.js"></script>
 *   <script>
 *     const c = new CETEI();
 *     c.addBehaviors(editionBehaviors);
 *     c.getHTML5("krivitsky-1940.xml", (data) => document.getElementById("TEI").appendChild(data));
 *   </script>
 *
 * What they do (the CSS does the rest):
 *   pb    an anchor in the margin showing the printed number (@n), its id the pb's xml:id, so
 *         page.html#p43 opens at printed page 43; nothing is put into the text, so a word
 *         broken across pages (break="no") stays whole.
 *   note  footnotes (place foot, end, or none) get a superscript link and go to a numbered list
 *         at the end of their division; they are numbered 1, 2, 3 ... in document order when
 *         the printed markers (@n) repeat (a book that starts again at "1" on each page), and
 *         by their printed markers when those are all distinct; the printed marker is kept in
 *         the link's title and in the list.
 *   gap   "[…]" saying what is missing.
 *   lb    a line break.
 * fw (running heads, page numbers, signatures, catchwords) is hidden by the CSS, and shown
 * when an ancestor has the class "edition-diplomatic", as are sic/orig/abbr in a choice.
 */
(function (root) {
  "use strict";
  var FOOT = ["foot", "end", "bottom"];

  function isFootnote(note) {
    var place = note.getAttribute("place");
    return !place || FOOT.indexOf(place) >= 0;
  }

  // The display label of each footnote, computed once per document.
  function labels(doc) {
    if (doc.__editionNoteLabels) { return doc.__editionNoteLabels; }
    var notes = Array.prototype.filter.call(doc.querySelectorAll("tei-note"), isFootnote);
    var printed = notes.map(function (n) { return n.getAttribute("n") || ""; });
    var distinct = printed.every(function (p) { return p; }) &&
      new Set(printed).size === printed.length;
    var map = new Map();
    notes.forEach(function (n, k) { map.set(n, distinct ? printed[k] : String(k + 1)); });
    doc.__editionNoteLabels = map;
    return map;
  }

  function notesList(elt) {
    var doc = elt.ownerDocument;
    var div = elt.closest("tei-div, tei-front, tei-body, tei-back") || doc.body;
    var list = null;
    for (var k = 0; k < div.children.length; k++) {
      if (div.children[k].classList.contains("edition-notes")) { list = div.children[k]; }
    }
    if (!list) {
      list = doc.createElement("ol");
      list.className = "edition-notes";
      list.setAttribute("aria-label", "Notes");
      div.appendChild(list);
    }
    return list;
  }

  root.editionBehaviors = {
    "tei": {
      "pb": function (elt) {
        var doc = elt.ownerDocument;
        var n = elt.getAttribute("n");
        var id = elt.getAttribute("id");
        var a = doc.createElement("a");
        a.className = "edition-pb";
        if (id) { a.setAttribute("href", "#" + id); }
        var unscanned = elt.getAttribute("type") === "unscanned";
        a.setAttribute("data-n", n ? (unscanned ? "[" + n + "]" : n) : "");
        a.setAttribute("aria-label", n ? "page " + n + (unscanned ? ", not in the scan" : "")
          : "page with no printed number");
        return a;
      },
      "note": [
        ["[place=margin]", ["<span class=\"edition-margin-note\">", "</span>"]],
        ["_", function (elt) {
          if (!isFootnote(elt)) { return null; }
          var doc = elt.ownerDocument;
          var label = labels(doc).get(elt) || "";
          var printed = elt.getAttribute("n") || "";
          var key = elt.getAttribute("id") || ("note-" + label);
          var item = doc.createElement("li");
          item.id = "fn-" + key;
          if (/^\d+$/.test(label)) { item.setAttribute("value", label); }
          var back = doc.createElement("a");
          back.className = "edition-note-label";
          back.setAttribute("href", "#fnref-" + key);
          back.setAttribute("aria-label", "back to the text");
          back.textContent = label;
          item.appendChild(back);
          if (printed && printed !== label) {
            var mark = doc.createElement("span");
            mark.className = "edition-printed-marker";
            mark.textContent = "[printed " + printed + "]";
            item.appendChild(mark);
          }
          var body = doc.createElement("span");
          body.innerHTML = elt.innerHTML;
          item.appendChild(body);
          notesList(elt).appendChild(item);
          var sup = doc.createElement("sup");
          var a = doc.createElement("a");
          a.className = "edition-noteref";
          a.id = "fnref-" + key;
          a.setAttribute("href", "#fn-" + key);
          if (printed) { a.setAttribute("title", "marker as printed: " + printed); }
          a.textContent = label;
          sup.appendChild(a);
          return sup;
        }]
      ],
      "gap": function (elt) {
        var span = elt.ownerDocument.createElement("span");
        var what = [elt.getAttribute("reason"), elt.getAttribute("quantity") &&
                    (elt.getAttribute("quantity") + " " + (elt.getAttribute("unit") || ""))]
          .filter(Boolean).join(", ");
        span.className = "edition-gap";
        span.setAttribute("title", what ? "gap in the text (" + what + ")" : "gap in the text");
        span.textContent = "[…]";
        return span;
      },
      "lb": ["<br>"]
    }
  };
})(typeof window !== "undefined" ? window : this);
