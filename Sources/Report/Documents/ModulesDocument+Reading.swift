import RepIO

/// Reading modules written by us or by hand: `modules` as objects or bare lists of units, or instead of
/// `modules` a `labels` list (module of unit 0, 1, …; −1 = none). Only the modules are required.
extension ModulesDocument {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        units = try c.decodeIfPresent([Unit].self, forKey: .units) ?? []
        modulePairs = try c.decodeIfPresent([Pair].self, forKey: .modulePairs) ?? []
        if let modules = try c.decodeIfPresent([Module].self, forKey: .modules) {
            self.modules = modules
        } else if let labels = try c.decodeIfPresent([Int].self, forKey: .labels) {
            // A label is a module number: there cannot be more modules than units (and Int.max + 1 would trap).
            if let top = labels.max(), top >= labels.count {
                throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.labels],
                    debugDescription: "holds module \(top) for \(labels.count) units; labels are module numbers 0…\(labels.count - 1) (or -1)"))
            }
            var byLabel = [[Int]](repeating: [], count: (labels.max() ?? -1) + 1)
            for (u, l) in labels.enumerated() where l >= 0 { byLabel[l].append(u) }
            modules = byLabel.enumerated().map { Module(module: $0, period: .nan, orientation: .nan, units: $1) }
        } else {
            throw DecodingError.keyNotFound(CodingKeys.modules, .init(codingPath: [],
                debugDescription: "no \"modules\" or \"labels\" key (expected the output of `repanalyze modules --json`)"))
        }
        periodRatios = try c.decodeIfPresent(NaNAsNull<[Double]>.self, forKey: .periodRatios)?.wrappedValue ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(units, forKey: .units)
        try c.encode(modules, forKey: .modules)
        try c.encode(NaNAsNull(wrappedValue: periodRatios), forKey: .periodRatios)
        try c.encode(modulePairs, forKey: .modulePairs)
    }

    /// Reads `path`; errors name the file and the key.
    public static func read(_ path: String) throws -> ModulesDocument { try JSONDocument.read(ModulesDocument.self, file: path) }

    /// The units of module `k` (matched against "module"); errors name the file and the modules there are.
    public func units(ofModule k: Int, file: String) throws -> [Int] {
        guard let chosen = modules.first(where: { $0.module == k }) else {
            throw InputError("\(file): module \(k) does not exist (modules: \(modules.map { String($0.module) }.joined(separator: ", ")))")
        }
        guard !chosen.units.isEmpty else { throw InputError("\(file): module \(k) has no units") }
        return chosen.units
    }
}
