import Foundation
import Testing
import TestSupport

/// Every script in examples/ runs as a user would run it (small sizes), so the examples cannot rot.
@Suite struct ExamplesTests {
    func runExample(_ name: String, in out: URL, _ args: [String] = [], env extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Fixtures.packageRoot.appendingPathComponent("examples/\(name)").path] + args
        p.currentDirectoryURL = Fixtures.packageRoot
        var env = ProcessInfo.processInfo.environment
        env["REPANALYZE"] = CLIRunner.executable.path
        env["OUT"] = out.path
        env["STEPS"] = "6000"
        env["LANDMARKS"] = "80"
        env.merge(extra) { $1 }
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func simulateAndReport() throws {
        try withTemporaryDirectory("example") { dir in
            let r = try runExample("simulate-and-report.sh", in: dir)
            #expect(r.status == 0, "\(r.output)")
            let page = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(page.contains("<section id=\"gridness\">") && page.contains("adjusted Rand index"))
            let figures = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("figures").path)
            #expect(figures.filter { $0.hasSuffix(".png") }.count >= 5)
        }
    }

    @Test func analyseYourDump() throws {
        try withTemporaryDirectory("example") { dir in
            let r = try runExample("analyse-your-dump.sh", in: dir)
            #expect(r.status == 0, "\(r.output)")
            for f in ["maps.h5", "scores.json", "modules.json", "report.html"] {
                #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), "\(f)")
            }
        }
    }

    @Test func batchScoreAFolder() throws {
        try withTemporaryDirectory("example") { dir in
            let r = try runExample("batch-score-a-folder.sh", in: dir)
            #expect(r.status == 0, "\(r.output)")
            let json = try Data(contentsOf: dir.appendingPathComponent("results.json"))
            #expect(!json.isEmpty && r.output.contains("run3.h5"))
        }
    }

    @Test func torusOfOneModule() throws {
        try withTemporaryDirectory("example") { dir in
            let r = try runExample("torus-of-one-module.sh", in: dir, env: ["STEPS": "12000", "LANDMARKS": "150"])
            #expect(r.status == 0, "\(r.output)")
            #expect(r.output.contains("betti ("))
            let bars = try TestJSON.object(with: Data(contentsOf: dir.appendingPathComponent("bars.json"))) as? [String: Any]
            #expect((bars?["dgms"] as? [Any])?.count == 3)
            let page = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(page.contains("Barcode from"))
        }
    }

    @Test func trainRolloutReport() throws {
        try withTemporaryDirectory("example") { dir in
            let r = try runExample("train-rollout-report.sh", in: dir, env: [
                "TRAIN_STEPS": "6", "TRAIN_SET": "hidden=16 mlp_width=16 batch=4 seq=8 log_every=2 checkpoint_every=3", "STEPS": "3000"])
            #expect(r.status == 0, "\(r.output)")
            let page = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(page.contains("Run folder:") && page.contains("alt=\"total\""))
        }
    }
}
