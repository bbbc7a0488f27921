import Foundation
import RepIO
import Trainer

/// A trained network's states along walks, for the commands that roll it out (`rollout`, `generalization`).
public enum NetworkRollout {
    /// Writes a rollout as an activation dump (atomically): positions, activations (gzip), velocities, the box
    /// and where the walk came from.
    public static func writeDump(to output: String, positions: [Double], velocities: [Double], activations: [Float], units: Int,
                          box: Double, checkpoint: String, description: String, walkLength: Int?) throws {
        let total = positions.count / 2
        try AtomicOutput.writeHDF5(to: output) { out in
            try out.write(ShapedArray(shape: [total, 2], values: positions), to: "positions")
            try out.write(ShapedArray(shape: [total, units], values: activations), to: "activations", gzip: 4)
            try out.write(ShapedArray(shape: [total, 2], values: velocities), to: "velocities")
            try out.setAttribute("box_size_m", .floats([box, box]))
            try out.setAttribute("box_origin_m", .floats([0, 0]))
            try out.setAttribute("source_checkpoint", .string(checkpoint))
            try out.setAttribute("trajectory", .string(description))
            if let walkLength { try out.setAttribute("walk_length", .integer(Int64(walkLength))) }
        }
    }

    /// Independent walks drawn by the trainer's own batch generator (one trajectory, no permutation: coverage,
    /// not augmentation), each from (start, start); returns the positions after each step (summed in Double) and
    /// the steps, both [count·length, 2] interleaved.
    public static func trainingWalks(count: Int, length: Int, vmax: Float, start: Double,
                              rng: inout Xoshiro256) -> (positions: [Double], velocities: [Double]) {
        var pos = [Double](), vel = [Double]()
        pos.reserveCapacity(2 * count * length); vel.reserveCapacity(2 * count * length)
        var batch = TrajectoryBatch.sample(batch: 1, seq: length, vmax: vmax, permute: false, rng: &rng)
        for w in 0..<count {
            if w > 0 { batch.resample(vmax: vmax, permute: false, rng: &rng) }
            var x = start, y = start
            for t in 0..<length {
                let vx = Double(batch.baseVelocity[2 * t]), vy = Double(batch.baseVelocity[2 * t + 1])
                x += vx; y += vy
                vel.append(vx); vel.append(vy); pos.append(x); pos.append(y)
            }
        }
        return (pos, vel)
    }
}
