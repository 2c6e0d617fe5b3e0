// The lists' filters: on a phone they start folded so the results are in sight, as on the map.
// Run as soon as the filters are parsed, so a phone never draws them open first.
(function () {
  "use strict";
  const box = document.getElementById("filters-box");
  // Filters that could not be used stay open beside their messages.
  if (box && !box.querySelector(".error-box") && window.matchMedia("(max-width: 799px)").matches) {
    box.open = false;
  }
})();
