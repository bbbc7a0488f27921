/// Lower-star filtrations of images (ripser.py's `lower_star_img`): an image is a graph whose vertices are pixels
/// born at their values, so it goes through the edge-list path with vertex births.
extension PersistentCohomology {
    /// H0 (and, with `maxDimension` > 0, higher) of the lower-star filtration of a 2-D image (row-major
    /// rows × columns): pixel p is born at its value, and each pixel is joined to its 8 neighbours by an edge born
    /// at the larger of the two values — ripser.py's `lower_star_img` (which gives H0 only).
    public static func barcode(ofLowerStarImage values: [Double], rows: Int, columns: Int, maxDimension: Int = 0,
                               coefficient: Int = 2, threshold: Double? = nil, threads: Int = 1) throws(TDAError) -> Barcode {
        guard rows > 0, columns > 0, values.count == rows * columns else {
            throw .shapeMismatch("\(values.count) pixel values are not a \(rows)×\(columns) image")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidParameter("pixel (\(bad / columns), \(bad % columns)) is \(values[bad]); lower-star filtrations need finite values")
        }
        var edges = [(Int, Int, Double)]()
        edges.reserveCapacity(5 * values.count)
        for p in 0..<values.count { edges.append((p, p, values[p])) }
        // Each unordered neighbour pair once: right, down-left, down, down-right.
        for r in 0..<rows {
            for c in 0..<columns {
                let p = r * columns + c
                for (dr, dc) in [(0, 1), (1, -1), (1, 0), (1, 1)] {
                    let r2 = r + dr, c2 = c + dc
                    guard r2 < rows, c2 >= 0, c2 < columns else { continue }
                    let q = r2 * columns + c2
                    edges.append((p, q, max(values[p], values[q])))
                }
            }
        }
        return try barcode(ofEdges: edges, vertexCount: values.count, maxDimension: maxDimension, coefficient: coefficient,
                           threshold: threshold, threads: threads)
    }
}
