/// One object of an HDF5 file as `inspect` shows it: a group with children, a dataset with its layout, a link
/// that does not resolve (soft link to nowhere, external file missing), or an object not shown (and why).
public struct HDF5Node: Sendable {
    /// What the object is.
    public enum Kind: Sendable {
        case group(children: [HDF5Node])
        case dataset(HDF5DatasetInfo)
        case unresolvedLink
        /// Not expanded: a group already shown elsewhere (hard-link cycle), nested too deep, or damaged.
        case notShown(reason: String, damaged: Bool)
    }

    /// The link name (`"/"` for the root).
    public var name: String
    /// The absolute path.
    public var path: String
    public var kind: Kind
    /// Attributes in name order.
    public var attributes: [(name: String, value: HDF5AttributeValue)]
}

extension HDF5File {
    /// The whole tree of groups, datasets and attributes under `groupPath`, built from `walk` (iterative, each
    /// group once, depth bounded). Throws when `groupPath` is missing, not a group, or cannot be read.
    public func tree(_ groupPath: String = "/") throws -> HDF5Node {
        let entries = try walk(from: groupPath)
        // Build bottom-up: entries are in pre-order, so every child comes after its parent.
        var kids = [[HDF5Node]](repeating: [], count: entries.count)
        var root: HDF5Node?
        for i in entries.indices.reversed() {
            let e = entries[i]
            let n = try node(e, children: kids[i].reversed())
            kids[i] = []
            if let p = e.parent { kids[p].append(n) } else { root = n }
        }
        return root!
    }

    private func node(_ e: HDF5WalkEntry, children: [HDF5Node]) throws -> HDF5Node {
        let readable: Bool
        switch e.kind {
        case .group, .dataset, .other, .alreadyVisited, .tooDeep: readable = true
        case .unresolved, .damaged: readable = false
        }
        let attrs = readable ? ((try? attributeNames(of: e.path)) ?? []).map { n in
            (name: n, value: (try? attribute(n, of: e.path)) ?? .unsupported("unreadable"))
        } : []
        let kind: HDF5Node.Kind
        switch e.kind {
        case .group, .other: kind = .group(children: children)
        case .dataset:
            if let info = try? datasetInfo(e.path) { kind = .dataset(info) } else {
                kind = .notShown(reason: "damaged: the dataset's metadata cannot be read", damaged: true)
            }
        case .unresolved: kind = .unresolvedLink
        case .damaged: kind = .notShown(reason: "damaged: HDF5 cannot read this object", damaged: true)
        case .alreadyVisited(let first): kind = .notShown(reason: "the same group as \(first) (hard link; not repeated)", damaged: false)
        case .tooDeep: kind = .notShown(reason: "nested deeper than \(Self.maxWalkDepth) levels; not shown", damaged: false)
        }
        return HDF5Node(name: e.name, path: e.path, kind: kind, attributes: attrs)
    }
}
