import Foundation

/// A figure as a list of marks in pixel coordinates (origin top-left), drawn either as SVG (for the HTML page)
/// or as a raster image (for `--png`): one description, two renderers, so the two always agree.
public struct Figure: Sendable {
    /// How text is anchored at its x coordinate.
    public enum Anchor: String, Sendable { case start, middle, end }

    /// One drawing primitive.
    public enum Mark: Sendable {
        /// A rectangle, filled and optionally outlined.
        case rect(x: Double, y: Double, width: Double, height: Double, fill: RGBA?, stroke: RGBA? = nil)
        /// A polyline.
        case line(points: [(Double, Double)], color: RGBA, width: Double = 1, dashed: Bool = false)
        /// A filled disc (scatter point).
        case circle(x: Double, y: Double, radius: Double, fill: RGBA)
        /// One line of text whose baseline-top sits at y; `vertical` reads upwards (y-axis labels).
        case text(String, x: Double, y: Double, anchor: Anchor = .start, color: RGBA = .black, vertical: Bool = false, bold: Bool = false)
        /// A raster image (a heat map), drawn with square pixels into the given box.
        case image(RGBAImage, x: Double, y: Double, width: Double, height: Double)
    }

    /// Size in pixels.
    public var width: Int, height: Int
    /// The marks, drawn in order.
    public var marks: [Mark] = []
    /// A short description for screen readers and the `alt` text.
    public var title: String

    /// An empty figure.
    public init(width: Int, height: Int, title: String) {
        self.width = width; self.height = height; self.title = title
    }

    /// Appends a mark.
    public mutating func add(_ m: Mark) { marks.append(m) }

    // MARK: SVG

    /// The figure as a standalone SVG document (raster layers embedded as PNG data URIs).
    public func svg() -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" font-size=\"12\">"
        s += "<title>\(escapeXML(title))</title><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        for m in marks {
            switch m {
            case .rect(let x, let y, let w, let h, let fill, let stroke):
                s += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(max(w, 0)))\" height=\"\(fmt(max(h, 0)))\" "
                    + "fill=\"\(fill.map { $0.hex } ?? "none")\"" + (fill.map { $0.a < 255 ? " fill-opacity=\"\(fmt(Double($0.a) / 255))\"" : "" } ?? "")
                    + (stroke.map { " stroke=\"\($0.hex)\" stroke-width=\"1\"" } ?? "") + "/>"
            case .line(let pts, let c, let w, let dashed):
                guard !pts.isEmpty else { continue }
                s += "<polyline fill=\"none\" stroke=\"\(c.hex)\" stroke-width=\"\(fmt(w))\" stroke-linejoin=\"round\""
                    + (dashed ? " stroke-dasharray=\"5,3\"" : "")
                    + " points=\"" + pts.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ") + "\"/>"
            case .circle(let x, let y, let r, let c):
                s += "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"\(fmt(r))\" fill=\"\(c.hex)\""
                    + (c.a < 255 ? " fill-opacity=\"\(fmt(Double(c.a) / 255))\"" : "") + "/>"
            case .text(let t, let x, let y, let anchor, let c, let vertical, let bold):
                // y is the top of the line box; SVG places the baseline, 12 px font: baseline at top + 11.
                let base = y + 11
                let rot = vertical ? " transform=\"rotate(-90 \(fmt(x + 11)) \(fmt(y)))\"" : ""
                let (tx, ty) = vertical ? (x + 11, y) : (x, base)
                s += "<text x=\"\(fmt(tx))\" y=\"\(fmt(ty))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(c.hex)\""
                    + (bold ? " font-weight=\"bold\"" : "") + rot + ">\(escapeXML(t))</text>"
            case .image(let img, let x, let y, let w, let h):
                s += "<image x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(w))\" height=\"\(fmt(h))\" "
                    + "preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" "
                    + "href=\"data:image/png;base64,\(Data(img.pngData()).base64EncodedString())\"/>"
            }
        }
        return s + "</svg>"
    }

    // MARK: Raster

    /// The figure drawn into an image of `width`×`height` pixels (marks with non-finite coordinates are skipped).
    public func raster() -> RGBAImage {
        var img = RGBAImage(width: width, height: height)
        for m in marks {
            switch m {
            case .rect(let x, let y, let w, let h, let fill, let stroke):
                let x0 = px(x), y0 = px(y), x1 = px(x + w), y1 = px(y + h)
                if let fill {
                    for yy in max(y0, 0)..<max(min(y1, height), max(y0, 0)) {
                        for xx in max(x0, 0)..<max(min(x1, width), max(x0, 0)) { img.blend(x: xx, y: yy, fill, alpha: 1) }
                    }
                }
                if let stroke {
                    for (a, b) in [((x, y), (x + w, y)), ((x + w, y), (x + w, y + h)), ((x + w, y + h), (x, y + h)), ((x, y + h), (x, y))] {
                        drawSegment(&img, a, b, stroke, 1, dashed: false)
                    }
                }
            case .line(let pts, let c, let w, let dashed):
                for i in pts.indices.dropFirst() { drawSegment(&img, pts[i - 1], pts[i], c, w, dashed: dashed) }
            case .circle(let cx, let cy, let r, let c):
                guard cx.isFinite, cy.isFinite, r.isFinite, r >= 0, r < 1000 else { continue }
                let r2 = r * r
                for yy in px(cy - r - 1)...px(cy + r + 1) {
                    for xx in px(cx - r - 1)...px(cx + r + 1) {
                        let dx = Double(xx) + 0.5 - cx, dy = Double(yy) + 0.5 - cy
                        let d = (dx * dx + dy * dy).squareRoot()
                        if d * d <= r2 + r { img.blend(x: xx, y: yy, c, alpha: min(1, max(0, r + 0.5 - d))) }
                    }
                }
            case .text(let t, let x, let y, let anchor, let c, let vertical, _):
                let w = Double(BitmapFont.width(of: t))
                let shift = anchor == .start ? 0 : anchor == .middle ? w / 2 : w
                if vertical {
                    img.drawText(t, x: px(x), y: px(y + shift), color: c, vertical: true)
                } else {
                    img.drawText(t, x: px(x - shift), y: px(y), color: c)
                }
            case .image(let src, let x, let y, let w, let h):
                guard src.width > 0, src.height > 0 else { continue }
                let x0 = px(x), y0 = px(y), iw = px(w), ih = px(h)
                for yy in 0..<max(ih, 0) {
                    for xx in 0..<max(iw, 0) {
                        let c = src[min(xx * src.width / max(iw, 1), src.width - 1), min(yy * src.height / max(ih, 1), src.height - 1)]
                        img.blend(x: x0 + xx, y: y0 + yy, c, alpha: 1)
                    }
                }
            }
        }
        return img
    }

    /// A straight segment of the given width, sampled every half pixel (dashes 5 on, 3 off).
    private func drawSegment(_ img: inout RGBAImage, _ a: (Double, Double), _ b: (Double, Double), _ c: RGBA,
                             _ w: Double, dashed: Bool) {
        guard a.0.isFinite, a.1.isFinite, b.0.isFinite, b.1.isFinite else { return }
        let len = hypot(b.0 - a.0, b.1 - a.1)
        let steps = max(Int(min(len * 2, 1_000_000)), 1)
        let half = max(w, 1) / 2
        var last = (Int.min, Int.min)
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            if dashed && (t * len).truncatingRemainder(dividingBy: 8) >= 5 { continue }
            let x = a.0 + t * (b.0 - a.0), y = a.1 + t * (b.1 - a.1)
            let p = (px(x.rounded(.down)), px(y.rounded(.down)))
            if p == last { continue }
            last = p
            let r = max(px(min(half, 50).rounded(.up)) - 1, 0)
            for dy in -r...max(r, 0) { for dx in -r...max(r, 0) { img.blend(x: p.0 + dx, y: p.1 + dy, c, alpha: 1) } }
        }
    }
}

/// A pixel coordinate: rounded, clamped to ±100 000, NaN to 0 (never a trap on bad data).
func px(_ x: Double) -> Int {
    guard x.isFinite else { return 0 }
    return Int(min(max(x.rounded(), -100_000), 100_000))
}

/// Numbers in SVG attributes: short, never exponent notation.
func fmt(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let r = (x * 100).rounded() / 100
    return (r == r.rounded() && abs(r) < 1e15) ? String(Int(r)) : String(format: "%.2f", r)
}

/// Escapes text for XML and HTML.
public func escapeXML(_ s: String) -> String {
    var o = ""
    for ch in s {
        switch ch {
        case "&": o += "&amp;"
        case "<": o += "&lt;"
        case ">": o += "&gt;"
        case "\"": o += "&quot;"
        case "'": o += "&#39;"
        default: o.append(ch)
        }
    }
    return o
}
