// prakat: on a phone, the LAO year page's indicator table folds by area. Each area's heading
// becomes a button that shows or hides its rows, and one button opens or closes them all.
// Without JavaScript, on a wide screen and on paper the table stays whole (print.css and the
// stylesheet's @media screen rule), and a link to an indicator or area opens its area first.
(function () {
  "use strict";
  var table = document.querySelector("table.results");
  if (!table || !window.matchMedia) return;
  var areas = [];
  var body = null;
  Array.prototype.forEach.call(table.tBodies, function (tb) {
    if (tb.classList.contains("area")) {
      body = { head: tb, h: tb.querySelector("h3"), rows: [] };
      areas.push(body);
    } else if (body) body.rows.push(tb);
  });
  // Every area needs its heading to become its button; otherwise the table stays as it is.
  if (areas.length < 2 || areas.some(function (a) { return !a.h; })) return;

  function set(a, open) {
    a.button.setAttribute("aria-expanded", open ? "true" : "false");
    a.rows.forEach(function (tb) { tb.classList.toggle("folded", !open); });
  }
  var all = document.createElement("button");
  all.type = "button";
  all.className = "fold-all";
  function allOpen() { return areas.every(function (a) { return a.button.getAttribute("aria-expanded") === "true"; }); }
  function label() { all.textContent = allOpen() ? "ย่อทุกด้าน" : "แสดงทุกด้าน"; }
  all.addEventListener("click", function () {
    var open = !allOpen();
    areas.forEach(function (a) { set(a, open); });
    label();
  });

  areas.forEach(function (a, k) {
    var h = a.h;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "fold";
    var ids = a.rows.map(function (tb, j) { return tb.id || (tb.id = "area-rows-" + (k + 1) + "-" + j); });
    b.setAttribute("aria-controls", ids.join(" "));
    while (h.firstChild) b.appendChild(h.firstChild);
    h.appendChild(b);
    a.button = b;
    b.addEventListener("click", function () {
      set(a, b.getAttribute("aria-expanded") !== "true");
      label();
    });
  });

  // Folded at first on a narrow screen only; a wide screen shows everything.
  var narrow = window.matchMedia("(max-width: 40rem)").matches;
  areas.forEach(function (a) { set(a, !narrow); });
  label();
  table.parentNode.parentNode.insertBefore(all, table.parentNode);

  // A link to an area or an indicator opens that area.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && document.getElementById(id);
    if (!t) return;
    areas.forEach(function (a) {
      if (a.head.contains(t) || a.rows.some(function (tb) { return tb.contains(t); })) {
        set(a, true);
        label();
        t.scrollIntoView();
      }
    });
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
