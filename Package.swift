// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Every README.md under a source folder (one per module folder, by convention), so SwiftPM does not warn about
/// unhandled files.
func readmes(in folder: String) -> [String] {
    let root = URL(fileURLWithPath: Context.packageDirectory).appendingPathComponent(folder)
    guard let walk = FileManager.default.enumerator(atPath: root.path) else { return [] }
    return walk.compactMap { $0 as? String }.filter { $0.hasSuffix("README.md") }
}

// The C libraries come from Debian (libhdf5-dev, libfftw3-dev, libopenblas-dev) and are found through
// pkg-config; each is wrapped in an underscore system-library target that holds nothing but its shim header.
let package = Package(
    name: "repanalyze",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "repanalyze", targets: ["repanalyze"]),
        .library(name: "RepIO", targets: ["RepIO"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Report", targets: ["Report"]),
        .library(name: "RepAnalysis", targets: ["RepAnalysis"]),
        .library(name: "TopologyTDA", targets: ["TopologyTDA"]),
        .library(name: "Trainer", targets: ["Trainer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "_CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "_CFFTW", pkgConfig: "fftw3", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "_CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        .systemLibrary(name: "_CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The layers, each depending only on those above it:
        //   RepIO        HDF5 files, the activation dump, atomic outputs, memory budget, the random generator
        //   RepAnalysis  rate maps, gridness, Fourier modules               (RepIO, FFTW)
        //   TopologyTDA  persistent homology, cocycles, circular coordinates (nothing)
        //   Simulation   synthetic populations and walks with known truth  (RepIO, RepAnalysis)
        //   Trainer      the self-supervised objective and its optimiser   (RepIO, BLAS)
        //   Report       the pipelines the CLI runs, the output documents, the HTML report
        //   repanalyze   argument parsing and printing
        .target(name: "RepIO", dependencies: ["_CHDF5"], exclude: readmes(in: "Sources/RepIO")),
        .target(name: "RepAnalysis", dependencies: ["RepIO", "_CFFTW"], exclude: readmes(in: "Sources/RepAnalysis")),
        .target(name: "TopologyTDA", exclude: readmes(in: "Sources/TopologyTDA")),
        .target(name: "Simulation", dependencies: ["RepIO", "RepAnalysis"], exclude: readmes(in: "Sources/Simulation")),
        .target(name: "Trainer", dependencies: ["RepIO", "_CBLAS"], exclude: readmes(in: "Sources/Trainer")),
        .target(
            name: "Report",
            dependencies: ["RepIO", "RepAnalysis", "TopologyTDA", "Simulation", "Trainer", "_CHDF5", "_CFFTW", "_CZlib"],
            exclude: readmes(in: "Sources/Report")),
        .executableTarget(
            name: "repanalyze",
            dependencies: [
                "RepIO", "RepAnalysis", "TopologyTDA", "Simulation", "Trainer", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: readmes(in: "Sources/repanalyze")),

        .target(name: "TestSupport", dependencies: ["RepIO"], path: "Tests/TestSupport"),
        .testTarget(name: "RepIOTests", dependencies: ["RepIO", "TestSupport"]),
        .testTarget(name: "RepAnalysisTests", dependencies: ["RepAnalysis", "RepIO", "Simulation", "TestSupport"]),
        .testTarget(name: "TopologyTDATests", dependencies: ["TopologyTDA", "RepIO", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "RepAnalysis", "RepIO", "TestSupport"]),
        .testTarget(name: "TrainerTests", dependencies: ["Trainer", "RepIO", "Simulation", "TestSupport"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "RepAnalysis", "RepIO", "Simulation", "TopologyTDA", "Trainer", "TestSupport", "_CZlib"]),
        .testTarget(name: "CLITests", dependencies: ["repanalyze", "Report", "RepAnalysis", "RepIO", "TestSupport"]),
    ]
)
