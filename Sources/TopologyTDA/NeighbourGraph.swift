/// The Rips graph at a threshold, O(edges) in memory: each vertex's neighbours in increasing index order with their
/// lengths (both directions stored: CSR). List v holds first its lower neighbours (j < v), then its upper ones.
///
/// From points it is built without a distance matrix: rows are cut into chunks that the threads take as they come
/// free; each chunk keeps the pairs j < i at or under the threshold, and the chunks are joined in row order, so the
/// graph is the same for any number of threads. Lengths are `PointKernel`'s, the very values of the full matrix.
struct NeighbourGraph: Sendable {
    let vertexCount: Int
    /// Neighbours of v: neighbour[offset[v] ..< offset[v + 1]], increasing; the first lowerCount[v] of them are < v.
    let offset: [Int]
    let lowerCount: [Int32]
    let neighbour: [Int32]
    let length: [Float]
    /// Labels that keep near points near (`SpatialOrder`, from points only), for the collapse's memory layout.
    var spatialRank: [Int32]? = nil
    var edgeCount: Int { neighbour.count / 2 }
    /// Whether some vertex is joined to every other one: only then can the enclosing radius be ≤ the threshold.
    var hasFullVertex: Bool { (0..<vertexCount).contains { offset[$0 + 1] - offset[$0] == vertexCount - 1 } }

    /// The edges of `kernel`'s cloud with length ≤ threshold, the distances computed on `threads` threads.
    init(kernel: PointKernel, threshold: Float, threads: Int) {
        let n = kernel.count, d = kernel.dimension, euclidean = kernel.metric == .euclidean
        // A pair whose squared distance exceeds (t + ulp)² rounds above t: skip its square root and rounding.
        let bound = euclidean ? (Double(threshold) + Double(threshold.ulp)) * (Double(threshold) + Double(threshold.ulp)) : .infinity
        let chunk = NeighbourGraph.rowChunk
        let parts = ChunkOutputs(count: (n + chunk - 1) / chunk, rows: n)
        defer { parts.deallocate() }
        WorkerThreads.forEachChunk(n, chunk: chunk, workers: threads) { _, range in
            kernel.rows.withUnsafeBufferPointer { points in
                var js = [Int32](), ds = [Float]()
                for i in range {
                    let before = js.count, pi = i &* d
                    for j in 0..<i {
                        let pj = j &* d
                        if euclidean {
                            let s = PointKernel.squaredEuclidean(points, pi, pj, dimension: d)
                            if s > bound { continue }
                            let v = Float(s.squareRoot())
                            if v <= threshold { js.append(Int32(truncatingIfNeeded: j)); ds.append(v) }
                        } else {
                            let v = PointKernel.distance(points, pi, pj, dimension: d, euclidean: false)
                            if v <= threshold { js.append(Int32(truncatingIfNeeded: j)); ds.append(v) }
                        }
                    }
                    parts.rowCounts[i] = Int32(truncatingIfNeeded: js.count - before)
                }
                parts.store(range.lowerBound / chunk, js, ds)
            }
        }
        self.init(vertexCount: n, lowerCounts: Array(parts.rowCounts), parts: parts)
        spatialRank = SpatialOrder.ranks(kernel)
    }

    /// The edges of `matrix` with value ≤ threshold (+inf entries are never edges).
    init(matrix: DistanceMatrix, threshold: Float) {
        let n = matrix.count
        var counts = [Int32](repeating: 0, count: n)
        var js = [Int32](), ds = [Float]()
        var k = 0
        for i in 0..<n {
            for j in 0..<i {
                let v = matrix.lowerTriangle[k]
                k += 1
                if v <= threshold { js.append(Int32(j)); ds.append(v); counts[i] += 1 }
            }
        }
        let parts = ChunkOutputs(count: 1, rows: 0)
        defer { parts.deallocate() }
        parts.store(0, js, ds)
        self.init(vertexCount: n, lowerCounts: counts, parts: parts)
    }

    /// Rows handed to a thread at a time: small enough to balance rows of unequal length (row i has i pairs).
    static let rowChunk = 64

    /// Joins the lower rows (pairs j < i, row by row, in `parts` in order) into symmetric sorted lists.
    private init(vertexCount n: Int, lowerCounts: [Int32], parts: ChunkOutputs) {
        var degree = lowerCounts.map { Int($0) }
        for c in 0..<parts.count { for j in parts.neighbours[c] { degree[Int(j)] += 1 } }
        var offset = [Int](repeating: 0, count: n + 1)
        for v in 0..<n { offset[v + 1] = offset[v] + degree[v] }
        var neighbour = [Int32](repeating: 0, count: offset[n])
        var length = [Float](repeating: 0, count: offset[n])
        // Upper entries of v go after its lower ones; rows come in increasing i, so they arrive sorted.
        var upper = (0..<n).map { offset[$0] + Int(lowerCounts[$0]) }
        var i = 0, left = n > 0 ? Int(lowerCounts[0]) : 0, at = 0
        for c in 0..<parts.count {
            let js = parts.neighbours[c], ds = parts.lengths[c]
            for t in 0..<js.count {
                while left == 0 { i += 1; left = Int(lowerCounts[i]); at = offset[i] }
                let j = Int(js[t])
                neighbour[at] = js[t]; length[at] = ds[t]; at += 1; left -= 1
                neighbour[upper[j]] = Int32(truncatingIfNeeded: i); length[upper[j]] = ds[t]; upper[j] += 1
            }
        }
        vertexCount = n
        self.offset = offset
        self.lowerCount = lowerCounts
        self.neighbour = neighbour
        self.length = length
    }

    /// The edges as (i, j, length) with i > j, ordered by (i, j).
    func edgeList() -> [(Int32, Int32, Float)] {
        var out = [(Int32, Int32, Float)]()
        out.reserveCapacity(edgeCount)
        for i in 0..<vertexCount {
            for t in offset[i]..<offset[i] + Int(lowerCount[i]) { out.append((Int32(i), neighbour[t], length[t])) }
        }
        return out
    }
}

/// One output slot per chunk, written by whichever thread takes the chunk (each slot by one thread only).
private final class ChunkOutputs: @unchecked Sendable {
    let count: Int
    let neighbours: UnsafeMutableBufferPointer<[Int32]>
    let lengths: UnsafeMutableBufferPointer<[Float]>
    /// Lower neighbours per row (each row written by the thread that owns its chunk).
    let rowCounts: UnsafeMutableBufferPointer<Int32>
    init(count: Int, rows: Int) {
        self.count = count
        rowCounts = .allocate(capacity: rows); rowCounts.initialize(repeating: 0)
        neighbours = .allocate(capacity: count); neighbours.initialize(repeating: [])
        lengths = .allocate(capacity: count); lengths.initialize(repeating: [])
    }
    func store(_ chunk: Int, _ js: [Int32], _ ds: [Float]) { neighbours[chunk] = js; lengths[chunk] = ds }
    func deallocate() {
        _ = neighbours.deinitialize(); neighbours.deallocate()
        _ = lengths.deinitialize(); lengths.deallocate()
        rowCounts.deallocate()
    }
}
