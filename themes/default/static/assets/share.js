// prakat share: the "copy link" link copies the page address instead of opening it. Without
// JavaScript (or without clipboard access) it stays a plain link to the page's own address.
// Print buttons print the page.
(function () {
  "use strict";
  // A print button prints the page (on phones too, where no Ctrl+P is at hand); without
  // JavaScript it stays hidden and the text beside it says to print from the browser's menu.
  document.querySelectorAll("button[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("a[data-copy]").forEach(function (a) {
    a.setAttribute("role", "button");
    a.addEventListener("click", function (ev) {
      if (!navigator.clipboard || !window.isSecureContext) return;
      ev.preventDefault();
      var status = a.parentNode.querySelector(".copy-status");
      navigator.clipboard.writeText(a.href).then(function () {
        if (status) status.textContent = "คัดลอกลิงก์แล้ว";
      }, function () {
        if (status) status.textContent = "คัดลอกไม่ได้ กดค้างที่ลิงก์เพื่อคัดลอกเอง";
      });
    });
  });
})();
