// The diplomatic view: a checkbox (the CSS shows furniture while it is checked); this script
// opens it from ?view=diplomatic in the URL, keeps the URL in step, and keeps the reader at
// the cited page (#p43) when the view changes the layout.
(function () {
  "use strict";
  var box = document.getElementById("view-diplomatic");
  if (!box) { return; }
  function toHash() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) { target.scrollIntoView(); }
  }
  if (new URLSearchParams(location.search).get("view") === "diplomatic") {
    box.checked = true;
    toHash();
  }
  box.addEventListener("change", function () {
    try {
      var url = new URL(location.href);
      if (box.checked) { url.searchParams.set("view", "diplomatic"); }
      else { url.searchParams.delete("view"); }
      history.replaceState(null, "", url.href);
    } catch (e) { /* some browsers refuse to rewrite file:// URLs: the view still changes */ }
  });
})();
