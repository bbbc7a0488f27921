import Foundation
import Testing
import TestSupport

/// Every script in examples/ runs as a user would run it (small sizes), so the examples cannot rot.
@Suite struct ExamplesTests {
    func runExample(_ name: String, _ args: [String] = []) throws -> (status: Int32, output: String, dir: URL) {
        let out = Fixtures.temporaryDirectory("example-\(name)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Fixtures.packageRoot.appendingPathComponent("examples/\(name)").path] + args
        p.currentDirectoryURL = Fixtures.packageRoot
        var env = ProcessInfo.processInfo.environment
        env["REPANALYZE"] = CLIRunner.executable.path
        env["OUT"] = out.path
        env["STEPS"] = "6000"
        env["LANDMARKS"] = "80"
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self), out)
    }

    @Test func simulateAndReport() throws {
        let r = try runExample("simulate-and-report.sh")
        #expect(r.status == 0, "\(r.output)")
        let page = try String(contentsOf: r.dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("<section id=\"gridness\">") && page.contains("adjusted Rand index"))
        let figures = try FileManager.default.contentsOfDirectory(atPath: r.dir.appendingPathComponent("figures").path)
        #expect(figures.filter { $0.hasSuffix(".png") }.count >= 5)
    }

    @Test func analyseYourDump() throws {
        let r = try runExample("analyse-your-dump.sh")
        #expect(r.status == 0, "\(r.output)")
        for f in ["maps.h5", "scores.json", "modules.json", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: r.dir.appendingPathComponent(f).path), "\(f)")
        }
    }

    @Test func batchScoreAFolder() throws {
        let r = try runExample("batch-score-a-folder.sh")
        #expect(r.status == 0, "\(r.output)")
        let json = try Data(contentsOf: r.dir.appendingPathComponent("results.json"))
        #expect(!json.isEmpty && r.output.contains("run3.h5"))
    }
}
