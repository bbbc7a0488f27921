import Foundation
import RepIO

/// JSON for tests as Foundation values ([String: Any], [Any], NSNumber, String, NSNull), read and written through
/// the package's own `JSONValue`, so nothing in the repository needs `JSONSerialization`.
public enum TestJSON {
    /// The value of the JSON text `data`.
    public static func object(with data: Data) throws -> Any {
        foundation(try JSONDecoder().decode(JSONValue.self, from: data))
    }

    /// `object` as JSON text with sorted keys.
    public static func data(withJSONObject object: Any) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return try e.encode(value(object))
    }

    static func foundation(_ v: JSONValue) -> Any {
        switch v {
        case .null: return NSNull()
        case .bool(let b): return NSNumber(value: b)
        case .integer(let i): return NSNumber(value: i)
        case .unsigned(let u): return NSNumber(value: u)
        case .number(let d): return NSNumber(value: d)
        case .string(let s): return s
        case .array(let a): return a.map(foundation)
        case .object(let o): return o.mapValues(foundation)
        }
    }

    struct Unsupported: Error { var value: String }

    static func value(_ any: Any) throws -> JSONValue {
        switch any {
        case is NSNull: return .null
        case let s as String: return .string(s)
        case let a as [Any]: return .array(try a.map(value))
        case let o as [String: Any]: return .object(try o.mapValues(value))
        case let n as NSNumber: return .number(n.doubleValue)   // what `object(with:)` gives for numbers and booleans
        case let i as Int: return .integer(Int64(i))
        case let d as Double: return .number(d)
        case let b as Bool: return .bool(b)
        default: throw Unsupported(value: "\(any)")
        }
    }
}
