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

        .target(name: "RepAnalysis", dependencies: ["_CHDF5", "_CFFTW"], exclude: readmes(in: "Sources/RepAnalysis")),
        .target(name: "TopologyTDA", exclude: readmes(in: "Sources/TopologyTDA")),
        .target(name: "Trainer", dependencies: ["RepAnalysis", "_CBLAS"], exclude: readmes(in: "Sources/Trainer")),
        .executableTarget(
            name: "repanalyze",
            dependencies: [
                "RepAnalysis", "TopologyTDA", "Trainer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: readmes(in: "Sources/repanalyze")),

        .target(name: "TestSupport", dependencies: ["RepAnalysis"], path: "Tests/TestSupport"),
        .testTarget(name: "RepAnalysisTests", dependencies: ["RepAnalysis", "TestSupport"]),
        .testTarget(name: "TopologyTDATests", dependencies: ["TopologyTDA", "RepAnalysis", "TestSupport"]),
        .testTarget(name: "TrainerTests", dependencies: ["Trainer", "RepAnalysis", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["repanalyze", "RepAnalysis", "TestSupport"]),
    ]
)
