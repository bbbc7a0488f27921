import Foundation

/// Runs the built `repanalyze` binary the way a user would, capturing exit status and output.
public enum CLIRunner {
    /// The result of one run.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// The process was killed by a signal (a crash, or the timeout below).
        public var signalled = false
        /// The process ran past its timeout and was killed.
        public var timedOut = false
    }

    /// The `repanalyze` executable built beside the test bundle (same build folder and configuration).
    /// `REPANALYZE_BINARY` overrides it (e.g. to run the CLI tests against an older build).
    public static var executable: URL {
        if let p = ProcessInfo.processInfo.environment["REPANALYZE_BINARY"], !p.isEmpty { return URL(fileURLWithPath: p) }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("repanalyze")
    }

    /// Runs `repanalyze arguments...` in `directory` (default: the package root) and waits for it; with `timeout`,
    /// kills it after that many seconds (a hang then fails the test instead of stalling the suite).
    public static func run(_ arguments: [String], in directory: URL? = nil, timeout: Double? = nil,
                           environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? Fixtures.packageRoot
        // Output goes to temporary files, not pipes: tests run in parallel, and a child spawned at the same moment
        // can inherit the write end of another child's pipe, so reading to end-of-file would wait for the slowest
        // process of the whole suite (every test then "takes" as long as it, and timeouts mean nothing).
        return try withTemporaryDirectory("cli-output") { dir in
            let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
            FileManager.default.createFile(atPath: outURL.path, contents: nil)
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
            let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
            p.standardOutput = out
            p.standardError = err
            if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
            try p.run()
            try? out.close()
            try? err.close()
            // Polled on this thread (a timer on a Dispatch queue may never fire while the test pool's threads are all
            // blocked waiting for their own processes), and SIGKILL: a child can inherit SIGTERM as ignored.
            var timedOut = false
            if let timeout {
                let deadline = Date().addingTimeInterval(timeout)
                while p.isRunning {
                    if Date() > deadline { timedOut = true; kill(p.processIdentifier, SIGKILL); break }
                    usleep(20_000)
                }
            }
            p.waitUntilExit()
            let o = (try? Data(contentsOf: outURL)) ?? Data()
            let e = (try? Data(contentsOf: errURL)) ?? Data()
            return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                          stderr: String(decoding: e, as: UTF8.self),
                          signalled: p.terminationReason == .uncaughtSignal, timedOut: timedOut)
        }
    }
}
