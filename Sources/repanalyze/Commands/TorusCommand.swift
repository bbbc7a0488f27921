import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report
import TopologyTDA

/// `repanalyze torus`: where on its torus a grid module is at every moment.
struct TorusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "torus",
        abstract: "Toroidal coordinates of a grid module: two circle-valued angles per sample from its two H1 classes.",
        discussion: """
        The module's units (from `repanalyze modules --json`) are taken from the dump and projected on their first \
        --pca principal components, each divided by its standard deviation (--no-whiten keeps them as they are); \
        --landmarks furthest-point landmarks (first from --seed) get a Vietoris–Rips \
        barcode in Z/--coeff with cocycles. The two most persistent H1 classes must both be significant (the \
        Betti summary's rule; otherwise exit 1 with the bars). Each class's cocycle is lifted to integers and made \
        harmonic by a sparse weighted least-squares solve (conjugate gradients on the Rips graph's Laplacian at a \
        scale ε halfway into both bars, raised to cover every sample when possible; edge weights divided by the \
        landmarks' densities) — the circular coordinates of de Silva, Morozov and Vejdemo-Johansson as DREiMac and \
        Gardner et al. (2022) use them — and extended to every sample by a partition of unity over balls of radius \
        ε/2 around the landmarks. The two classes are then replaced by the reduced basis of their harmonic \
        cocycles' lattice (the pair of shortest, most nearly orthogonal windings; attribute `basis`).

        Output (HDF5): `coords` [T, 2] — the two angles in radians, [0, 2π), NaN for samples outside the cover; \
        `units` [n] and `unit_phases` [n, 2] — each unit's preferred position on the torus (the activity-weighted \
        circular mean of the angles); attributes with the bars, scales and cover radius. The angles are defined up \
        to a symmetry of the torus (an integer change of basis with determinant ±1, signs and shifts).

        Example:
          repanalyze modules run.h5 --json modules.json
          repanalyze torus run.h5 --modules modules.json --module 0 -o coords.h5 --json torus.json
        """)

    @Argument(help: "An activation dump (HDF5).")
    var input: String

    @Option(help: ArgumentHelp("A modules JSON (from `repanalyze modules --json`).", valueName: "MODULES.json"))
    var modules: String

    @Option(help: ArgumentHelp("The module to decode (its \"module\" number in MODULES.json).", valueName: "K"))
    var module: Int

    @Option(name: .shortAndLong, help: ArgumentHelp("The coordinates file to write.", valueName: "COORDS.h5"))
    var output: String

    @Option(help: ArgumentHelp("Also write a summary (bars, scales, cover, unit phases) as JSON ('-' for stdout).", valueName: "SUMMARY.json"))
    var json: String?

    @Option(help: ArgumentHelp("Principal components kept before the landmarks.", valueName: "K"))
    var pca = 6

    @Flag(inversion: .prefixedNo, help: "Divide each principal component by its standard deviation (a grid module's torus is then flat).")
    var whiten = true

    @Option(help: ArgumentHelp("Furthest-point landmarks for the barcode and the coordinates.", valueName: "M"))
    var landmarks = 500

    @Option(help: ArgumentHelp("Odd prime p of the cocycles' coefficients Z/p.", valueName: "P"))
    var coeff = 47

    @Option(help: ArgumentHelp("Seed of the first landmark.", valueName: "S"))
    var seed: UInt64 = 0

    @OptionGroup(title: "Activation dump") var dumpOptions: DumpOptions

    func validate() throws {
        guard (1...64).contains(pca) else { throw ValidationError("--pca must be between 1 and 64, got \(pca)") }
        guard (10...5000).contains(landmarks) else { throw ValidationError("--landmarks must be between 10 and 5000, got \(landmarks)") }
        guard coeff > 2, coeff < 32768, !(2...max(2, Int(Double(coeff).squareRoot()))).contains(where: { coeff % $0 == 0 && $0 < coeff }) else {
            throw ValidationError("--coeff must be an odd prime below 32768, got \(coeff)")
        }
    }

    func run() throws {
        let units = try ModulesFile.units(ofModule: module, in: modules)
        let result = try ModuleTorus.decode(dump: input, layout: dumpOptions.layout, units: units, pca: pca,
                                            landmarks: landmarks, prime: coeff, seed: seed, whiten: whiten)
        try AtomicOutput.writeHDF5(to: output) { f in try result.write(to: f, source: input, module: module) }
        if let json { try JSONDocument.write(result.summary(module: module), to: json) }
        if json != "-" {
            print("\(input): module \(module), \(units.count) units, \(result.sampleCount) samples")
            print(result.description)
        }
    }
}
