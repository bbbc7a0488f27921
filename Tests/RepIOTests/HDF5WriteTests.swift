import Foundation
import Testing
import TestSupport
@testable import RepIO

/// Round trips through our writer and reader: every dtype and rank, chunking and gzip, attributes.
@Suite struct HDF5WriteTests {
    func roundTrip<T: HDF5Scalar & Equatable>(_ type: T.Type, _ make: (Int) -> T) throws {
        try withTemporaryDirectory() { dir in
            let path = dir.appendingPathComponent("rt.h5").path
            let shapes: [[Int]] = [[], [5], [3, 4], [2, 3, 4], [2, 2, 3, 2]]
            try AtomicOutput.writeHDF5(to: path) { f in
                for (r, s) in shapes.enumerated() {
                    let n = s.reduce(1, *)
                    try f.write(ShapedArray(shape: s, values: (0..<n).map(make)), to: "/plain/rank\(r)")
                    if r > 0 { try f.write(ShapedArray(shape: s, values: (0..<n).map(make)), to: "/gzip/rank\(r)", gzip: 5) }
                }
            }
            let f = try HDF5File(path)
            for (r, s) in shapes.enumerated() {
                let n = s.reduce(1, *)
                let a: ShapedArray<T> = try f.read("/plain/rank\(r)")
                #expect(a == ShapedArray(shape: s, values: (0..<n).map(make)))
                #expect(try f.datasetInfo("/plain/rank\(r)").dataType == T.dataType)
                if r > 0 {
                    let g: ShapedArray<T> = try f.read("/gzip/rank\(r)")
                    #expect(g == a)
                    let info = try f.datasetInfo("/gzip/rank\(r)")
                    #expect(info.gzipLevel == 5 && info.chunks != nil)
                }
            }
        }
    }

    @Test func float32() throws { try roundTrip(Float.self) { Float($0) * 0.25 - 1 } }
    @Test func float64() throws { try roundTrip(Double.self) { Double($0) / 3 } }
    @Test func int32() throws { try roundTrip(Int32.self) { Int32($0) - 20 } }
    @Test func int64() throws { try roundTrip(Int64.self) { Int64($0) << 33 } }
    @Test func uint8() throws { try roundTrip(UInt8.self) { UInt8($0 % 256) } }
    @Test func bool() throws { try roundTrip(Bool.self) { $0 % 2 == 1 } }

    @Test func attributesStringsAndReplacement() throws {
        try withTemporaryDirectory() { dir in
            let path = dir.appendingPathComponent("a.h5").path
            try AtomicOutput.writeHDF5(to: path) { f in
                try f.write(ShapedArray(shape: [2], values: [1, 2] as [Float]), to: "/g/h/x", chunks: [1])
                try f.write(ShapedArray(shape: [3], values: [3, 4, 5] as [Float]), to: "/g/h/x")   // replaced
                try f.write(ShapedArray(shape: [2], values: ["ünï", "code"]), to: "names")
                try f.setAttribute("box_size_m", .floats([1, 2]))
                try f.setAttribute("title", of: "/g", .string("grid run"))
                try f.setAttribute("step", of: "/g/h/x", .integer(42))
                try f.setAttribute("step", of: "/g/h/x", .integer(43))
            }
            let f = try HDF5File(path)
            #expect(try f.read("/g/h/x", as: Float.self).values == [3, 4, 5])
            #expect(try f.readStrings("names").values == ["ünï", "code"])
            #expect(try f.attribute("box_size_m") == .floats([1, 2]))
            #expect(try f.attribute("title", of: "g").stringValue == "grid run")
            #expect(try f.attribute("step", of: "/g/h/x") == .integer(43))
            #expect(throws: HDF5Error.self) { _ = try f.attribute("nope") }
        }
    }

    @Test func readWriteModeAddsToAnExistingFile() throws {
        try withTemporaryDirectory() { dir in
            let path = dir.appendingPathComponent("rw.h5").path
            try AtomicOutput.writeHDF5(to: path) { f in try f.write(ShapedArray(shape: [1], values: [1.0]), to: "a") }
            do {
                let f = try HDF5File(path, mode: .readWrite)
                try f.write(ShapedArray(shape: [1], values: [2.0]), to: "b")
            }
            let f = try HDF5File(path)
            #expect(f.datasetPaths() == ["/a", "/b"])
            #expect(throws: HDF5Error.self) { try f.write(ShapedArray(shape: [1], values: [3.0]), to: "c") }
        }
    }

    @Test func blockStatisticsMatchTheWholeArray() throws {
        let f = try HDF5File(Fixtures.project("hdf5/h5py_types.h5"))
        let s = try f.statistics(of: "chunked/gzip", blockBytes: 1000)   // many small blocks
        let all: ShapedArray<Double> = try f.read("chunked/gzip")
        #expect(s.count == 7000 && s.nanCount == 0)
        #expect(s.min == all.values.min() && s.max == all.values.max())
        #expect(abs(s.mean - all.values.reduce(0, +) / 7000) < 1e-9)
        let nan = try HDF5File(Fixtures.project("hdf5/dump_nan.h5")).statistics(of: "activations", blockBytes: 100)
        #expect(nan.nanCount == 1 && nan.infiniteCount == 1 && nan.firstNonFinite == [17, 2])
    }
}

/// A file with every dtype and rank our writer produces. With `REPANALYZE_INTEROP_OUT=path` it is also kept at
/// `path`, for scripts/check_h5py_reads_ours.py to open with h5py (the other direction of the interop check).
@Suite struct HDF5InteropFileTests {
    static func writeInteropFile(to path: String) throws {
        try AtomicOutput.writeHDF5(to: path) { f in
            for r in 0...4 {
                let shape = Array([2, 3, 4, 5].prefix(r))
                let n = shape.reduce(1, *)
                try f.write(ShapedArray(shape: shape, values: (0..<n).map { Float($0) * 0.5 }), to: "float32/rank\(r)")
                try f.write(ShapedArray(shape: shape, values: (0..<n).map { Double($0) * 0.25 }), to: "float64/rank\(r)")
                try f.write(ShapedArray(shape: shape, values: (0..<n).map { Int32($0) - 3 }), to: "int32/rank\(r)")
                try f.write(ShapedArray(shape: shape, values: (0..<n).map { Int64($0) - 3 }), to: "int64/rank\(r)")
                try f.write(ShapedArray(shape: shape, values: (0..<n).map { UInt8($0 % 256) }), to: "uint8/rank\(r)")
                try f.write(ShapedArray(shape: shape, values: (0..<n).map { $0 % 3 == 0 }), to: "bool/rank\(r)")
            }
            try f.write(ShapedArray(shape: [100, 3], values: (0..<300).map { Float($0) }), to: "chunked/gzip", gzip: 4)
            try f.write(ShapedArray(shape: [2], values: ["grid", "cell"]), to: "strings")
            try f.setAttribute("box_size_m", .floats([1, 1]))
            try f.setAttribute("title", .string("written by repanalyze"))
            try f.setAttribute("count", of: "chunked/gzip", .integer(300))
        }
    }

    @Test func interopFileReadsBack() throws {
        try withTemporaryDirectory() { dir in
            let path = dir.appendingPathComponent("interop.h5").path
            try Self.writeInteropFile(to: path)
            if let keep = ProcessInfo.processInfo.environment["REPANALYZE_INTEROP_OUT"] { try Self.writeInteropFile(to: keep) }
            let f = try HDF5File(path)
            #expect(try f.read("int64/rank4", as: Int64.self).values == (0..<120).map { Int64($0) - 3 })
            #expect(try f.datasetInfo("bool/rank2").dataType == .bool)
            #expect(try f.datasetInfo("chunked/gzip").gzipLevel == 4)
        }
    }
}
