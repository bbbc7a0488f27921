import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report

/// `repanalyze inspect FILE.h5`: what an HDF5 file holds, like `h5ls -r -v` but readable.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the groups, datasets and attributes of an HDF5 file.",
        discussion: """
        Prints the tree of the file: each dataset with its shape, dtype, chunking and compression, and every
        attribute with its value. Use it first on a dump from your own code, to find the dataset names to pass as
        --positions and --activations to the other commands.

        Examples:
          repanalyze inspect run.h5
          repanalyze inspect run.h5 --stats          # also min/max/mean and NaN/Inf counts (reads the data)
          repanalyze inspect run.h5 --json > tree.json
          repanalyze inspect run.h5 --dump --activations rnn/h   # check it reads as an activation dump
        """)

    @Argument(help: "The HDF5 file to describe.")
    var file: String

    @Flag(help: "Print the tree as JSON (to stdout) instead of text.")
    var json = false

    @Flag(help: "Read every numeric dataset (in blocks) and report min, max, mean and NaN/Inf counts.")
    var stats = false

    @Option(help: ArgumentHelp("Only show the subtree under this group.", valueName: "GROUP"))
    var group = "/"

    @Flag(help: "Also check the file as an activation dump (shapes, box, every value finite), reading it in blocks.")
    var dump = false

    @OptionGroup(title: "Activation dump (with --dump)")
    var dumpOptions: DumpOptions

    func run() throws {
        let f = try HDF5File(file)
        guard f.exists(group) else { throw InputError("\(file): no group '\(group)' in the file (see `repanalyze inspect \(file)`)") }
        let root = try f.tree(group)
        var statistics: [String: DatasetStatistics] = [:]
        if stats {
            for p in datasets(root) where p.info.dataType.isNumeric {
                statistics[p.path] = try f.statistics(of: p.path)
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        if json {
            let doc = InspectDocument(file: file, root: jsonNode(root, statistics), sizeBytes: size)
            FileHandle.standardOutput.write(try JSONDocument.data(doc))
        } else {
            print("\(file)" + (size.map { "  (HDF5, \(byteString($0)))" } ?? ""))
            let column = max(34, labelWidth(root, depth: 0) + 2)
            printNode(root, statistics, prefix: "", isLast: true, isRoot: true, column: column)
        }
        // What could be read is shown above; damage found on the way still makes the run a failure.
        let damaged = damagedPaths(root)
        if !damaged.isEmpty {
            throw InputError("\(file): the file is damaged: \(damaged.count) object(s) cannot be read: \(damaged.prefix(5).joined(separator: ", "))\(damaged.count > 5 ? ", …" : "")")
        }
        if dump { try checkDump() }
    }

    private func damagedPaths(_ n: HDF5Node) -> [String] {
        switch n.kind {
        case .notShown(_, let damaged): return damaged ? [n.path] : []
        case .group(let kids): return kids.flatMap(damagedPaths)
        case .dataset, .unresolvedLink: return []
        }
    }

    /// Reads the file as an activation dump, block by block, and says what it is; throws on the first problem.
    private func checkDump() throws {
        let reader = try DumpReader(file, layout: dumpOptions.layout)
        let block = 1 << 16
        var s = 0
        while s < reader.sampleCount {
            _ = try reader.readBlock(s..<min(reader.sampleCount, s + block))
            s += block
        }
        let batches = reader.batchCount > 1 ? " (\(reader.batchCount) batches × \(reader.stepsPerBatch) steps)" : ""
        let box = reader.box.map { "box \($0) m from the file's attributes" } ?? "no box attributes (commands will use --box or the data's extent)"
        let message = "activation dump: \(reader.sampleCount) samples\(batches) × \(reader.unitCount) units, all finite; " + box
            + (reader.hasVelocities ? "; velocities present" : "")
        if json { FileHandle.standardError.write(Data((message + "\n").utf8)) } else { print("\n" + message) }
    }

    /// The width of the longest dataset label (4 columns of indent per level), so descriptions line up past it.
    private func labelWidth(_ n: HDF5Node, depth: Int) -> Int {
        guard case .group(let kids) = n.kind else { return depth * 4 + n.name.count }
        return kids.map { labelWidth($0, depth: depth + 1) }.max() ?? 0
    }

    private func datasets(_ n: HDF5Node) -> [(path: String, info: HDF5DatasetInfo)] {
        switch n.kind {
        case .dataset(let info): return [(n.path, info)]
        case .group(let kids): return kids.flatMap(datasets)
        case .unresolvedLink, .notShown: return []
        }
    }

    // MARK: text

    private func printNode(_ n: HDF5Node, _ st: [String: DatasetStatistics], prefix: String, isLast: Bool, isRoot: Bool, column: Int) {
        let branch = isRoot ? "" : (isLast ? "└── " : "├── ")
        let childPrefix = isRoot ? "" : prefix + (isLast ? "    " : "│   ")
        let label: String
        switch n.kind {
        case .group: label = isRoot ? n.path : n.name + "/"
        case .dataset: label = n.name
        case .unresolvedLink, .notShown: label = n.name
        }
        let head = prefix + branch + label
        let pad = String(repeating: " ", count: max(1, column - head.count))
        switch n.kind {
        case .group: print(head)
        case .unresolvedLink: print(head + pad + "link that does not resolve")
        case .notShown(let reason, _): print(head + pad + reason)
        case .dataset(let info): print(head + pad + describe(info))
        }
        var kids: [HDF5Node] = []
        if case .group(let k) = n.kind { kids = k }
        let detailPrefix = childPrefix + (kids.isEmpty ? "    " : "│   ")
        for a in n.attributes { print(detailPrefix + "@\(a.name) = \(a.value)") }
        if let s = st[n.path] { print(detailPrefix + describe(s)) }
        for (i, k) in kids.enumerated() {
            printNode(k, st, prefix: childPrefix, isLast: i == kids.count - 1, isRoot: false, column: column)
        }
    }

    private func describe(_ info: HDF5DatasetInfo) -> String {
        var s = "\(info.dataType) \(info.shape.isEmpty ? "scalar" : "[" + info.shape.map(String.init).joined(separator: ", ") + "]")"
        if let c = info.chunks {
            s += "  chunks [" + c.map(String.init).joined(separator: ", ") + "]"
        } else {
            s += "  contiguous"
        }
        if let g = info.gzipLevel { s += ", gzip \(g)" }
        if info.shuffle { s += ", shuffle" }
        for f in info.otherFilters { s += ", \(f)" }
        return s
    }

    private func describe(_ s: DatasetStatistics) -> String {
        var t = "min \(formatted(s.min))  max \(formatted(s.max))  mean \(formatted(s.mean))"
        if s.nanCount + s.infiniteCount > 0 {
            t += "  NaN \(s.nanCount)  Inf \(s.infiniteCount)"
            if let i = s.firstNonFinite { t += " (first at [\(i.map(String.init).joined(separator: ", "))])" }
        }
        return t
    }

    private func formatted(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "\(x)" }

    private func byteString(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(n), u = 0
        while v >= 1000, u < units.count - 1 { v /= 1000; u += 1 }
        return u == 0 ? "\(n) B" : String(format: "%.1f %@", v, units[u])
    }

    // MARK: JSON

    private func jsonNode(_ n: HDF5Node, _ st: [String: DatasetStatistics]) -> InspectDocument.Node {
        var attrs: [String: JSONValue] = [:]
        for a in n.attributes { attrs[a.name] = InspectDocument.value(a.value) }
        var o = InspectDocument.Node(name: n.name, path: n.path, attributes: attrs, type: "group")
        switch n.kind {
        case .group(let kids):
            o.children = kids.map { jsonNode($0, st) }
        case .unresolvedLink:
            o.type = "unresolved_link"
        case .notShown(let reason, let damaged):
            o.type = damaged ? "damaged" : "not_shown"
            o.reason = reason
        case .dataset(let info):
            o.type = "dataset"
            o.shape = info.shape
            o.dtype = info.dataType.description
            o.chunks = info.chunks
            o.compression = info.gzipLevel != nil ? "gzip" : nil
            o.compressionOpts = info.gzipLevel
            o.shuffle = info.shuffle
            o.filters = info.otherFilters
            o.stats = st[n.path].map(InspectDocument.Statistics.init)
        }
        return o
    }
}
