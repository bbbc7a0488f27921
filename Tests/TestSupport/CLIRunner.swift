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
    public static var executable: URL {
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
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        try p.run()
        let killed = Killed()
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if p.isRunning { killed.set(); p.terminate() }
            }
        }
        // Read both pipes before waiting so a large output cannot block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self),
                      signalled: p.terminationReason == .uncaughtSignal, timedOut: killed.value)
    }
}

/// A flag set from the timeout's queue and read after the process ended.
private final class Killed: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.lock(); flag = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}
