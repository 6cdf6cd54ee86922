// 监督看板: charts from data-chart attributes (JSON written by the server) and sortable tables.
// No inline script or style: the content security policy forbids both.
(function () {
  'use strict';

  var COLOURS = ['#0d6efd', '#198754', '#fd7e14', '#6f42c1', '#dc3545', '#20c997', '#6c757d', '#ffc107'];

  function drawCharts() {
    if (typeof window.Chart === 'undefined') { return; }
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var spec = JSON.parse(canvas.getAttribute('data-chart'));
      var line = spec.type === 'line';
      var datasets = spec.datasets.map(function (d, i) {
        var colour = COLOURS[i % COLOURS.length];
        var several = !line && spec.datasets.length === 1;
        return {
          label: d.label, data: d.data,
          backgroundColor: several ? d.data.map(function (_, j) { return COLOURS[j % COLOURS.length]; }) : colour,
          borderColor: colour, tension: 0.2, fill: false
        };
      });
      canvas.chart = new window.Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: { legend: { display: spec.datasets.length > 1 } },
          scales: { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true } }
        }
      });
      canvas.setAttribute('data-rendered', 'true');
    });
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ''; }
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    var n = parseFloat(raw.replace(/[,%]/g, ''));
    return isNaN(n) || !/^-?[\d.,]+%?$/.test(raw) ? raw : n;
  }

  function makeSortable(table) {
    table.querySelectorAll('thead th').forEach(function (th, index) {
      th.classList.add('sortable-heading');
      th.setAttribute('role', 'button');
      th.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y), 'zh-CN');
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts();
    document.querySelectorAll('table.sortable').forEach(makeSortable);
  });
})();
