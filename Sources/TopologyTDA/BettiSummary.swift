/// Betti numbers read off a barcode: per dimension, how many bars clearly stand out from the noise.
///
/// How bars are chosen (documented in the README, used for the CLI's closing line):
/// - An infinite H0 bar always counts: it is a component that exists at the threshold (with the default threshold,
///   the enclosing radius, there is exactly one). It is ranked with the finite bars (below) and b₀ is at least the
///   number of infinite bars — by the ranking alone four points at the corners of a square, persistences √2·a (the
///   infinite bar, up to the threshold) and a, a, a, have no clear gap, and were summarised "betti (0, 1)".
/// - An infinite bar in a higher dimension (a class still alive at the threshold) is given persistence
///   threshold − birth, the least it can have. With no threshold at all (an edge list) infinite bars always count.
/// - With `minimumPersistence` set, every bar with persistence ≥ it counts.
/// - Otherwise the persistences are sorted, p₁ ≥ p₂ ≥ … ≥ pₘ, and the largest gap pᵢ − pᵢ₊₁ between
///   consecutive bars is found; the top i bars count when that gap is clear — pᵢ ≥ `ratio` × pᵢ₊₁ (default 1.5)
///   and pᵢ ≥ `scaleFraction` × threshold (default 5 % of the filtration's scale) — and none do otherwise. A single
///   finite bar counts when it alone passes the scale test.
public struct BettiSummary: Sendable, Equatable {
    /// b₀, b₁, … for dimensions 0…maxDimension.
    public var betti: [Int]
    /// The persistence from which a bar counted, per dimension (nil when no finite bar counted).
    public var cutoff: [Double?]

    /// The Betti numbers of `barcode` by the rule above.
    public init(_ barcode: Barcode, minimumPersistence: Double? = nil, ratio: Double = 1.5, scaleFraction: Double = 0.05) {
        var b = [Int](), cuts = [Double?]()
        // With an infinite threshold (edge-list input) infinite bars always count and the scale is the largest death;
        // so too with a zero threshold (every point in one place), where truncated persistences would all be 0 and
        // the one component would go uncounted.
        let open = !(barcode.threshold.isFinite && barcode.threshold > 0)
        let largestDeath = barcode.diagrams.flatMap(\.intervals).map(\.death).filter(\.isFinite).max() ?? 0
        let scale = open ? largestDeath : barcode.threshold
        for dgm in barcode.diagrams {
            let infinite = open ? dgm.intervals.filter(\.isInfinite).count : 0
            // H0's infinite bars stay in the ranking (they head it, and taking them out would move the gap among
            // the finite bars) but count in any case.
            let floor = dgm.dimension == 0 ? dgm.intervals.filter(\.isInfinite).count : 0
            let p = dgm.intervals.filter { !(open && $0.isInfinite) }
                .map { $0.isInfinite ? max(scale - $0.birth, 0) : $0.persistence }.filter { $0 > 0 }.sorted(by: >)
            var finite = 0
            if let m = minimumPersistence {
                finite = p.filter { $0 >= m }.count
                cuts.append(finite > 0 ? p[finite - 1] : nil)
            } else if p.count == 1 {
                finite = p[0] >= scaleFraction * scale ? 1 : 0
                cuts.append(finite > 0 ? p[0] : nil)
            } else if p.count >= 2 {
                var best = 0, bestGap = -1.0
                for i in 0..<(p.count - 1) where p[i] - p[i + 1] > bestGap { bestGap = p[i] - p[i + 1]; best = i }
                if p[best] >= ratio * p[best + 1] && p[best] >= scaleFraction * scale { finite = best + 1 }
                cuts.append(finite > 0 ? p[best] : nil)
            } else {
                cuts.append(nil)
            }
            b.append(max(infinite + finite, floor))
        }
        betti = b
        cutoff = cuts
    }

    /// What the Betti numbers suggest, in words ("consistent with a torus").
    public var interpretation: String {
        var b = betti
        while b.count > 1 && b.last == 0 { b.removeLast() }
        let known: [[Int]: String] = [
            [1, 2, 1]: "consistent with a torus",
            [1, 2]: "two independent loops (a torus needs H2: use --maxdim 2)",
            [1, 1]: "consistent with a circle (a ring)",
            [1, 0, 1]: "consistent with a sphere",
            [1]: "one connected component without loops or voids",
        ]
        if let s = known[b] { return s }
        if betti.first.map({ $0 > 1 }) == true { return "\(betti[0]) separate components" }
        return "not a circle, sphere or torus"
    }

    /// "betti (1, 2, 1) — consistent with a torus".
    public var line: String {
        "betti (" + betti.map(String.init).joined(separator: ", ") + ") — " + interpretation
    }
}
