// Tooltips on hover and keyboard focus, table sorting and entity filtering.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  function describe(el) {
    var d = el.dataset, lines = [];
    if (d.kind === "mention") {
      lines.push(d.name + "  (" + d.entity + ")");
    } else {
      lines.push(d.type + " " + d.value + (d.mod ? "  mod " + d.mod : ""));
      if (d.range) { lines.push("range " + d.range); }
    }
    lines.push("rule " + d.rule);
    lines.push("chars " + d.start + "–" + d.end);
    return lines.join("\n");
  }
  function show(event) {
    var el = event.target.closest("mark.m");
    if (!el) { return; }
    tip.textContent = describe(el);
    var box = el.getBoundingClientRect();
    tip.style.left = Math.min(box.left, window.innerWidth - 370) + "px";
    tip.style.top = (box.bottom + 6) + "px";
    tip.hidden = false;
  }
  function hide() { tip.hidden = true; }
  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("mouseout", hide);
  document.addEventListener("focusout", hide);

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.hasAttribute("data-numeric");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent, y = b.cells[column].textContent;
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  var filter = document.getElementById("entity-filter");
  if (filter) {
    filter.addEventListener("change", function () {
      document.querySelectorAll("#entity-table tbody tr").forEach(function (row) {
        row.hidden = filter.value !== "" && row.dataset.type !== filter.value;
      });
    });
  }
})();
