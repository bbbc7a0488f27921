/// The config keys that are choices among names. Each decodes from its name and refuses any other with the
/// message the config's errors carry ("must be "mean" or "sum", not "avg"").
protocol ConfigChoice: RawRepresentable<String>, CaseIterable, Codable, Sendable {}

extension ConfigChoice {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let name = try c.decode(String.self)
        guard let v = Self(rawValue: name) else {
            let names = Self.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "must be \(names), not \"\(name)\"")
        }
        self = v
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// `init`: "random" (W(v) a random matrix, see Parameters.initial) or "identity" (W(v) = I plus a small
/// velocity-dependent part, so a state is carried along and modulated by each step).
public enum Initialization: String, ConfigChoice { case random, identity }

/// `reduction`: "mean" (means over the qualifying pairs keep the terms comparable) or "sum" (as printed).
public enum Reduction: String, ConfigChoice { case mean, sum }
