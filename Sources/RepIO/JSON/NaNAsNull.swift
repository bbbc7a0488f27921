/// The documents' NaN policy as a property wrapper: a non-finite number is written as null (JSON has no NaN or
/// infinity) and null is read back as NaN; lists and optionals of numbers follow element by element.
///
///     @NaNAsNull var score60: Double           // "score_60": null when NaN
///     @NaNAsNull var periods: [Double]         // [0.42, null]
///     @NaNAsNull var ratio: Double?            // key left out when nil, null when NaN
///
/// A missing key reads as NaN (a number), nil (an optional) or is an error (a list), so documents written before a
/// key existed still read.
@propertyWrapper
public struct NaNAsNull<Value: NullableNumbers>: Codable, Equatable, Sendable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws { wrappedValue = try Value(nullableFrom: decoder) }
    public func encode(to encoder: any Encoder) throws { try wrappedValue.encodeNullable(to: encoder) }

    public static func == (a: Self, b: Self) -> Bool { a.wrappedValue.sameNumbers(as: b.wrappedValue) }
}

/// Numbers, lists of them and optionals of them, with non-finite values as null.
public protocol NullableNumbers: Sendable {
    init(nullableFrom decoder: any Decoder) throws
    func encodeNullable(to encoder: any Encoder) throws
    /// The value of a missing key, or nil when a missing key is an error.
    static var missing: Self? { get }
    /// Equality with NaN equal to NaN (a document read back equals the one written).
    func sameNumbers(as other: Self) -> Bool
    /// Whether the key is left out of the document (a nil optional).
    var isAbsent: Bool { get }
}

extension NullableNumbers {
    public var isAbsent: Bool { false }
}

extension Double: NullableNumbers {
    public init(nullableFrom decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        self = c.decodeNil() ? .nan : try c.decode(Double.self)
    }
    public func encodeNullable(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if isFinite { try c.encode(self) } else { try c.encodeNil() }
    }
    public static var missing: Double? { .nan }
    public func sameNumbers(as other: Double) -> Bool { self == other || (isNaN && other.isNaN) }
}

extension Array: NullableNumbers where Element: NullableNumbers {
    public init(nullableFrom decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        var out: [Element] = []
        while !c.isAtEnd { out.append(try Element(nullableFrom: try c.superDecoder())) }
        self = out
    }
    public func encodeNullable(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        for x in self { try x.encodeNullable(to: c.superEncoder()) }
    }
    public static var missing: [Element]? { nil }
    public func sameNumbers(as other: [Element]) -> Bool {
        count == other.count && zip(self, other).allSatisfy { $0.sameNumbers(as: $1) }
    }
}

extension Optional: NullableNumbers where Wrapped: NullableNumbers {
    public init(nullableFrom decoder: any Decoder) throws { self = try Wrapped(nullableFrom: decoder) }
    public func encodeNullable(to encoder: any Encoder) throws {
        if let self { try self.encodeNullable(to: encoder) } else { var c = encoder.singleValueContainer(); try c.encodeNil() }
    }
    public static var missing: Wrapped?? { .some(nil) }
    public func sameNumbers(as other: Wrapped?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case let (a?, b?): return a.sameNumbers(as: b)
        default: return false
        }
    }
    public var isAbsent: Bool { self == nil }
}

// The synthesised Codable code calls these (more specific than the generic methods) for `@NaNAsNull` properties,
// so a missing key and a nil optional are handled as the policy says.
extension KeyedDecodingContainer {
    public func decode<V>(_ type: NaNAsNull<V>.Type, forKey key: Key) throws -> NaNAsNull<V> {
        if contains(key) { return try NaNAsNull(from: try superDecoder(forKey: key)) }
        if let m = V.missing { return NaNAsNull(wrappedValue: m) }
        throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<V>(_ value: NaNAsNull<V>, forKey key: Key) throws {
        if value.wrappedValue.isAbsent { return }
        try value.encode(to: superEncoder(forKey: key))
    }
}
