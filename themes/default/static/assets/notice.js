// Keeps the printed notice on one A4 page. The stylesheet fits an ordinary notice; an unusual
// one (many areas, very long names) is shrunk here, half a point at a time, until its content
// is no taller than the printable height: 297 mm less the @page margins (18 mm + 15 mm).
(function () {
  var sheet = document.querySelector(".notice");
  var inner = sheet && sheet.querySelector(".notice-inner");
  if (!inner) return;
  var room = (297 - 18 - 15) * 96 / 25.4;
  function fit() {
    // Measure at the printed width (210 mm less 25 mm + 18 mm), whatever the screen is.
    inner.style.width = (210 - 25 - 18) + "mm";
    sheet.style.fontSize = "";
    var size = parseFloat(getComputedStyle(sheet).fontSize) * 72 / 96;
    while (inner.getBoundingClientRect().height > room && size > 7) {
      size -= 0.5;
      sheet.style.fontSize = size + "pt";
    }
    inner.style.width = "";
  }
  fit();
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(fit);
  window.addEventListener("beforeprint", fit);
})();
