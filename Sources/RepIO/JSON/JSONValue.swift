/// Any JSON value, for the open parts of documents: config overrides (`train --set`, a sweep's grid), the
/// numeric keys of a training log line, HDF5 attributes in `inspect --json`. Integers stay integers (a seed keeps
/// all 64 bits); a non-finite number is written as null.
public enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let u = try? c.decode(UInt64.self) { self = .unsigned(u) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .unsigned(let u): try c.encode(u)
        case .number(let d): if d.isFinite { try c.encode(d) } else { try c.encodeNil() }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The value as a number: integers and numbers (not true/false, which JSON keeps apart), else nil.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .unsigned(let u): return Double(u)
        case .number(let d): return d
        default: return nil
        }
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var object: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    public var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }

    /// A number or null as a `JSONValue` (NaN and infinities as null).
    public static func finite(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }

    /// Compact JSON text (`0.001`, `true`, `{"a":1}`); a string as itself, without quotes.
    public var text: String {
        if case .string(let s) = self { return s }
        return (try? JSONDocument.line(self)) ?? "null"
    }
}
