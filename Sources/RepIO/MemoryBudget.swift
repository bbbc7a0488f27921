import Foundation

/// The most memory one allocation sized by a user's file may take, so a dataset declared huge (and perhaps never
/// written: HDF5 allocates nothing for unwritten chunks, so a 100-byte file can claim terabytes) is refused with a
/// message instead of aborting the process in the allocator.
///
/// The default is half the machine's physical memory: enough for any dump that fits, and far enough from the
/// limit that the rest of the command (distances, maps, copies) still has room. Users override it with the global
/// option `--max-memory SIZE` or the environment variable `REPANALYZE_MAX_MEMORY` (e.g. `512M`, `8G`, `1T`, bytes).
public enum MemoryBudget {
    /// The environment variable that overrides the default.
    public static let environmentVariable = "REPANALYZE_MAX_MEMORY"

    /// Set once at start-up by the CLI (from `--max-memory`) before any file is read; nil means the default.
    nonisolated(unsafe) public static var override: Int?

    /// The budget in bytes now in force: `override`, else the environment variable, else half of physical memory.
    public static var bytes: Int {
        if let override { return override }
        if let s = ProcessInfo.processInfo.environment[environmentVariable], let v = parse(s) { return v }
        return Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
    }

    /// Parses `123`, `512K`, `512M`, `8G`, `1.5T` (powers of 1024; an optional trailing `B`, any case) to bytes;
    /// nil for anything else, zero, negative or beyond Int.
    public static func parse(_ text: String) -> Int? {
        var s = text.trimmingCharacters(in: .whitespaces).uppercased()
        if s.hasSuffix("B") { s.removeLast() }
        let scale: Double
        switch s.last {
        case "K": scale = 1024
        case "M": scale = 1_048_576
        case "G": scale = 1_073_741_824
        case "T": scale = 1_099_511_627_776
        default: scale = 1
        }
        if scale != 1 { s.removeLast() }
        guard let v = Double(s), v.isFinite, v > 0 else { return nil }
        let b = v * scale
        guard b >= 1, b < 9.2e18 else { return nil }
        return Int(b)
    }

    /// `1.5 GB`, for messages.
    public static func describe(_ bytes: Double) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var v = bytes, u = 0
        while v >= 1024, u < units.count - 1 { v /= 1024; u += 1 }
        return u == 0 ? "\(Int(v)) bytes" : String(format: "%.1f %@", v, units[u])
    }

    /// Throws `HDF5Error.tooLarge` unless `shape` elements of `elementSize` bytes fit the budget. The product is
    /// taken in Double, so a shape whose element count overflows Int is reported rather than trapping.
    public static func check(file: String, dataset: String, shape: [Int], elementSize: Int, what: String = "reading it") throws {
        let bytes = shape.reduce(Double(elementSize)) { $0 * Double($1) }
        guard bytes <= Double(self.bytes) else {
            throw HDF5Error.tooLarge(file: file, path: dataset, shape: shape, bytes: bytes, budget: self.bytes, what: what)
        }
    }

    /// The same check for memory a computation derives from a file (a distance matrix of n points, the weights of
    /// N units); the message names the file, the dataset it came from and the derived size.
    public static func check(file: String, dataset: String, bytes: Double, for what: String) throws {
        guard bytes.isFinite, bytes <= Double(self.bytes) else {
            throw HDF5Error.invalidInput(file: file, path: dataset, reason: "\(what) would need \(describe(bytes)), more than the memory budget of \(describe(Double(self.bytes))) (raise it with --max-memory or \(environmentVariable))")
        }
    }
}
