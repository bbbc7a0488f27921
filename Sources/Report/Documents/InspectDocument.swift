import RepIO

/// `inspect --json`: the file's tree — every group and dataset with its attributes, a dataset's shape, type,
/// chunks and filters, and with `--stats` its statistics.
public struct InspectDocument: Codable, Equatable, Sendable {
    public var file: String
    public var root: Node
    public var sizeBytes: Int?

    enum CodingKeys: String, CodingKey { case file, root, sizeBytes = "size_bytes" }

    public init(file: String, root: Node, sizeBytes: Int?) { self.file = file; self.root = root; self.sizeBytes = sizeBytes }

    /// A group, dataset, or an object that could not be shown. Dataset keys are written only for datasets, where
    /// `chunks`, `compression` and `compression_opts` are null when the dataset has none.
    public struct Node: Codable, Equatable, Sendable {
        public var name: String, path: String
        public var attributes: [String: JSONValue]
        /// group, dataset, unresolved_link, not_shown, damaged.
        public var type: String
        public var children: [Node]?
        public var reason: String?
        public var shape: [Int]?
        public var dtype: String?
        public var chunks: [Int]?
        public var compression: String?
        public var compressionOpts: Int?
        public var shuffle: Bool?
        public var filters: [String]?
        public var stats: Statistics?

        enum CodingKeys: String, CodingKey {
            case name, path, attributes, type, children, reason, shape, dtype, chunks, compression
            case compressionOpts = "compression_opts", shuffle, filters, stats
        }

        public init(name: String, path: String, attributes: [String: JSONValue], type: String) {
            self.name = name; self.path = path; self.attributes = attributes; self.type = type
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name); try c.encode(path, forKey: .path)
            try c.encode(attributes, forKey: .attributes); try c.encode(type, forKey: .type)
            try c.encodeIfPresent(children, forKey: .children); try c.encodeIfPresent(reason, forKey: .reason)
            if type == "dataset" {
                try c.encode(shape, forKey: .shape); try c.encode(dtype, forKey: .dtype)
                try c.encode(chunks, forKey: .chunks); try c.encode(compression, forKey: .compression)
                try c.encode(compressionOpts, forKey: .compressionOpts); try c.encode(shuffle, forKey: .shuffle)
                try c.encode(filters, forKey: .filters); try c.encodeIfPresent(stats, forKey: .stats)
            }
        }
    }

    /// `--stats`: min, max and mean of the finite values; counts of NaN, infinite and all values.
    public struct Statistics: Codable, Equatable, Sendable {
        @NaNAsNull public var min: Double = .nan
        @NaNAsNull public var max: Double = .nan
        @NaNAsNull public var mean: Double = .nan
        public var nan: Int, inf: Int, count: Int

        public init(_ s: DatasetStatistics) {
            min = s.min; max = s.max; mean = s.mean; nan = s.nanCount; inf = s.infiniteCount; count = s.count
        }
    }

    /// An attribute as JSON: a scalar for a single value without shape, else a list (NaN as null).
    public static func value(_ v: HDF5AttributeValue) -> JSONValue {
        func shaped(_ xs: [JSONValue], _ shape: [Int]) -> JSONValue { shape.isEmpty && xs.count == 1 ? xs[0] : .array(xs) }
        switch v {
        case .integers(let x, let s): return shaped(x.map { .integer($0) }, s)
        case .floats(let x, let s): return shaped(x.map(JSONValue.finite), s)
        case .strings(let x, let s): return shaped(x.map { .string($0) }, s)
        case .unsupported(let t): return .string("<\(t)>")
        }
    }
}
