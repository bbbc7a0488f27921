import Foundation
import RepAnalysis
import RepIO
import Report
import Trainer

/// `repanalyze demo --trained`: the analyses on the network that ships in examples/trained/.
extension Demo {
    /// Rollout on training-like walks → report (rate maps, gridness, modules, torus, training curves), printing each
    /// finding next to the figures recorded in examples/trained/README.md.
    func runTrained() throws {
        let weightsPath = weights ?? "examples/trained/checkpoint.h5"
        guard FileManager.default.fileExists(atPath: weightsPath) else {
            throw InputError("\(weightsPath): no trained network there; run from the repository root or give --weights WEIGHTS.h5")
        }
        let runDir = (weightsPath as NSString).deletingLastPathComponent
        let hasLog = FileManager.default.fileExists(atPath: (runDir as NSString).appendingPathComponent("log.jsonl"))
        do { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
            throw ReportError.cannotWrite(path: output, reason: "cannot create the folder (\((error as NSError).localizedDescription))")
        }
        let clock = ContinuousClock(), start = clock.now
        func elapsed() -> String { String(format: "%.1f s", Double((clock.now - start).components.seconds) + Double((clock.now - start).components.attoseconds) / 1e18) }

        let f = try HDF5File(weightsPath)
        let params = try Parameters.read(from: f)
        var config = TrainerConfig()
        if f.hasAttribute("config"), let json = try f.attribute("config").stringValue {
            config = try TrainerConfig.decode(Data(json.utf8), file: "\(weightsPath) (attribute config)", strict: false)
        }
        let walks = TrainedDemo.walks, length = TrainedDemo.walkLength, box = TrainedDemo.box
        print("[1/4] rollout: \(weightsPath) (N \(params.units), H \(params.width)) on \(walks) walks of \(length) steps from the centre of a \(box) m box (seed \(TrainedDemo.seed)) …")
        var rng = Xoshiro256(seed: TrainedDemo.seed)
        let (positions, velocities) = NetworkRollout.trainingWalks(count: walks, length: length, vmax: config.vmax, start: box / 2, rng: &rng)
        let act = Rollout.states(params: params, eps: config.eps, velocities: velocities.map { Float($0) }, restartEvery: length)
        let dumpPath = (output as NSString).appendingPathComponent("walks.h5")
        try NetworkRollout.writeDump(to: dumpPath, positions: positions, velocities: velocities, activations: act, units: params.units,
                                     box: box, checkpoint: weightsPath,
                                     description: "\(walks) training-distribution walks of \(length) steps from the box centre, seed \(TrainedDemo.seed)",
                                     walkLength: length)
        print("      wrote \(dumpPath) (\(elapsed()))")

        print("[2/4] rate maps → gridness → Fourier modules → torus of the largest module …")
        var content = try ReportAssembler(input: dumpPath, mapsDataset: nil, layout: DumpLayout(),
                                          mapOptions: RateMapRequest(), scoresJSON: nil, modulesJSON: nil,
                                          barcodeJSON: nil, runDirectory: hasLog ? runDir : nil,
                                          topology: TopologyPipeline(landmarks: landmarks),
                                          producer: "repanalyze \(RepAnalyze.configuration.version)", log: { print("      " + $0 + "  (\(elapsed()))") }).assemble()
        if let mods = content.modules, mods.count >= 2 {
            let sorted = mods.sorted { $0.period < $1.period }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                let r = ModuleRelation(fine: a.id, period: a.period, orientation: a.orientation, coarse: b.id, period: b.period, orientation: b.orientation)
                print(String(format: "      modules %d–%d: ratio %.3f, %.1f° apart: %@", r.fine, r.coarse, r.ratio, r.orientationDifference,
                             r.isSuperlattice ? "the coarse lattice is a superlattice (index \(r.index)) of the fine one: commensurate, not independent" : "independent lattices"))
            }
        }
        var boxes = BoxGeneralization()
        boxes.samplesPerBox = TrainedDemo.samplesPerBox
        print("[3/4] out of distribution: boxes of \(boxes.sides.map { String(format: "%g", $0) }.joined(separator: ", ")) m, \(boxes.samplesPerBox) samples each (`repanalyze generalization`) …")
        content.generalization = try boxes.run(params: params, config: config, checkpoint: weightsPath) {
            print("      " + GeneralizationCommand.row($0) + "  (\(elapsed()))")
        }
        print("[4/4] report …")
        let reportPath = (output as NSString).appendingPathComponent("report.html")
        try ReportWriter.write(content, html: reportPath, pngDirectory: nil).print(html: reportPath, pngDirectory: nil)
        print("done in \(elapsed()). Open \(reportPath) in a browser.")
    }
}

/// The rollout the shipped network's README figures and its regression test use.
enum TrainedDemo {
    static let walks = 4000, walkLength = 60, box = 2.0
    static let seed: UInt64 = 5
    /// Samples per box of the out-of-distribution step (the README's table uses 240,000: `generalization`'s default).
    static let samplesPerBox = 60_000
}
