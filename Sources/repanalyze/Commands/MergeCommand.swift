import ArgumentParser
import Foundation
import RepAnalysis
import Report

/// `repanalyze merge SHARD.h5… -o RESULTS.h5`: the shards of a batch, joined.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shard results of `repanalyze batch --shard I/N` into one results file.",
        discussion: """
        The output is exactly the file (and, with --json, the JSON) that `repanalyze batch` would have written \
        in one process: the same `paths` in the same order, `status`, and /inputs/<k> groups copied value for \
        value. Shards must come from one batch: same inputs, same settings, same N, each shard once. A missing \
        shard stops the merge (exit 1, nothing written, the missing shard numbers named) unless --allow-missing, \
        which merges what is there, marks the inputs of missing shards as not analysed (status 0, attribute \
        `error`) and lists the missing shards.

        Folders are searched for shard files (*.h5), so the shard folder of `batch --slurm` can be given as is.

        Examples:
          repanalyze merge results.shards/ -o results.h5 --json results.json
          repanalyze merge results.shards/shard-*.h5 -o partial.h5 --allow-missing
        """)

    @Argument(help: "Shard files written by `repanalyze batch --shard I/N`, or folders of them.")
    var shards: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The merged results file to write (HDF5).", valueName: "RESULTS.h5"))
    var output: String

    @Option(help: ArgumentHelp("Also write the merged results as JSON (as `batch --json` does).", valueName: "RESULTS.json"))
    var json: String?

    @Flag(help: "Merge the shards that are there; inputs of missing shards get status 0.")
    var allowMissing = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard files (or their folder)") }
    }

    func run() throws {
        let files = try BatchInputs.expand(shards)
        let merger = try ShardMerger(paths: files, allowMissing: allowMissing)
        let analysed = try merger.write(to: output, json: json)
        let total = merger.record.allPaths.count
        print("\(merger.shards.count) of \(merger.record.count) shards merged: \(analysed) of \(total) files analysed; results in \(output)" + (json.map { " and \($0)" } ?? ""))
        if !merger.missing.isEmpty {
            print("missing shards (their inputs have status 0): " + merger.missing.map(String.init).joined(separator: ", "))
        }
        if analysed == 0 { throw InputError("none of the \(total) input file(s) was analysed (see the `error` attribute of each /inputs/<k>)") }
    }
}
