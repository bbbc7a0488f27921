import Testing
@testable import TopologyTDA

/// Bad input is an error with a message, never a crash.
@Suite struct BadInputTests {
    let square: [Double] = [0, 0, 1, 0, 1, 1, 0, 1]

    @Test func nanCoordinates() {
        #expect(throws: TDAError.nonFiniteCoordinate(point: 1, coordinate: 1)) {
            try PersistentCohomology.barcode(ofPoints: [0, 0, 1, .nan], dimension: 2)
        }
        #expect(TDAError.nonFiniteCoordinate(point: 1, coordinate: 1).description.contains("point 1"))
    }

    @Test func emptyAndSinglePoint() throws {
        #expect(throws: TDAError.emptyInput) { try PersistentCohomology.barcode(ofPoints: [], dimension: 2) }
        #expect(throws: TDAError.self) { try DistanceMatrix(points: [1, 2, 3], dimension: 2) }
        // One point is not an error (ripser.py gives [0, ∞)): one component that never dies, nothing else.
        let one = try PersistentCohomology.barcode(ofPoints: [1, 2], dimension: 2, maxDimension: 2)
        #expect(one.bars.map(\.count) == [1, 0, 0] && one.bars[0][0] == (0, .infinity))
    }

    @Test func nonPrimeCoefficients() {
        for p in [0, 1, 4, 9, 65536, 65537, -3] {
            #expect(throws: TDAError.invalidCoefficient(p)) {
                try PersistentCohomology.barcode(ofPoints: square, dimension: 2, coefficient: p)
            }
        }
        #expect(TDAError.invalidCoefficient(4).description.contains("not a prime"))
    }

    @Test func negativeMaxDimensionAndThreshold() {
        #expect(throws: TDAError.invalidMaxDimension(-1)) {
            try PersistentCohomology.barcode(ofPoints: square, dimension: 2, maxDimension: -1)
        }
        #expect(throws: TDAError.self) { try PersistentCohomology.barcode(ofPoints: square, dimension: 2, threshold: .nan) }
        // A negative threshold is a filtration value like any other (ripser.py accepts it): no edge, four components.
        let b = try? PersistentCohomology.barcode(ofPoints: square, dimension: 2, threshold: -1)
        #expect(b?.bars[0].count == 4 && b?.bars[0].allSatisfy { $0.1 == .infinity } == true && b?.ripserEdgeCount == 0)
    }

    @Test func asymmetricOrBrokenDistanceMatrices() throws {
        #expect(throws: TDAError.asymmetricDistanceMatrix(row: 0, column: 1, upper: 1, lower: 2)) {
            try DistanceMatrix(dense: [0, 1, 2, 0], count: 2)
        }
        // A nonzero diagonal is vertex births and negative or +inf entries are filtration values (as in ripser.py);
        // NaN, −inf and an infinite birth are errors.
        #expect(throws: TDAError.nonZeroDiagonal(index: 0, value: .infinity)) { try DistanceMatrix(dense: [.infinity, 1, 1, 0], count: 2) }
        #expect(throws: TDAError.invalidDistance(row: 1, column: 0, value: -.infinity)) { try DistanceMatrix(dense: [0, -.infinity, -.infinity, 0], count: 2) }
        #expect(throws: TDAError.self) { try DistanceMatrix(dense: [0, .nan, .nan, 0], count: 2) }
        #expect(throws: TDAError.self) { try DistanceMatrix(lowerTriangular: [1], vertexBirths: [0, .nan]) }
        #expect(try DistanceMatrix(dense: [1, 1, 1, 0], count: 2).vertexBirths == [1, 0])
        #expect(throws: TDAError.self) { try DistanceMatrix(dense: [0, 1, 1], count: 2) }
        #expect(throws: TDAError.self) { try DistanceMatrix(lowerTriangular: [1, 2]) }
        #expect(throws: TDAError.parseError("'x' is not a number")) { try DistanceMatrix(ripserLowerDistanceText: "1\nx,2\n") }
    }

    @Test func tooManySimplicesIsAnErrorNotAnOverflow() {
        #expect(throws: TDAError.self) { try BinomialTable(maxN: 3_000_000, maxK: 12) }
    }

    @Test func primeField() throws {
        let f = try PrimeField(47)
        for a in 1..<47 { #expect((UInt32(a) * f.inverse[a]) % 47 == 1) }
        let g = try PrimeField(65521)
        for a in [1, 2, 3, 1000, 65520] { #expect((UInt64(a) * UInt64(g.inverse[a])) % 65521 == 1) }
    }
}
