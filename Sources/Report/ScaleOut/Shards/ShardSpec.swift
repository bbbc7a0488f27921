import Foundation

/// `--shard I/N`: shard I (0-based) of N. The inputs are split by sorted path into N contiguous blocks whose sizes
/// differ by at most one, so every machine computes the same split.
public struct ShardSpec: Equatable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) { self.index = index; self.count = count }

    /// `I/N` as typed after `--shard` (the executable makes this its argument parser).
    public init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    public static var defaultValueDescription: String { "I/N" }

    public var description: String { "\(index)/\(count)" }

    /// The positions (into `paths`) of the inputs in this shard, in the order of `paths`.
    public func select(from paths: [String]) -> [Int] {
        let sorted = paths.indices.sorted { paths[$0] < paths[$1] }
        let lo = index * sorted.count / count, hi = (index + 1) * sorted.count / count
        return sorted[lo..<hi].sorted()
    }

    /// For each of `paths`, the shard it falls in.
    public static func assignment(of paths: [String], count: Int) -> [Int] {
        var out = [Int](repeating: 0, count: paths.count)
        for i in 0..<count { for k in ShardSpec(index: i, count: count).select(from: paths) { out[k] = i } }
        return out
    }

    /// The file name of this shard's results in a shard folder: `shard-00002-of-00004.h5`.
    public var fileName: String { Self.fileName(index, of: count) }

    public static func fileName(_ index: Int, of count: Int) -> String {
        String(format: "shard-%05d-of-%05d.h5", index, count)
    }
}
