// The language selector (overrides/partials/alternate.html) leads to the same page in the other
// language; this keeps the part after "#" as well, so that a claim's permalink
// (sources/<id>/#<claim-id>) lands on the same claim there: both languages give a claim the
// same anchor. Links are rewritten rather than clicks intercepted, so that opening one in a new
// tab keeps it too.
(function () {
  "use strict";
  function keep() {
    var links = document.querySelectorAll("a.md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].getAttribute("href"), window.location.href);
      url.hash = window.location.hash;
      links[i].setAttribute("href", url.href);
    }
  }
  keep();
  window.addEventListener("hashchange", keep);
})();
