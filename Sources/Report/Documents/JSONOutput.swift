import Foundation
import RepAnalysis
import RepIO

/// JSON documents the CLI writes: plain dictionaries and arrays, NaN and infinity written as null, keys sorted
/// so outputs diff cleanly.
public enum JSONOutput {
    /// A number for JSON: nil (null) when not finite.
    public static func number(_ x: Double) -> Any { x.isFinite ? x : NSNull() }

    /// Serialises `object` (pretty-printed) to UTF-8 bytes with a final newline.
    public static func data(_ object: Any) throws -> Data {
        var d = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        d.append(0x0A)
        return d
    }

    /// Writes `object` atomically to `path`, or to stdout when `path` is "-".
    public static func write(_ object: Any, to path: String) throws {
        let d = try data(object)
        if path == "-" { FileHandle.standardOutput.write(d) } else { try AtomicOutput.write(d, to: path) }
    }

    /// Stages `object` as one of a command's outputs (written to stdout at commit when `path` is "-").
    public static func stage(_ object: Any, to path: String, in outputs: OutputSet) throws {
        let d = try data(object)
        if path == "-" { outputs.onCommit { FileHandle.standardOutput.write(d) } } else { try outputs.stage(d, to: path) }
    }
}
