import Foundation

/// A self-contained HTML page: inline CSS, figures embedded as data: URIs, no script or style from the network,
/// so it opens from disk anywhere, years later.
public struct HTMLPage: Sendable {
    /// One piece of content inside a section.
    public enum Block: Sendable {
        /// A paragraph of plain text (escaped).
        case paragraph(String)
        /// A highlighted note, e.g. "this step is not available yet".
        case note(String)
        /// A row of figures (each embedded as an SVG data URI inside an <img>).
        case figures([Figure])
        /// A table; sortable tables sort by a column when its header is clicked.
        case table(headers: [String], rows: [[String]], sortable: Bool)
        /// Key–value pairs (provenance).
        case keyValues([(String, String)])
        /// Preformatted text (a config file).
        case preformatted(String)
    }

    /// A titled section with an anchor id (`id` is what tests and links look for).
    public struct Section: Sendable {
        public var id: String, title: String, blocks: [Block]
        /// A section with its blocks.
        public init(id: String, title: String, blocks: [Block]) { self.id = id; self.title = title; self.blocks = blocks }
    }

    public var title: String
    public var subtitle: String
    public var sections: [Section] = []

    /// An empty page.
    public init(title: String, subtitle: String = "") { self.title = title; self.subtitle = subtitle }

    /// Appends a section.
    public mutating func add(_ s: Section) { sections.append(s) }

    /// The page as one HTML document.
    public func render() -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeXML(title))</title>
        <style>\(Self.css)</style>
        </head><body>
        <header><h1>\(escapeXML(title))</h1><p class="sub">\(escapeXML(subtitle))</p>
        <nav>\(sections.map { "<a href=\"#\(escapeXML($0.id))\">\(escapeXML($0.title))</a>" }.joined(separator: " · "))</nav></header>
        <main>

        """
        for s in sections {
            h += "<section id=\"\(escapeXML(s.id))\"><h2>\(escapeXML(s.title))</h2>\n"
            for b in s.blocks { h += Self.render(b) + "\n" }
            h += "</section>\n"
        }
        h += "</main><footer>Made by repanalyze. Self-contained: every image is embedded in this file.</footer>\n"
        h += "<script>\(Self.sortScript)</script>\n</body></html>\n"
        return h
    }

    static func render(_ b: Block) -> String {
        switch b {
        case .paragraph(let t): return "<p>\(escapeXML(t))</p>"
        case .note(let t): return "<p class=\"note\">\(escapeXML(t))</p>"
        case .figures(let figs):
            return "<div class=\"figs\">" + figs.map { f in
                let data = Data(f.svg().utf8).base64EncodedString()
                return "<figure><img src=\"data:image/svg+xml;base64,\(data)\" width=\"\(f.width)\" height=\"\(f.height)\" "
                    + "alt=\"\(escapeXML(f.title))\"></figure>"
            }.joined() + "</div>"
        case .table(let headers, let rows, let sortable):
            var t = "<div class=\"tablewrap\"><table\(sortable ? " class=\"sortable\"" : "")><thead><tr>"
            t += headers.map { "<th>\(escapeXML($0))</th>" }.joined() + "</tr></thead><tbody>"
            for r in rows { t += "<tr>" + r.map { "<td>\(escapeXML($0))</td>" }.joined() + "</tr>" }
            return t + "</tbody></table></div>"
        case .keyValues(let kv):
            return "<dl class=\"kv\">" + kv.map { "<dt>\(escapeXML($0.0))</dt><dd>\(escapeXML($0.1))</dd>" }.joined() + "</dl>"
        case .preformatted(let t): return "<pre>\(escapeXML(t))</pre>"
        }
    }

    static let css = """
    body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:0;color:#222;background:#fafafa;font-size:15px}
    header{background:#fff;border-bottom:1px solid #ddd;padding:12px 24px}
    h1{font-size:22px;margin:0 0 4px}.sub{margin:0;color:#555}
    nav{margin-top:8px;font-size:14px}nav a{color:#1f77b4;text-decoration:none}
    main{max-width:1400px;margin:0 auto;padding:0 24px}
    section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;margin:18px 0;padding:8px 18px 14px}
    h2{font-size:18px;border-bottom:1px solid #eee;padding-bottom:4px}
    .figs{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
    figure{margin:0}figure img{max-width:100%;height:auto;display:block}
    .note{background:#fff7e0;border-left:4px solid #e0a800;padding:6px 10px}
    .tablewrap{max-height:420px;overflow:auto;border:1px solid #eee}
    table{border-collapse:collapse;font-size:13px}th,td{padding:3px 10px;text-align:right;border-bottom:1px solid #eee}
    th{position:sticky;top:0;background:#f3f3f3}table.sortable th{cursor:pointer}
    dl.kv{display:grid;grid-template-columns:max-content auto;gap:2px 16px;font-size:14px}dt{color:#555}dd{margin:0;font-family:monospace}
    pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:13px;max-height:300px}
    footer{color:#777;font-size:12px;text-align:center;padding:16px}
    """

    /// Sorts a table by the clicked column (numbers numerically, NaN last); inline so the page needs no network.
    static let sortScript = """
    document.querySelectorAll('table.sortable th').forEach(function(th,i){th.addEventListener('click',function(){
    var tb=th.closest('table').tBodies[0],rows=Array.from(tb.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
    function key(r){var t=r.cells[i].textContent,v=parseFloat(t);return isNaN(v)?t:v;}
    rows.sort(function(a,b){var x=key(a),y=key(b);if(typeof x!==typeof y)return typeof x==='number'?-1:1;
    return (x<y?-1:x>y?1:0)*(asc?1:-1);});rows.forEach(function(r){tb.appendChild(r);});});});
    """
}
