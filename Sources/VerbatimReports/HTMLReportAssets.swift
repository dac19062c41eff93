/// The style sheet and the script inlined into `report.html` (no external
/// assets, nothing fetched). The script only sorts the scorecard and opens
/// a verbatim section when it is linked to; it marks `<body data-ready>`
/// when it has run, which the headless-browser test checks.
enum HTMLReportAssets {
    /// Blocks every network fetch; allows only the page's own inline style and script.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

    static let css = """
    :root{--pos:#2e7d32;--neu:#a0a7b0;--neg:#c62828;--ink:#1f2933;--muted:#5f6b7a;--line:#e3e7ec;--bg:#f4f6f8;--accent:#1d4e89}
    *{box-sizing:border-box}
    body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
    header{background:#1f2933;color:#fff;padding:18px 28px}
    header h1{margin:0;font-size:22px;font-weight:600}
    header p{margin:4px 0 0;color:#c8d0d9}
    main{max-width:1280px;margin:0 auto;padding:12px 20px 32px}
    section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:14px 0}
    h2{font-size:17px;margin:0 0 2px}
    h3{font-size:14px;margin:14px 0 6px}
    .hint{color:var(--muted);margin:0 0 12px;font-size:13px}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:14px 0}
    .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
    .card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
    .card .v{font-size:26px;font-weight:600;margin-top:2px}
    .card .s{color:var(--muted);font-size:12px}
    .card.pos .v{color:var(--pos)} .card.neg .v{color:var(--neg)}
    .scroll{overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    td.name{white-space:nowrap}
    thead th{background:#f8fafc;position:sticky;top:0;font-size:13px;white-space:nowrap}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    th button{all:unset;cursor:pointer;font-weight:600;color:var(--accent)}
    th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
    th[aria-sort=ascending] button::after{content:" \\25B2";font-size:10px}
    th[aria-sort=descending] button::after{content:" \\25BC";font-size:10px}
    tbody tr:hover{background:#f8fafc}
    tr.unranked td{color:var(--muted)}
    .note{font-size:12px;color:var(--muted)}
    #trends-table tr.group th{text-align:left;padding-top:14px} #trends-table tr.total td{font-weight:600} #trends-table .few{color:var(--muted)}
    .ci{color:var(--muted);font-size:12px}
    .pos-t{color:var(--pos)} .neg-t{color:var(--neg)}
    a{color:var(--accent)}
    svg.chart{max-width:100%;height:auto;display:block}
    svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:12px;fill:var(--ink)}
    svg .pos{fill:var(--pos)} svg .neu{fill:var(--neu)} svg .neg{fill:var(--neg)}
    svg text.in{fill:#fff;font-size:11px} svg text.total,svg text.axis{fill:var(--muted);font-size:11px}
    svg text.cell{font-size:11px} svg text.cell.dark{fill:#fff}
    svg rect.empty{fill:#fafbfc;stroke:#eef1f4}
    svg rect.bar{fill:#9fb8d6} svg .grid{stroke:#eef1f4} svg .zero{stroke:#8896a5;stroke-dasharray:4 3}
    svg polyline.net,svg line.net{fill:none;stroke:var(--accent);stroke-width:2} svg circle.net{fill:var(--accent)} svg circle.net.few{fill:#fff;stroke:var(--accent);stroke-width:1.5}
    .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:14px}
    .grid2>section{margin:0}
    details.group{border-top:1px solid var(--line);padding:6px 0}
    details.group>summary{cursor:pointer;font-weight:600;padding:4px 0}
    details.group>summary .s{font-weight:400;color:var(--muted)}
    .cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:8px 20px}
    details.verbatim{border-left:4px solid var(--neu);background:#fafbfc;margin:6px 0;padding:6px 10px;border-radius:0 6px 6px 0}
    details.verbatim.positive{border-color:var(--pos)} details.verbatim.negative{border-color:var(--neg)}
    details.verbatim>summary{cursor:pointer}
    .score{font-weight:600;font-variant-numeric:tabular-nums;margin-right:6px}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0 2px;font-size:13px}
    dt{color:var(--muted)} dd{margin:0;overflow-wrap:anywhere}
    .empty-list{color:var(--muted);font-style:italic}
    footer{color:var(--muted);text-align:center;font-size:12px;padding:8px 0 24px}
    @media print{body{background:#fff} section{break-inside:avoid} details{display:block}}
    """

    static let script = """
    (function () {
      "use strict";
      function value(row, col) { return row.cells[col].getAttribute("data-v"); }
      function sortTable(table, key, descending) {
        var heads = table.tHead.rows[0].cells, col = -1;
        for (var i = 0; i < heads.length; i++) {
          if (heads[i].getAttribute("data-key") === key) { col = i; }
          heads[i].removeAttribute("aria-sort");
        }
        if (col < 0) { return false; }
        var numeric = heads[col].getAttribute("data-type") === "number";
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var lang = document.documentElement.lang;
        rows.sort(function (a, b) {
          var x = value(a, col), y = value(b, col);
          if (x === "" || y === "") { return x === y ? 0 : (x === "" ? 1 : -1); }
          var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, lang);
          return descending ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
        heads[col].setAttribute("aria-sort", descending ? "descending" : "ascending");
        table.setAttribute("data-sorted", (descending ? "-" : "") + key);
        return true;
      }
      function fromHash(table) {
        var m = /^#sort=(-?)([a-z_]+)$/.exec(window.location.hash);
        if (m) { sortTable(table, m[2], m[1] === "-"); }
      }
      var table = document.getElementById("scorecard");
      if (table) {
        var buttons = table.tHead.querySelectorAll("th button");
        Array.prototype.forEach.call(buttons, function (button) {
          button.addEventListener("click", function () {
            var th = button.parentNode, key = th.getAttribute("data-key");
            var descending = th.getAttribute("aria-sort") === "ascending" ||
              (th.getAttribute("aria-sort") === null && th.getAttribute("data-type") === "number");
            sortTable(table, key, descending);
            try { history.replaceState(null, "", "#sort=" + (descending ? "-" : "") + key); } catch (e) { /* file: URLs */ }
          });
        });
        fromHash(table);
      }
      function openTarget() {
        var id = window.location.hash.slice(1);
        var el = id && id.indexOf("v-") === 0 ? document.getElementById(id) : null;
        if (el && el.tagName === "DETAILS") { el.open = true; }
      }
      window.addEventListener("hashchange", openTarget);
      openTarget();
      document.body.setAttribute("data-ready", "true");
    })();
    """
}
