// The console's own stylesheet and script, served from memory (no CDN: the machine may have no internet).
// ECharts comes from node_modules (echarts/dist/echarts.min.js), with its built-in Chinese locale.

export const CONSOLE_CSS = `
body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
header{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 16px;background:#07c160;color:#fff}
header nav a{color:#fff;margin-right:10px;text-decoration:none;opacity:.85}header nav a.active{font-weight:bold;opacity:1;text-decoration:underline}
header .logout{margin-left:auto}header button{margin-left:8px}
main{padding:16px;max-width:1200px;margin:0 auto}main.narrow{max-width:520px;margin-top:60px;background:#fff;padding:24px;border-radius:8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px}
.card{background:#fff;border-radius:8px;padding:12px}.card .name{color:#646a73}.card .value{font-size:28px;font-weight:bold;margin:4px 0}
.card .compare{font-size:12px;color:#646a73}.definition,.computed,.hint{font-size:12px;color:#8f959e}
.chart{height:320px;background:#fff;border-radius:8px;margin:8px 0}
table{border-collapse:collapse;background:#fff;width:100%;margin:8px 0}th,td{border-bottom:1px solid #eee;padding:6px 8px;text-align:left;font-size:14px}
th{cursor:pointer;background:#fafafa}.notice{background:#e8f7ee;padding:8px;border-radius:6px}.empty{color:#8f959e}
form.inline{display:inline-block;margin-right:8px}.actions{margin:8px 0}.gap{color:#d83931;font-weight:bold}
`;

export const CONSOLE_JS = `
(function () {
  function data(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function init(el) { return echarts.init(el, null, { locale: 'ZH', renderer: 'canvas' }); }
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var kind = el.getAttribute('data-chart'); var d = data('chart-' + kind); if (!d || typeof echarts === 'undefined') return;
    var chart = init(el);
    if (kind === 'lines') {
      chart.setOption({ tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: d.days }, yAxis: { type: 'value' },
        series: d.series.map(function (s) { return { name: s.name, type: 'line', data: s.data }; }) });
    } else if (kind === 'overview' || kind === 'hours') {
      chart.setOption({ tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: d.days },
        yAxis: d.series.map(function (_s, i) { return { type: 'value', position: i ? 'right' : 'left' }; }).slice(0, 2),
        series: d.series.map(function (s, i) { return { name: s.name, type: i ? 'line' : 'bar', yAxisIndex: Math.min(i, 1), data: s.data }; }) });
    } else if (kind === 'funnel') {
      chart.setOption({ tooltip: {}, series: [{ type: 'funnel', sort: 'none', label: { formatter: '{b}: {c}' }, data: d.steps }] });
    }
    window.addEventListener('resize', function () { chart.resize(); });
  });
  document.querySelectorAll('table.sortable th').forEach(function (th, index) {
    th.addEventListener('click', function () {
      var table = th.closest('table'); var body = table.tBodies[0]; var rows = Array.prototype.slice.call(body.rows);
      var dir = th.getAttribute('data-dir') === 'asc' ? -1 : 1; th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent.replace(/[¥,%]/g, ''), y = b.cells[col].textContent.replace(/[¥,%]/g, '');
        var nx = parseFloat(x), ny = parseFloat(y);
        return (isNaN(nx) || isNaN(ny) ? x.localeCompare(y, 'zh') : nx - ny) * dir;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
`;
