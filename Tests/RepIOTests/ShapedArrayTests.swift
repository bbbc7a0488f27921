import Testing
@testable import RepIO

@Suite struct ShapedArrayTests {
    @Test func flatIndexToMultiIndex() {
        let a = ShapedArray(shape: [2, 3, 4], values: [Float](repeating: 0, count: 24))
        #expect(a.index(ofFlat: 0) == [0, 0, 0])
        #expect(a.index(ofFlat: 23) == [1, 2, 3])
        #expect(a.index(ofFlat: 13) == [1, 0, 1])
    }

    @Test func nonFiniteSummaryCountsNaNAndInf() {
        let a = ShapedArray(shape: [2, 2], values: [1, .nan, -.infinity, .nan] as [Double])
        let s = a.nonFiniteSummary()
        #expect(s.nan == 2 && s.infinite == 1 && s.firstIndex == 1)
    }
}
