import Foundation

/// The one JSON encoding every output document uses, and the one decoding every reader uses.
///
/// Written documents are pretty-printed with sorted keys (so outputs diff cleanly), slashes unescaped (paths stay
/// readable) and a final newline; `log.jsonl`-style lines are compact with sorted keys. Non-finite numbers are
/// written as null and read back as NaN (`NaNAsNull`): JSON has no NaN or infinity, and null is what Python's
/// readers and ours both understand.
public enum JSONDocument {
    /// The encoder of every document: pretty, sorted keys, no escaped slashes.
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// `value` as a pretty document with a final newline.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        var d = try encoder().encode(value)
        d.append(0x0A)
        return d
    }

    /// `value` as one compact line (no newline): a line of a `.jsonl` file, or a record stored in HDF5.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder(pretty: false).encode(value), as: UTF8.self)
    }

    /// Writes `value` atomically to `path`, or to stdout when `path` is "-".
    public static func write<T: Encodable>(_ value: T, to path: String) throws {
        let d = try data(value)
        if path == "-" { FileHandle.standardOutput.write(d) } else { try AtomicOutput.write(d, to: path) }
    }

    /// Stages `value` as one of a command's outputs (written to stdout at commit when `path` is "-").
    public static func stage<T: Encodable>(_ value: T, to path: String, in outputs: OutputSet) throws {
        let d = try data(value)
        if path == "-" { outputs.onCommit { FileHandle.standardOutput.write(d) } } else { try outputs.stage(d, to: path) }
    }

    /// Decodes a `T` from `data`; a failure is a `DocumentError` naming `file`, the key path and what was wrong.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch let e as DecodingError {
            throw DocumentError(file: file, decoding: e)
        } catch let e as DocumentError {
            throw e
        } catch {
            throw DocumentError(file: file, key: "", reason: "cannot be read (\(error))")
        }
    }

    /// Reads and decodes the file at `path`; a missing or unreadable file is a `DocumentError` too.
    public static func read<T: Decodable>(_ type: T.Type, file path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError(file: path, key: "", reason: "cannot read the file (missing or unreadable)")
        }
        return try decode(type, from: data, file: path)
    }
}
