import ArgumentParser
import RepAnalysis

/// `repanalyze inspect FILE.h5`: what an HDF5 file holds.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the groups, datasets and attributes of an HDF5 file.")

    @Argument(help: "The HDF5 file to describe.")
    var file: String

    func run() throws {
        let f = try HDF5File(file)
        print(f.datasetPaths())
    }
}
