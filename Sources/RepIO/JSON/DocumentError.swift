/// A JSON document that is not what its writer writes: one line naming the file, the key (as a path such as
/// `units[3].score_60`) and what was wrong, for "repanalyze: error: …" and exit status 1.
public struct DocumentError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// The key path, empty for the whole document.
    public var key: String
    public var reason: String

    public init(file: String, key: String, reason: String) {
        self.file = file; self.key = key; self.reason = reason
    }

    public var description: String { key.isEmpty ? "\(file): \(reason)" : "\(file): key '\(key)': \(reason)" }

    /// The Foundation decoding error in words: where (the key path) and what (the type expected, in JSON's terms).
    public init(file: String, decoding error: DecodingError) {
        switch error {
        case .typeMismatch(let type, let c):
            self.init(file: file, key: Self.path(c.codingPath), reason: "expected \(Self.describe(type))")
        case .valueNotFound(let type, let c):
            self.init(file: file, key: Self.path(c.codingPath), reason: "expected \(Self.describe(type)), found null")
        case .keyNotFound(let k, let c):
            // Foundation's own text ("No value associated with key …") says less than "missing".
            let own = c.debugDescription.hasPrefix("No value associated") || c.debugDescription.isEmpty
            self.init(file: file, key: Self.path(c.codingPath + [k]), reason: own ? "missing" : c.debugDescription)
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            self.init(file: file, key: "", reason: "not valid JSON")
        case .dataCorrupted(let c):
            self.init(file: file, key: Self.path(c.codingPath), reason: c.debugDescription)
        @unknown default:
            self.init(file: file, key: "", reason: "cannot be decoded")
        }
    }

    /// `units[3].score_60` from a coding path (array positions in brackets).
    public static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }

    /// A Swift type as the JSON value it stands for.
    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is Int32.Type, is Int64.Type, is UInt64.Type, is UInt.Type: return "an integer"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(name)"
        }
    }
}
