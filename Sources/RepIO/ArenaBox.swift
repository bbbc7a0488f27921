import Foundation

/// The rectangular arena the animal (or agent) moved in, in metres: x in [x0, x1], y in [y0, y1].
public struct ArenaBox: Equatable, Sendable, CustomStringConvertible {
    public var x0: Double, x1: Double, y0: Double, y1: Double

    public init(x0: Double, x1: Double, y0: Double, y1: Double) {
        self.x0 = x0; self.x1 = x1; self.y0 = y0; self.y1 = y1
    }

    /// Width (x extent) in metres.
    public var width: Double { x1 - x0 }
    /// Height (y extent) in metres.
    public var height: Double { y1 - y0 }

    /// Whether the box has finite corners and positive width and height.
    public var isValid: Bool {
        [x0, x1, y0, y1].allSatisfy(\.isFinite) && x1 > x0 && y1 > y0
    }

    /// `x0,x1,y0,y1`, the form `--box` takes.
    public var description: String { "\(formatNumber(x0)),\(formatNumber(x1)),\(formatNumber(y0)),\(formatNumber(y1))" }

    /// Parses `--box x0,x1,y0,y1`; nil when it is not four numbers with x1 > x0 and y1 > y0.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let a = parts[0], let b = parts[1], let c = parts[2], let d = parts[3] else { return nil }
        self.init(x0: a, x1: b, y0: c, y1: d)
        guard isValid else { return nil }
    }

    /// The smallest box holding every finite (x, y) pair of `xy` (interleaved x0, y0, x1, y1, ...).
    public static func enclosing(_ xy: [Double]) -> ArenaBox? {
        var b = ArenaBox(x0: .infinity, x1: -.infinity, y0: .infinity, y1: -.infinity)
        var i = 0
        while i + 1 < xy.count {
            let x = xy[i], y = xy[i + 1]
            if x.isFinite && y.isFinite {
                b.x0 = min(b.x0, x); b.x1 = max(b.x1, x); b.y0 = min(b.y0, y); b.y1 = max(b.y1, y)
            }
            i += 2
        }
        return b.isValid ? b : nil
    }
}

