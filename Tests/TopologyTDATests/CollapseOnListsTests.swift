import Testing
@testable import TopologyTDA

/// The edge collapse on sorted neighbour lists (`EdgeCollapse`, O(edges)) against the n×n-table version it replaced
/// (`ReferenceEdgeCollapse`): the same kept edges, values and order, on seeded random clouds with ties, duplicates and
/// thresholds, with either list layout (`CollapseEntry`) and on any number of threads (`ParallelCollapse`); the
/// neighbour graph from points against the one from the full matrix, on any number of threads.
@Suite struct CollapseOnListsTests {
    typealias SplitMix64 = ParallelReductionTests.SplitMix64

    /// n points in R^d; with `grid`, coordinates rounded to it (many equal lengths) and every fifth point a duplicate.
    static func cloud(_ rng: inout SplitMix64, n: Int, d: Int, grid: Double?) -> [Double] {
        var x = (0..<(n * d)).map { _ in Double.random(in: -1...1, using: &rng) }
        if let grid {
            x = x.map { ($0 / grid).rounded() * grid }
            for i in stride(from: 5, to: n, by: 5) { for c in 0..<d { x[i * d + c] = x[(i - 5) * d + c] } }
        }
        return x
    }

    /// 60 clouds: 8–220 points in R^2…R^6, half with ties, thresholds from a third of the enclosing radius to all of it.
    static let clouds: [(points: [Double], d: Int, threshold: Float)] = {
        var rng = SplitMix64(state: 12)
        return (0..<60).map { k in
            let n = 8 + Int.random(in: 0...212, using: &rng), d = 2 + k % 5
            let p = cloud(&rng, n: n, d: d, grid: k % 2 == 0 ? 0.25 : nil)
            let radius = (try? DistanceMatrix(points: p, dimension: d).enclosingRadius) ?? 1
            return (p, d, radius * [0.35, 0.5, 0.7, 1.0][k % 4])
        }
    }()

    @Test func sameEdgesAsTheTableVersion() throws {
        for (k, c) in Self.clouds.enumerated() {
            let dm = try DistanceMatrix(points: c.points, dimension: c.d)
            let reference = ReferenceEdgeCollapse.collapse(dm, threshold: c.threshold)
            let graph = NeighbourGraph(matrix: dm, threshold: c.threshold)
            // Both list layouts: 4-byte entries (up to 65 536 vertices, the default) and the 8-byte ones above.
            for wide in [false, true] {
                let kept = EdgeCollapse.collapse(graph, wideEntries: wide)
                #expect(kept.count == reference.count, "cloud \(k), wide \(wide)")
                #expect(zip(kept, reference).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }, "cloud \(k), wide \(wide)")
            }
        }
    }

    @Test func graphFromPointsIsTheMatrixGraph() throws {
        for (k, c) in Self.clouds.prefix(24).enumerated() {
            // Rounded clouds (even k) can hold a zero vector, for which cosine and correlation are undefined.
            for metric in Metric.allCases where metric == .euclidean || k % 2 == 1 {
                let dm = try DistanceMatrix(points: c.points, dimension: c.d, metric: metric)
                let t = metric == .euclidean ? c.threshold : 0.3
                let fromMatrix = NeighbourGraph(matrix: dm, threshold: t)
                let kernel = try PointKernel(points: c.points, dimension: c.d, metric: metric)
                for threads in [1, 2, 3, 5] {
                    let fromPoints = NeighbourGraph(kernel: kernel, threshold: t, threads: threads)
                    #expect(fromPoints.offset == fromMatrix.offset && fromPoints.neighbour == fromMatrix.neighbour
                            && fromPoints.length == fromMatrix.length && fromPoints.lowerCount == fromMatrix.lowerCount,
                            "cloud \(k), \(metric), \(threads) threads")
                }
            }
        }
    }

    /// Rows split into many chunks (more rows than `NeighbourGraph.rowChunk` × threads), so threads interleave.
    @Test func graphOfManyChunksIsTheSameOnAnyThreadCount() throws {
        var rng = SplitMix64(state: 99)
        let p = Self.cloud(&rng, n: 900, d: 4, grid: 0.125)
        let kernel = try PointKernel(points: p, dimension: 4, metric: .euclidean)
        let one = NeighbourGraph(kernel: kernel, threshold: 0.6, threads: 1)
        let dm = try DistanceMatrix(points: p, dimension: 4)
        let fromMatrix = NeighbourGraph(matrix: dm, threshold: 0.6)
        #expect(one.neighbour == fromMatrix.neighbour && one.length == fromMatrix.length && one.offset == fromMatrix.offset)
        for threads in [2, 3, 7] {
            let many = NeighbourGraph(kernel: kernel, threshold: 0.6, threads: threads)
            #expect(many.neighbour == one.neighbour && many.length == one.length && many.offset == one.offset, "\(threads) threads")
            #expect(EdgeCollapse.collapse(many, threads: threads).elementsEqual(EdgeCollapse.collapse(one)) { $0 == $1 })
        }
    }

    static func same(_ a: [(Int32, Int32, Float)], _ b: [(Int32, Int32, Float)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }
    }

    /// The threaded loop against the table version on the 60 clouds (one thread: `sameEdgesAsTheTableVersion`), with
    /// blocks of 5, 16, 33 and the default; on clouds this small the edges of a block often meet, so both paths run.
    @Test func sameEdgesOnAnyThreadCount() throws {
        var total = EdgeCollapse.Statistics()
        for (k, c) in Self.clouds.enumerated() {
            let dm = try DistanceMatrix(points: c.points, dimension: c.d)
            let reference = ReferenceEdgeCollapse.collapse(dm, threshold: c.threshold)
            let graph = NeighbourGraph(matrix: dm, threshold: c.threshold)
            // Each layout on every thread count, on alternate runs of four clouds (every threshold, with and without
            // ties); both layouts on every cloud doubled this 8 s test (debug build).
            let wide = (k / 4) % 2 == 1
            for (threads, block) in [(2, EdgeCollapse.blockSize), (3, 5), (5, 33), (7, 16)] {
                let (kept, s) = EdgeCollapse.collapseCounting(graph, threads: threads, wideEntries: wide, blockSize: block)
                #expect(Self.same(kept, reference), "cloud \(k), wide \(wide), \(threads) threads, blocks of \(block)")
                #expect(s.speculated + s.recomputed == graph.edgeCount)
                total.speculated += s.speculated; total.recomputed += s.recomputed
            }
        }
        #expect(total.speculated > 0 && total.recomputed > 0, "\(total)")
    }

    /// A cloud of many blocks (52 740 edges, 413 blocks), where some speculative results are rejected and recomputed
    /// (18 %: 700 points is few for blocks of 128) and most are not: the same kept edges as one thread and as the table version, on 2, 3, 5 and 7 threads, both layouts.
    @Test func manyBlocksWithConflictsGiveTheSerialEdges() throws {
        var rng = SplitMix64(state: 2027)
        let p = Self.cloud(&rng, n: 700, d: 3, grid: nil)
        let dm = try DistanceMatrix(points: p, dimension: 3)
        let graph = NeighbourGraph(matrix: dm, threshold: 0.9)
        let reference = ReferenceEdgeCollapse.collapse(dm, threshold: 0.9)
        #expect(graph.edgeCount > 40 * EdgeCollapse.blockSize)
        for wide in [false, true] {
            let one = EdgeCollapse.collapse(graph, wideEntries: wide)
            #expect(Self.same(one, reference), "wide \(wide)")
            var first: EdgeCollapse.Statistics?
            for threads in [2, 3, 5, 7] {
                let (kept, s) = EdgeCollapse.collapseCounting(graph, threads: threads, wideEntries: wide)
                #expect(Self.same(kept, one), "wide \(wide), \(threads) threads")
                #expect(s.blocks == (graph.edgeCount + EdgeCollapse.blockSize - 1) / EdgeCollapse.blockSize)
                #expect(s.recomputed > 0 && s.speculated > s.recomputed, "\(s)")
                // Which results are recomputed depends on the block and the order only, not on who computed them.
                #expect(first == nil || s == first, "\(threads) threads")
                first = first ?? s
            }
        }
    }
}
