import Foundation
import Testing
import TestSupport

/// `repanalyze inspect` run as a user runs it: output, JSON, exit codes.
@Suite struct InspectCLITests {
    @Test func treeShowsDatasetsLayoutAndAttributes() throws {
        let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/h5py_types.h5"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("float32 [1000, 7]  chunks [64, 7], gzip 6, shuffle"))
        #expect(r.stdout.contains("@vlen_string = \"hello from h5py\""))
        #expect(r.stdout.contains("@float_array = [1.0, 0.5]"))
        #expect(r.stdout.contains("int64 [2, 2, 3, 2]"))
    }

    @Test func jsonHasTheSameTree() throws {
        let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/h5py_types.h5", "--json", "--stats"])
        #expect(r.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let root = try #require(doc["root"] as? [String: Any])
        #expect(root["type"] as? String == "group")
        let chunked = try #require((root["children"] as? [[String: Any]])?.first { $0["name"] as? String == "chunked" })
        let gzip = try #require((chunked["children"] as? [[String: Any]])?.first { $0["name"] as? String == "gzip" })
        #expect(gzip["shape"] as? [Int] == [1000, 7])
        #expect(gzip["dtype"] as? String == "float32")
        #expect(gzip["chunks"] as? [Int] == [64, 7])
        #expect(gzip["compression"] as? String == "gzip")
        #expect(gzip["compression_opts"] as? Int == 6)
        let stats = try #require(gzip["stats"] as? [String: Any])
        #expect(stats["nan"] as? Int == 0 && stats["min"] as? Double == 0)
        #expect((root["attributes"] as? [String: Any])?["float_scalar"] as? Double == 2.5)
    }

    @Test func statsReportNaNAndInf() throws {
        let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/dump_nan.h5", "--stats"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("NaN 1  Inf 1 (first at [17, 2])"))
    }

    @Test func badInputExitsOneWithOneLine() throws {
        for file in ["truncated.h5", "random_bytes.h5", "missing.h5"] {
            let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/" + file])
            #expect(r.status == 1, "\(file)")
            #expect(r.stderr.hasPrefix("repanalyze: error: Tests/Fixtures/hdf5/\(file)"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func usageErrorExitsTwo() throws {
        #expect(try CLIRunner.run(["inspect"]).status == 2)
        #expect(try CLIRunner.run(["no-such-command"]).status == 2)
        let help = try CLIRunner.run(["inspect", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Examples"))
    }
}
