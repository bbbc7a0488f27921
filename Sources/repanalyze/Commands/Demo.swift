import ArgumentParser
import Foundation
import RepAnalysis

/// `repanalyze demo`: the main job on built-in data, for a first look.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the main job on built-in data (no files of your own needed).",
        discussion: """
        Writes a small example activation dump (an ideal grid module sampled along a random walk) to
        DIR/example.h5 and shows what it holds, as `repanalyze inspect` would. The analyses (rate maps, gridness,
        modules, topology, report) join this demo as they land.

        Example:
          repanalyze demo -o demo-output
        """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the demo's outputs (created if missing).", valueName: "DIR"))
    var output = "demo-output"

    func run() throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let path = (output as NSString).appendingPathComponent("example.h5")
        try writeExampleDump(to: path)
        print("wrote \(path): an example activation dump (8 ideal grid cells, period 0.4 m, 5000 samples)\n")
        let inspect = try Inspect.parse([path, "--stats"])
        try inspect.run()
        let dump = try ActivationDump.load(path)
        print("\nloaded as an activation dump: \(dump.sampleCount) samples × \(dump.unitCount) units, box \(dump.box.map { "\($0)" } ?? "from data")")
    }

    /// A random walk in a 1 m box and 8 units of one ideal hexagonal grid module (sum of three cosines).
    private func writeExampleDump(to path: String) throws {
        let steps = 5000, units = 8, period = 0.4
        var rng = SplitMix64(seed: 1)
        var x = 0.5, y = 0.5, heading = 0.0
        var pos = [Double](), act = [Float]()
        pos.reserveCapacity(2 * steps)
        act.reserveCapacity(units * steps)
        let k = 4 * Double.pi / (sqrt(3) * period)
        let phases = (0..<units).map { _ in (rng.unit() * period, rng.unit() * period) }
        for _ in 0..<steps {
            heading += (rng.unit() - 0.5) * 0.8
            x += 0.02 * cos(heading); y += 0.02 * sin(heading)
            if x < 0 || x > 1 { heading = .pi - heading; x = min(max(x, 0), 1) }
            if y < 0 || y > 1 { heading = -heading; y = min(max(y, 0), 1) }
            pos += [x, y]
            for (px, py) in phases {
                var s = 0.0
                for j in 0..<3 {
                    let a = Double(j) * Double.pi / 3
                    s += cos(k * (cos(a) * (x - px) + sin(a) * (y - py)))
                }
                act.append(Float(max(0, s) / 3))
            }
        }
        try AtomicOutput.writeHDF5(to: path) { f in
            try f.write(ShapedArray(shape: [steps, 2], values: pos), to: "positions")
            try f.write(ShapedArray(shape: [steps, units], values: act), to: "activations", gzip: 4)
            try f.setAttribute("box_size_m", .floats([1, 1]))
            try f.setAttribute("box_origin_m", .floats([0, 0]))
            try f.setAttribute("description", .string("repanalyze demo: one ideal grid module, period 0.4 m"))
        }
    }
}

/// A tiny deterministic generator (SplitMix64) so the demo's data is the same on every machine.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
