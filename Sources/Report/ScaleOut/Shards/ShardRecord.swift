import Foundation
import RepAnalysis
import RepIO


/// What a shard's results file records besides the results themselves, in its `/shard` group: which shard it is
/// (attributes `index`, `count`), the analysis settings (attribute `settings`), the full input list of the whole
/// batch in batch order (`/shard/all_paths`) and each of its inputs' JSON record (`/shard/json`, one string per
/// entry of `paths`), so `merge` can rebuild both RESULTS.h5 and RESULTS.json exactly.
public struct ShardRecord: Equatable {
    public var index: Int
    public var count: Int
    public var settings: String
    public var allPaths: [String]

    public init(index: Int, count: Int, settings: String, allPaths: [String]) {
        self.index = index; self.count = count; self.settings = settings; self.allPaths = allPaths
    }

    public static let group = "/shard"

    public func write(json: [String], to f: HDF5File) throws {
        try f.createGroup(Self.group)
        try f.setAttribute("index", of: Self.group, .integer(Int64(index)))
        try f.setAttribute("count", of: Self.group, .integer(Int64(count)))
        try f.setAttribute("settings", of: Self.group, .string(settings))
        try f.write(ShapedArray(shape: [allPaths.count], values: allPaths), to: Self.group + "/all_paths")
        try f.write(ShapedArray(shape: [json.count], values: json), to: Self.group + "/json")
    }

    /// Reads the record of a shard file; errors name the file and what is missing.
    public static func read(_ f: HDF5File) throws -> ShardRecord {
        guard f.isGroup(group) else {
            throw InputError("\(f.path): not a shard of a batch (no /shard group; write shards with `repanalyze batch … --shard I/N`)")
        }
        func int(_ name: String) throws -> Int {
            guard let v = try f.attribute(name, of: group).doubles?.first, v == v.rounded() else {
                throw InputError("\(f.path): /shard attribute '\(name)' is not an integer")
            }
            return Int(v)
        }
        guard let settings = try f.attribute("settings", of: group).stringValue else {
            throw InputError("\(f.path): /shard attribute 'settings' is not a string")
        }
        let r = ShardRecord(index: try int("index"), count: try int("count"), settings: settings,
                            allPaths: try f.readStrings(group + "/all_paths").values)
        guard r.count >= 1, r.index >= 0, r.index < r.count else {
            throw InputError("\(f.path): /shard says shard \(r.index) of \(r.count), which cannot be")
        }
        return r
    }

    /// True when the file at `path` is a complete shard `index`/`count` of this batch (same inputs and settings).
    public static func isDone(_ path: String, index: Int, count: Int, settings: String, allPaths: [String]) -> Bool {
        guard let f = try? HDF5File(path), let r = try? read(f) else { return false }
        return r == ShardRecord(index: index, count: count, settings: settings, allPaths: allPaths)
    }
}
