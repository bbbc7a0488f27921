import Foundation
import Testing
import TestSupport

/// The hostile-input corpus (`scripts/make_hostile_corpus.py`, issue 10) and the contract a run on bad input keeps:
/// exit 1 (2 for a bad option value), no crash or hang, exactly one line on stderr naming the file, and every
/// existing output left byte-for-byte as it was.
enum Hostile {
    static func file(_ name: String) -> String { "Tests/Fixtures/hostile/" + name }

    /// What an earlier, good run left at the output path.
    static let sentinel = Data("a good result from an earlier run\n".utf8)

    /// Runs the CLI, killed after `timeout` seconds so a hang fails the test instead of stalling the suite (generous:
    /// `make test` runs every suite at once on a loaded machine, and a slow run is not a hang).
    static func run(_ arguments: [String], timeout: Double = 300, environment: [String: String] = [:]) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, timeout: timeout, environment: environment)
    }

    /// Exit 1, not a signal, one stderr line "repanalyze: error: …" naming `file` and each of `mentions`.
    static func expectBadInput(_ r: CLIRunner.Result, naming file: String, mentions: [String] = [], _ what: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!r.signalled && !r.timedOut, "\(what): crashed or hung: \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(r.status == 1, "\(what): exit \(r.status), stderr: \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(what): \(lines.count) stderr lines: \(r.stderr.prefix(400))", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("repanalyze: error: ") && r.stderr.contains(file),
                "\(what): the message does not name \(file): \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        for m in mentions {
            #expect(r.stderr.contains(m), "\(what): the message does not mention '\(m)': \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        }
    }

    /// Exit 2 (a usage error), not a signal, and the message names the option.
    static func expectUsageError(_ r: CLIRunner.Result, option: String, _ what: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!r.signalled && !r.timedOut, "\(what): crashed or hung", sourceLocation: sourceLocation)
        #expect(r.status == 2, "\(what): exit \(r.status), stderr: \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(option), "\(what): the message does not name \(option): \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
    }

    /// Writes a sentinel at each of `names` in `dir`.
    static func sentinels(_ names: [String], in dir: URL) throws {
        for n in names { try sentinel.write(to: dir.appendingPathComponent(n)) }
    }

    /// Every sentinel in `dir` is still byte-identical, and nothing else was left there (no temporary files).
    static func expectUntouched(_ dir: URL, _ names: [String], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for n in names {
            let now = FileManager.default.contents(atPath: dir.appendingPathComponent(n).path)
            #expect(now == sentinel, "\(what): \(n) was replaced by a failed run", sourceLocation: sourceLocation)
        }
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !names.contains($0) }
        #expect(left.isEmpty, "\(what): a failed run left \(left)", sourceLocation: sourceLocation)
    }
}
