import Foundation
import RepIO

/// Parameters, one batch and the config stored in the reference dump layout (`/params/<name>`,
/// `/batch/base_vel`, `/batch/perm`, `/batch/pos`, root attribute `config`): how `repanalyze loss` reads the
/// user's own weights, and how the tests read the JAX reference.
public struct ReferenceDump {
    /// The dump's config attribute (defaults where absent), with N, H, B, T taken from the arrays.
    public var config: TrainerConfig
    /// The weights under /params.
    public var params: Parameters
    /// The batch under /batch.
    public var batch: TrajectoryBatch

    /// Reads `path`; errors name the file and the dataset that is missing or malformed.
    public init(path: String) throws {
        let f = try HDF5File(path)
        var config = TrainerConfig()
        if f.hasAttribute("config") {
            guard let json = try f.attribute("config").stringValue else {
                throw TrainerError.badFile(file: path, dataset: "/@config", reason: "the config attribute must be a JSON string")
            }
            config = try TrainerConfig.decode(Data(json.utf8), file: "\(path) (attribute config)", strict: false)
        }
        let p = try Parameters.read(from: f)
        let (n, h) = (p.units, p.width)
        let v: ShapedArray<Float> = try f.read("/batch/base_vel")
        let perm: ShapedArray<Int32> = try f.read("/batch/perm")
        guard v.shape.count == 2, v.shape[1] == 2, v.shape[0] >= 1 else {
            throw TrainerError.badFile(file: path, dataset: "/batch/base_vel", reason: "expected shape [T,2], got \(v.shape)")
        }
        let t = v.shape[0]
        // NaN velocities would make every loss term NaN and be written as null: refuse them, naming the place.
        if let bad = v.values.firstIndex(where: { !$0.isFinite }) {
            throw TrainerError.badFile(file: path, dataset: "/batch/base_vel", reason: "non-finite value \(v.values[bad]) at [\(bad / 2), \(bad % 2)]; velocities must be finite")
        }
        guard perm.shape.count == 2, perm.shape[1] == t, perm.shape[0] >= 1 else {
            throw TrainerError.badFile(file: path, dataset: "/batch/perm", reason: "expected shape [B,\(t)], got \(perm.shape)")
        }
        if let bad = perm.values.firstIndex(where: { $0 < 0 || Int($0) >= t }) {
            throw TrainerError.badFile(file: path, dataset: "/batch/perm", reason: "value \(perm.values[bad]) at flat index \(bad) is not a step index in 0..<\(t)")
        }
        let b = perm.shape[0]
        var positions: [Float]? = nil
        if f.exists("/batch/pos") {
            let pos: ShapedArray<Float> = try f.read("/batch/pos")
            guard pos.shape == [b, t, 2] else {
                throw TrainerError.badFile(file: path, dataset: "/batch/pos", reason: "expected shape [\(b),\(t),2], got \(pos.shape)")
            }
            if let bad = pos.values.firstIndex(where: { !$0.isFinite }) {
                throw TrainerError.badFile(file: path, dataset: "/batch/pos", reason: "non-finite value \(pos.values[bad]) at flat index \(bad); positions must be finite")
            }
            positions = pos.values
        }
        config.hidden = n; config.mlpWidth = h; config.batch = b; config.seq = t
        self.config = config
        self.params = p
        self.batch = TrajectoryBatch(baseVelocity: v.values, permutation: perm.values, batch: b, seq: t, positions: positions)
    }
}

extension Parameters {
    /// Reads `/params/<name>` (W0 [2,H], b0, W1, b1, W2 [H,N·N], b2, g0_raw [N]) from an open file: a trainer
    /// checkpoint, a reference dump, or weights exported from the user's own code. N and H come from the shapes.
    public static func read(from f: HDF5File) throws -> Parameters {
        let path = f.path
        let w0Info = try f.datasetInfo("/params/W0"), w2Info = try f.datasetInfo("/params/W2")
        guard w0Info.shape.count == 2, w0Info.shape[0] == 2, w2Info.shape.count == 2, w2Info.shape[0] == w0Info.shape[1] else {
            throw TrainerError.badFile(file: path, dataset: "/params/W0", reason: "expected W0 [2,H] and W2 [H,N·N], got \(w0Info.shape) and \(w2Info.shape)")
        }
        let h = w0Info.shape[1]
        let n = Int(Double(w2Info.shape[1]).squareRoot().rounded())
        guard n > 0, CheckedSize.product(n, n) == w2Info.shape[1], h > 0 else {   // n·n can overflow near Int.max
            throw TrainerError.badFile(file: path, dataset: "/params/W2", reason: "the second axis (\(w2Info.shape[1])) is not N·N for any N")
        }
        // The shapes come from the file (a W2 declared [32, 10^12] and never written costs the file nothing):
        // check what the parameters would take before allocating them.
        let (nd, hd) = (Double(n), Double(h))
        try MemoryBudget.check(file: path, dataset: "/params/W2", bytes: 4 * (3 * hd + hd * hd + hd * nd * nd + nd * nd + nd),
                               for: "the weights of N = \(n) units and MLP width H = \(h) (from W2 \(shapeString(w2Info.shape)))")
        var p = Parameters(units: n, width: h)
        for e in p.entries {
            let a: ShapedArray<Float> = try f.read("/params/\(e.name)")
            guard a.shape == e.shape else {
                throw TrainerError.badFile(file: path, dataset: "/params/\(e.name)", reason: "expected shape \(e.shape) (N = \(n), H = \(h)), got \(a.shape)")
            }
            if let bad = a.values.firstIndex(where: { !$0.isFinite }) {
                throw TrainerError.badFile(file: path, dataset: "/params/\(e.name)", reason: "non-finite value at flat index \(bad)")
            }
            p.setTensor(e.name, a.values)
        }
        return p
    }
}
