import Foundation
import RepIO
import Testing
@testable import RepAnalysis
import TestSupport

@Suite struct SplineRotationTests {
    /// scipy.ndimage.rotate(a, angle, reshape=False) on a 9×11 array, from scripts/make_grid_fixtures.py.
    @Test func matchesSciPyRotate() throws {
        let f = try HDF5File(Fixtures.project("grid/scorer_small.h5"))
        let input: ShapedArray<Double> = try f.read("rotation/input")
        let angles: ShapedArray<Double> = try f.read("rotation/angles")
        let want: ShapedArray<Double> = try f.read("rotation/output")
        let (rows, cols) = (input.shape[0], input.shape[1])
        for (k, a) in angles.values.enumerated() {
            let got = SplineRotation.rotate(input.values, rows: rows, columns: cols, angle: a)
            let ref = want.values[(k * rows * cols)..<((k + 1) * rows * cols)]
            let worst = zip(got, ref).map { abs($0 - $1) }.max()!
            #expect(worst < 1e-12, "angle \(a): max |diff| \(worst)")
        }
    }

    @Test func rotationBy90IsAnIndexPermutation() {
        // At integer sample points the cubic spline reproduces the data, so 90° just moves values.
        let a = (0..<25).map { Double(($0 * 7) % 11) - 3 }
        let r = SplineRotation.rotate(a, rows: 5, columns: 5, angle: 90)
        for i in 0..<5 { for j in 0..<5 { #expect(abs(r[i * 5 + j] - a[j * 5 + (4 - i)]) < 1e-12) } }
    }

    @Test func tinyArraysDoNotCrash() {
        #expect(SplineRotation.rotate([3], rows: 1, columns: 1, angle: 30) == [3])
        #expect(SplineRotation.rotate([1, 2, 3, 4], rows: 2, columns: 2, angle: 45).count == 4)
        #expect(SplineRotation.rotate([], rows: 0, columns: 0, angle: 45).isEmpty)
    }
}
