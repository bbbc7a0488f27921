import Foundation
import RepAnalysis
import RepIO
import Testing
import TestSupport

/// `repanalyze barcode` against ripser.py end to end (issue 12, items 2–9): the parity fixtures of
/// Tests/Fixtures/tda/parity (scripts/make_tda_parity_fixtures.py, ripser.py 0.6.15) written to HDF5 as a user
/// would, run through the CLI, and the JSON compared key by key with ripser.py's outputs.
@Suite struct BarcodeParityCLITests {
    /// The input files of one test (a suite instance lives for one test), removed after it.
    let tmp: TemporaryDirectory

    init() throws { tmp = try TemporaryDirectory("barcode-parity") }

    /// A parity fixture as JSON.
    func fixture(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: Fixtures.project("tda/parity/\(name).json"))
        return try TestJSON.object(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// Rows of numbers, null = +inf.
    func rows(_ any: Any?) -> [[Double]] { (any as! [[Any]]).map { $0.map { ($0 as? NSNumber)?.doubleValue ?? .infinity } } }

    /// Writes datasets to a fresh HDF5 file in `tmp`.
    func h5(_ datasets: [String: ShapedArray<Double>]) throws -> String {
        let path = tmp.url.appendingPathComponent("in-\(UUID().uuidString).h5").path
        let f = try HDF5File(path, mode: .create)
        for (name, a) in datasets { try f.write(a, to: name) }
        try f.close()
        return path
    }

    func matrix(_ r: [[Double]]) -> ShapedArray<Double> { ShapedArray(shape: [r.count, r[0].count], values: r.flatMap { $0 }) }

    /// Runs the CLI with `--json -` and returns the document (exit 0 expected).
    func run(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let r = try CLIRunner.run(["barcode"] + args + ["--json", "-", "--quiet"])
        #expect(r.status == 0, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        return try #require(try TestJSON.object(with: Data(r.stdout.utf8)) as? [String: Any], sourceLocation: sourceLocation)
    }

    /// Bars as sorted Float32 strings per dimension: equal means bit-identical to ripser.py's Float32 bars.
    func keys(_ dgms: Any?) -> [[String]] {
        (dgms as! [[[Any]]]).map { $0.map { p in
            let b = Float((p[0] as! NSNumber).doubleValue), d = (p[1] as? NSNumber).map { Float($0.doubleValue) } ?? .infinity
            return "\(b) \(d)"
        }.sorted() }
    }

    func expectRipser(_ doc: [String: Any], _ fx: [String: Any], cocycles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let ref = fx["ripser"] as! [String: Any]
        #expect(keys(doc["dgms"]) == keys(ref["dgms"]), "\(fx["name"]!): dgms", sourceLocation: sourceLocation)
        if let e = ref["num_edges"] as? Int { #expect(doc["n_edges"] as? Int == e, "\(fx["name"]!): n_edges \(doc["n_edges"]!) vs \(e)", sourceLocation: sourceLocation) }
        if let idx = ref["idx_perm"] as? [Int] {
            #expect(doc["idx_perm"] as? [Int] == idx, sourceLocation: sourceLocation)
            let a = (doc["r_cover"] as? NSNumber)?.doubleValue ?? .nan, b = (ref["r_cover"] as! NSNumber).doubleValue
            #expect(abs(a - b) <= 1e-15 * max(1, b), "r_cover \(a) vs \(b)", sourceLocation: sourceLocation)
        }
        if cocycles {
            #expect(doc["cocycles"] as? [[[[Int]]]] == ref["cocycles"] as? [[[[Int]]]], "\(fx["name"]!): cocycles", sourceLocation: sourceLocation)
        }
    }

    @Test func lowerStarImage() throws {
        for name in ["lower_star_30", "lower_star_31"] {
            let fx = try fixture(name)
            let img = rows((fx["input"] as! [String: Any])["image"])
            let doc = try run(["--lower-star", try h5(["img": matrix(img)]), "--dataset", "img"])
            expectRipser(doc, fx)
            #expect(doc["maxdim"] as? Int == 0)
        }
    }

    @Test func edgeListWithVertexBirthsAndCocycles() throws {
        for name in ["births_issue_example", "births_edges_11", "births_edges_13", "negative_values"] {
            let fx = try fixture(name)
            let o = fx["options"] as! [String: Any]
            let e = rows((fx["input"] as! [String: Any])["edges"])
            var args = ["--edge-list", try h5(["edges": matrix(e)]), "--coeff", "\(o["coeff"] as? Int ?? 2)"]
            if o["do_cocycles"] as? Bool == true { args.append("--cocycles") }
            expectRipser(try run(args), fx, cocycles: o["do_cocycles"] as? Bool == true)
        }
        // ripser.py's sparse matrix has a shape: a vertex in no row is still a component, born at 0 (--vertices).
        let path = try h5(["edges": ShapedArray(shape: [3, 3], values: [0, 0, 1, 1, 1, 2, 0, 1, 3])])
        let doc = try run(["--edge-list", path, "--vertices", "3"])
        #expect(keys(doc["dgms"]) == [["0.0 inf", "1.0 inf", "2.0 3.0"], []] && doc["n_points"] as? Int == 3)
    }

    @Test func matricesWithBirthsInfAndGreedyPermutation() throws {
        for name in ["births_dense_20", "inf_matrix_40", "inf_matrix_41", "inf_matrix_42", "nperm_matrix"] {
            let fx = try fixture(name)
            let o = fx["options"] as! [String: Any]
            var args = ["--distance-matrix", try h5(["distances": matrix(rows((fx["input"] as! [String: Any])["distances"]))]),
                        "--maxdim", "\(o["maxdim"] as! Int)", "--coeff", "\(o["coeff"] as? Int ?? 2)"]
            if let k = o["n_perm"] as? Int { args += ["--n-perm", "\(k)"] }
            expectRipser(try run(args), fx)
        }
        let fx = try fixture("births_lower_21")
        let input = fx["input"] as! [String: Any]
        let lower = (input["lower"] as! [NSNumber]).map(\.doubleValue), births = (input["births"] as! [NSNumber]).map(\.doubleValue)
        let path = try h5(["d": ShapedArray(shape: [lower.count], values: lower), "b": ShapedArray(shape: [births.count], values: births)])
        expectRipser(try run(["--distance-matrix", path, "--dataset", "d", "--births", "b"]), fx)
    }

    @Test func pointCloudsNPermCocyclesAndCounts() throws {
        for name in ["nperm_circle", "nperm_cosine", "cocycles_p2", "cocycles_p3", "cocycles_p7", "num_edges_line", "num_edges_cube_0", "num_edges_cube_2"] {
            let fx = try fixture(name)
            let o = fx["options"] as! [String: Any]
            var args = [try h5(["points": matrix(rows((fx["input"] as! [String: Any])["points"]))]), "--coeff", "\(o["coeff"] as? Int ?? 2)"]
            if let k = o["n_perm"] as? Int { args += ["--n-perm", "\(k)"] }
            if let m = o["metric"] as? String { args += ["--metric", m] }
            if let t = o["thresh"] as? Double { args += ["--threshold", "\(t)"] }
            if o["do_cocycles"] as? Bool == true { args.append("--cocycles") }
            let doc = try run(args)
            expectRipser(doc, fx, cocycles: o["do_cocycles"] as? Bool == true)
            if let t = o["thresh"] as? Double { #expect(doc["threshold_given"] as? Double == t) }
        }
        // Item 7's example: threshold 3 on 0, 1, 2, 3 — used 2 (the enclosing radius), 6 edges counted as ripser.py.
        let line = try run([try h5(["points": ShapedArray(shape: [4, 1], values: [0, 1, 2, 3])]), "--threshold", "3"])
        #expect(line["threshold"] as? Double == 2 && line["threshold_given"] as? Double == 3 && line["n_edges"] as? Int == 6)
        #expect(line["n_edges_before_collapse"] as? Int == 5)
    }

    @Test func onePointAndTheTransposedWarning() throws {
        let fx = try fixture("one_point")
        let path = try h5(["points": matrix(rows((fx["input"] as! [String: Any])["points"]))])
        let r = try CLIRunner.run(["barcode", path, "--json", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try TestJSON.object(with: Data(r.stdout.utf8)) as? [String: Any])
        expectRipser(doc, fx)
        // ripser.py warns "more columns than rows; did you mean to transpose?" and goes on; so do we.
        #expect(((fx["ripser"] as! [String: Any])["warnings"] as! [String]).contains { $0.contains("more columns than rows") })
        #expect(r.stderr.contains("warning:") && r.stderr.contains("more columns (2) than rows (1)") && r.stderr.contains("transposed"))
        #expect((doc["warnings"] as? [String])?.count == 1)
    }

    @Test func squareCornersAreACircle() throws {
        // Item 9: four points at the corners of a 10 m square — H0's infinite bar counts, H1 [10, 14.14).
        let r = try CLIRunner.run(["barcode", try h5(["points": ShapedArray(shape: [4, 2], values: [0, 0, 10, 0, 10, 10, 0, 10])])])
        #expect(r.status == 0 && r.stdout.hasSuffix("betti (1, 1) — consistent with a circle (a ring)\n"), "\(r.stdout)")
    }

    @Test func badValuesAndBadInput() throws {
        let cloud = try h5(["points": ShapedArray(shape: [4, 1], values: [0, 1, 2, 3])])
        for args in [["--n-perm", "0"], ["--n-perm", "2", "--landmarks", "2"], ["--threshold", "nan"], ["--births", "b"]] {
            #expect(try CLIRunner.run(["barcode", cloud] + args).status == 2, "\(args)")
        }
        let image = try h5(["img": ShapedArray(shape: [2, 2], values: [0, .nan, 1, 2]), "cube": ShapedArray(shape: [2, 2, 2], values: Array(repeating: 0, count: 8))])
        let cases: [([String], String)] = [
            ([cloud, "--n-perm", "9"], "n_perm 9 is larger than the number of points (4)"),
            (["--lower-star", image], "pixel (0, 1) is nan"),
            (["--lower-star", image, "--dataset", "cube"], "one channel [rows, columns]"),
        ]
        for (args, message) in cases {
            let r = try CLIRunner.run(["barcode"] + args)
            #expect(r.status == 1 && r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
    }
}
