import Foundation
import RepAnalysis
import RepIO


/// Joins the shard files of one batch into the results file the unsharded batch would have written: the same
/// `paths` order, `status`, `nan_policy` and `/inputs/<k>` groups (copied bit for bit), and the same JSON.
public struct ShardMerger {
    /// One shard's record and small datasets; its file is opened again only while its groups are copied, so
    /// memory stays bounded with thousands of shards.
    public struct Shard {
        public var path: String
        public var record: ShardRecord
        public var paths: [String]
        public var json: [String]
        public var status: [Int32]
    }

    public let shards: [Shard]
    public let record: ShardRecord
    /// The root attribute `nan_policy` of the shards.
    public let nanPolicy: HDF5AttributeValue
    /// Shard numbers not among the files, ascending.
    public let missing: [Int]

    /// Opens and checks the shards: one batch (same inputs, settings and N), no shard twice, and — unless
    /// `allowMissing` — none missing. Every error names the file(s).
    public init(paths: [String], allowMissing: Bool) throws {
        var shards: [Shard] = [], nan: HDF5AttributeValue?
        for p in paths {
            let f = try HDF5File(p)
            let r = try ShardRecord.read(f)
            let own = try f.readStrings("paths").values
            let json = try f.readStrings(ShardRecord.group + "/json").values
            let expected = ShardSpec(index: r.index, count: r.count).select(from: r.allPaths).map { r.allPaths[$0] }
            guard own == expected, json.count == own.count else {
                throw InputError("\(p): its `paths` are not the inputs of shard \(r.index) of \(r.count) of the batch it names (edited or corrupt shard)")
            }
            if let first = shards.first {
                let a = first.path, b = p
                if r.count != first.record.count {
                    throw InputError("\(b): shard of \(r.count) but \(a) is a shard of \(first.record.count): not the same batch")
                }
                if r.allPaths != first.record.allPaths {
                    throw InputError("\(b): its batch has different inputs from \(a)'s (\(r.allPaths.count) vs \(first.record.allPaths.count) files): not the same batch")
                }
                if r.settings != first.record.settings {
                    throw InputError("\(b): analysed with different settings from \(a) (\(r.settings) vs \(first.record.settings))")
                }
            }
            if let twin = shards.first(where: { $0.record.index == r.index }) {
                throw InputError("\(p) and \(twin.path) are both shard \(r.index) of \(r.count): give each shard once")
            }
            shards.append(Shard(path: p, record: r, paths: own, json: json, status: try f.read("status", as: Int32.self).values))
            if shards.count == 1 { nan = try f.attribute("nan_policy") }
        }
        guard let first = shards.first, let nan else { throw InputError("no shard files given") }
        record = first.record
        nanPolicy = nan
        let present = Set(shards.map(\.record.index))
        missing = (0..<record.count).filter { !present.contains($0) }
        if !missing.isEmpty, !allowMissing {
            let names = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", …" : "")
            throw InputError("missing shard(s) \(names) of \(record.count) (e.g. \(ShardSpec.fileName(missing[0], of: record.count))); nothing written — run them, or merge what is there with --allow-missing")
        }
        self.shards = shards.sorted { $0.record.index < $1.record.index }
    }

    /// Where input k of the batch lies: (shard, row in that shard), nil when its shard is missing.
    public func locate() -> [(shard: Int, row: Int)?] {
        var byPath: [String: (Int, Int)] = [:]
        for (s, shard) in shards.enumerated() { for (j, p) in shard.paths.enumerated() { byPath[p] = (s, j) } }
        return record.allPaths.map { p in byPath[p].map { (shard: $0.0, row: $0.1) } }
    }

    /// Writes RESULTS.h5 (and RESULTS.json); returns how many inputs were analysed.
    public func write(to output: String, json: String?) throws -> Int {
        let where_ = locate()
        let shardOf = ShardSpec.assignment(of: record.allPaths, count: record.count)
        func missingMessage(_ k: Int) -> String { "not analysed: shard \(shardOf[k]) of \(record.count) is missing" }
        var status: [Int32] = [], files: [BatchResults.File] = []
        for (k, loc) in where_.enumerated() {
            guard let loc else {
                status.append(0)
                files.append(BatchResults.File(path: record.allPaths[k], error: missingMessage(k)))
                continue
            }
            let shard = shards[loc.shard]
            status.append(shard.status[loc.row])
            do {
                files.append(try JSONDocument.decode(BatchResults.File.self, from: Data(shard.json[loc.row].utf8),
                                                     file: "\(shard.path): /shard/json[\(loc.row)]"))
            } catch {
                throw InputError("\(error) (corrupt shard)")
            }
        }
        try AtomicOutput.writeHDF5(to: output) { f in
            try f.write(ShapedArray(shape: [record.allPaths.count], values: record.allPaths), to: "paths")
            try f.write(ShapedArray(shape: [status.count], values: status), to: "status")
            try f.setAttribute("nan_policy", nanPolicy)
            var source: (index: Int, file: HDF5File)?
            try f.createGroup("/inputs")
            for (k, loc) in where_.enumerated() {
                let g = String(format: "/inputs/%05d", k)
                guard let loc else {
                    try f.createGroup(g)
                    try f.setAttribute("path", of: g, .string(record.allPaths[k]))
                    try f.setAttribute("error", of: g, .string(missingMessage(k)))
                    continue
                }
                if source?.index != loc.shard { source = nil; source = (loc.shard, try HDF5File(shards[loc.shard].path)) }
                try f.copy(String(format: "/inputs/%05d", loc.row), from: source!.file, to: g)
            }
        }
        if let json { try JSONDocument.write(BatchResults(files: files), to: json) }
        return status.filter { $0 == 1 }.count
    }
}
