import Foundation
import Testing
import TestSupport
@testable import RepIO

/// Reading files written by h5py (Tests/Fixtures/hdf5, from scripts/make_hdf5_fixtures.py); expected values come
/// from numpy via h5py_types.json.
@Suite struct HDF5ReadTests {
    let path = Fixtures.project("hdf5/h5py_types.h5")

    struct Expected: Decodable {
        struct Dataset: Decodable { var dtype: String; var shape: [Int]; var values: [Double] }
        var datasets: [String: Dataset]
        var chunked_gzip_first_row: [Double]
        var chunked_gzip_row_500: [Double]
    }

    func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.project("hdf5/h5py_types.json"))))
    }

    @Test func everyDtypeAndRankReadsAsH5pyWroteIt() throws {
        let f = try HDF5File(path)
        let exp = try expected()
        #expect(exp.datasets.count == 30)
        for (name, e) in exp.datasets {
            let info = try f.datasetInfo(name)
            #expect(info.dataType.description == e.dtype, "\(name)")
            #expect(info.shape == e.shape, "\(name)")
            let asDouble: ShapedArray<Double> = try f.read(name)
            #expect(asDouble.shape == e.shape)
            #expect(asDouble.values == e.values, "\(name)")
            switch e.dtype {
            case "float32": #expect(try f.read(name, as: Float.self).values == e.values.map { Float($0) })
            case "int32": #expect(try f.read(name, as: Int32.self).values == e.values.map { Int32($0) })
            case "int64": #expect(try f.read(name, as: Int64.self).values == e.values.map { Int64($0) })
            case "uint8": #expect(try f.read(name, as: UInt8.self).values == e.values.map { UInt8($0) })
            case "bool": #expect(try f.read(name, as: Bool.self).values == e.values.map { $0 != 0 })
            default: break
            }
        }
    }

    @Test func chunkedGzipDatasetsDecompressAndReportTheirLayout() throws {
        let f = try HDF5File(path)
        let info = try f.datasetInfo("/chunked/gzip")
        #expect(info.chunks == [64, 7])
        #expect(info.gzipLevel == 6)
        #expect(info.shuffle)
        let all: ShapedArray<Float> = try f.read("chunked/gzip")
        #expect(all.shape == [1000, 7])
        let exp = try expected()
        #expect(Array(all.values[0..<7]).map(Double.init) == exp.chunked_gzip_first_row)
        #expect(Array(all.values[3500..<3507]).map(Double.init) == exp.chunked_gzip_row_500)
        let ints: ShapedArray<Int64> = try f.read("chunked/int64_gzip")
        #expect(ints.values == (0..<300).map { Int64($0) - 150 })
        let bools: ShapedArray<Bool> = try f.read("chunked/bool_gzip")
        #expect(bools.values == (0..<64).map { $0 % 5 == 0 })
        #expect(try f.datasetInfo("types/float32/rank2").chunks == nil)
    }

    @Test func hyperslabRowsAndColumns() throws {
        let f = try HDF5File(path)
        // big[r, c] = (7r + c) / 7 in float32
        let block: ShapedArray<Float> = try f.readRows("chunked/gzip", rows: 498..<503)
        #expect(block.shape == [5, 7])
        let wantBlock: [Float] = (498..<503).flatMap { (r: Int) -> [Float] in (0..<7).map { (c: Int) -> Float in Float(7 * r + c) / 7 } }
        #expect(block.values == wantBlock)
        let cols: ShapedArray<Double> = try f.readRows("chunked/plain", rows: 10..<12, columns: [6, 0, 3, 4])
        #expect(cols.shape == [2, 4])
        let want: [Double] = [10, 11].flatMap { (r: Int) -> [Double] in [6, 0, 3, 4].map { (c: Int) -> Double in Double(Float(7 * r + c) / 7) } }
        #expect(cols.values == want)
        let slab: ShapedArray<Double> = try f.read("types/float64/rank3", start: [1, 1, 2], count: [1, 2, 2])
        // ramp: value = 0.5·flat − 3, flat = 12·i + 4·j + k
        let picked: [(Int, Int, Int)] = [(1, 1, 2), (1, 1, 3), (1, 2, 2), (1, 2, 3)]
        let want3: [Double] = picked.map { (i, j, k) in 0.5 * Double(12 * i + 4 * j + k) - 3 }
        #expect(slab.values == want3)
    }

    @Test func stringsAndAttributesAsH5pyWritesThem() throws {
        let f = try HDF5File(path)
        #expect(try f.readStrings("strings/vlen").values == ["alpha", "βeta", ""])
        #expect(try f.readStrings("strings/fixed").values == ["ab", "cde"])
        #expect(try f.attribute("vlen_string").stringValue == "hello from h5py")
        #expect(try f.attribute("fixed_string").stringValue == "fixed")
        #expect(try f.attribute("float_scalar") == .float(2.5))
        #expect(try f.attribute("int_scalar") == .integer(-7))
        #expect(try f.attribute("float_array") == .floats([1.0, 0.5]))
        #expect(try f.attribute("int_array") == .integers([1, 2, 3], shape: [3]))
        #expect(try f.attribute("bool_scalar") == .integer(1))
        #expect(try f.attribute("units", of: "chunked/gzip").stringValue == "Hz")
        #expect(try f.attribute("note", of: "/types").stringValue == "nested group attribute")
        #expect(try f.attributeNames() == ["bool_scalar", "fixed_string", "float_array", "float_scalar", "int_array", "int_scalar", "vlen_string"])
    }

    @Test func emptyDatasetReadsAsEmpty() throws {
        let f = try HDF5File(path)
        let e: ShapedArray<Float> = try f.read("empty")
        #expect(e.shape == [0, 3] && e.values.isEmpty)
    }

    @Test func missingDatasetListsTheOnesThatExist() throws {
        let f = try HDF5File(Fixtures.project("hdf5/dump_time_major.h5"))
        #expect(throws: HDF5Error.objectNotFound(file: f.path, path: "/hidden",
                                                  existing: ["/activations", "/positions", "/velocities"])) {
            let _: ShapedArray<Float> = try f.read("hidden")
        }
        let message = "\(HDF5Error.objectNotFound(file: f.path, path: "/hidden", existing: f.datasetPaths()))"
        #expect(message.contains("/activations") && message.contains("'/hidden'"))
    }

    @Test func wrongTypeAndBadSelectionAreErrors() throws {
        let f = try HDF5File(path)
        #expect(throws: HDF5Error.self) { let _: ShapedArray<Float> = try f.read("strings/vlen") }
        #expect(throws: HDF5Error.self) { let _: ShapedArray<Int32> = try f.read("types/float32/rank1") }
        #expect(throws: HDF5Error.self) { let _: ShapedArray<Float> = try f.readRows("chunked/gzip", rows: 990..<1001) }
        #expect(throws: HDF5Error.self) { let _: ShapedArray<Float> = try f.readRows("chunked/gzip", rows: 0..<2, columns: [7]) }
        #expect(throws: HDF5Error.self) { let _: ShapedArray<Float> = try f.read("types") }
    }

    @Test func brokenFilesGiveOneLineErrors() {
        for (name, fragment) in [("truncated.h5", "truncated or corrupt"), ("random_bytes.h5", "not an HDF5 file"),
                                 ("does_not_exist.h5", "no such file")] {
            do {
                _ = try HDF5File(Fixtures.project("hdf5/" + name))
                Issue.record("\(name) opened")
            } catch {
                let text = "\(error)"
                #expect(text.contains(fragment) && text.contains(name) && !text.contains("\n"), "\(text)")
            }
        }
    }
}
