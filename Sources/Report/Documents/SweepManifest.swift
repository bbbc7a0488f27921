import RepIO

/// SWEEP_DIR/sweep.json, written by `sweep SWEEP.json -o SWEEP_DIR`: the sweep file it came from, the grid's keys
/// and every run (its folder name, grid values as JSON text, seed), plus `eval_every` when the runs evaluate.
public struct SweepManifest: Codable, Equatable, Sendable {
    public var sweep: String
    public var keys: [String]
    public var runs: [Run]
    public var evalEvery: Int?

    enum CodingKeys: String, CodingKey { case sweep, keys, runs, evalEvery = "eval_every" }

    public struct Run: Codable, Equatable, Sendable {
        public var name: String
        public var grid: [String: String]
        public var seed: UInt64
        public init(name: String, grid: [String: String], seed: UInt64) { self.name = name; self.grid = grid; self.seed = seed }
    }

    public init(sweep: String, keys: [String], runs: [Run], evalEvery: Int?) {
        self.sweep = sweep; self.keys = keys; self.runs = runs; self.evalEvery = evalEvery
    }

    /// Reads a sweep folder's manifest; any problem is one line saying what the file should be.
    public static func read(_ path: String) throws -> SweepManifest {
        do { return try JSONDocument.read(SweepManifest.self, file: path) } catch let e as DocumentError {
            throw InputError("\(e) (not a sweep manifest: written by `repanalyze sweep SWEEP.json -o DIR`)")
        }
    }
}
