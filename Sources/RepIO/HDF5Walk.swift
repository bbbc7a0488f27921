import _CHDF5

/// One object reached by `HDF5File.walk`, in depth-first pre-order.
public struct HDF5WalkEntry: Sendable, Equatable {
    /// What the link leads to.
    public enum Kind: Sendable, Equatable {
        case group, dataset
        /// A committed datatype or another object that is neither group nor dataset.
        case other
        /// A soft or external link that leads nowhere.
        case unresolved
        /// A hard link whose object (or a group whose listing) cannot be read: the file is damaged there.
        case damaged
        /// A group already reached at this path (a hard-link cycle, or one group linked twice): not walked again.
        case alreadyVisited(String)
        /// A group deeper than `HDF5File.maxWalkDepth`: not walked.
        case tooDeep
    }

    public var path: String
    /// The link name (`"/"` for the start of a walk from the root).
    public var name: String
    public var depth: Int
    /// The index of the group entry this one is a child of (nil for the start).
    public var parent: Int?
    public var kind: Kind
}

extension HDF5File {
    /// Groups nested deeper than this are not walked: no real file comes near it, and a hostile one could nest
    /// (or, through links, appear to nest) without end.
    public static let maxWalkDepth = 64

    /// Every object under `start`, depth first in name order. Iterative (an explicit stack, so no file can
    /// exhaust the call stack) and visiting each group once (by its object identity, so a group that contains
    /// itself through a hard link ends the walk instead of repeating it). A dataset `start` is the one entry.
    /// Throws only when `start` is missing or cannot be read; damage further down is reported in the entries' kinds.
    public func walk(from start: String = "/") throws -> [HDF5WalkEntry] {
        let root = Self.normalise(start)
        guard exists(root) else { throw HDF5Error.objectNotFound(file: path, path: root, existing: datasetPaths()) }
        var rootKind = objectKind(root)
        if rootKind == .group, listGroup(root) == nil { rootKind = .damaged }
        let rootName = root == "/" ? "/" : String(root.split(separator: "/").last!)
        switch rootKind {
        case .group: break
        case .dataset: return [HDF5WalkEntry(path: root, name: rootName, depth: 0, parent: nil, kind: .dataset)]
        case .damaged:
            throw HDF5Error.unreadable(file: path, reason: root == "/"
                ? "the file is damaged: its root group cannot be read (HDF5 rejected the object header or the group's index)"
                : "the file is damaged: group '\(root)' cannot be read")
        default: throw HDF5Error.invalidInput(file: path, path: root, reason: "is neither a group nor a dataset")
        }
        var entries = [HDF5WalkEntry(path: root, name: rootName, depth: 0, parent: nil, kind: .group)]
        var seen: [ObjectKey: String] = [:]
        if let k = objectKey(root) { seen[k] = root }
        var stack = [0]    // entries whose children are still to be listed
        while let i = stack.popLast() {
            let group = entries[i]
            guard let names = listGroup(group.path) else { entries[i].kind = .damaged; continue }
            var childIndices: [Int] = []
            for name in names {
                let p = group.path == "/" ? "/" + name : group.path + "/" + name
                var kind = objectKind(p)
                if kind == .group {
                    if let k = objectKey(p) {
                        if let first = seen[k] { kind = .alreadyVisited(first) } else { seen[k] = p }
                    }
                    if kind == .group, group.depth + 1 > Self.maxWalkDepth { kind = .tooDeep }
                }
                entries.append(HDF5WalkEntry(path: p, name: name, depth: group.depth + 1, parent: i, kind: kind))
                if kind == .group { childIndices.append(entries.count - 1) }
            }
            // Reversed, so the first child is walked first (depth-first, name order).
            stack.append(contentsOf: childIndices.reversed())
        }
        // Pre-order: a group's children follow it, each child's subtree before the next sibling.
        return Self.preOrder(entries)
    }

    /// Every dataset path in the file, depth first in name order (for "did you mean" messages); never throws
    /// and never recurses, so it is safe to call while reporting that something else failed.
    public func datasetPaths() -> [String] {
        ((try? walk()) ?? []).filter { $0.kind == .dataset }.map(\.path)
    }

    /// The link names directly inside group `p` in name order; nil when it cannot be opened or listed.
    func listGroup(_ p: String) -> [String]? {
        let g = H5Gopen2(id, p, hid_t(H5P_DEFAULT))
        guard g >= 0 else { return nil }
        defer { H5Gclose(g) }
        var info = H5G_info_t()
        // A damaged heap can claim any number of links: more than 2^24 in one group is taken as damage.
        guard H5Gget_info(g, &info) >= 0, info.nlinks < 1 << 24 else { return nil }
        var names: [String] = []
        for i in 0..<info.nlinks {
            let n = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, hid_t(H5P_DEFAULT))
            guard n >= 0, n < 1 << 16 else { return nil }
            var buf = [CChar](repeating: 0, count: Int(n) + 1)
            guard H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, &buf, Int(n) + 1, hid_t(H5P_DEFAULT)) >= 0 else { return nil }
            names.append(String(decoding: buf.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return names
    }

    /// Identity of an object (file number + address or token).
    struct ObjectKey: Hashable { var a: UInt64, b: UInt64, c: UInt64 }

    private func objectKey(_ p: String) -> ObjectKey? {
        var key: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var type: Int32 = 0
        let ok = withUnsafeMutablePointer(to: &key) {
            $0.withMemoryRebound(to: UInt64.self, capacity: 3) { ra_object_key(id, p, $0, &type) }
        }
        return ok < 0 ? nil : ObjectKey(a: key.0, b: key.1, c: key.2)
    }

    /// What the link at `p` leads to, without opening it (H5Oget_info), so damaged headers are classified, not
    /// followed.
    private func objectKind(_ p: String) -> HDF5WalkEntry.Kind {
        var key: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var type: Int32 = 0
        let ok = withUnsafeMutablePointer(to: &key) {
            $0.withMemoryRebound(to: UInt64.self, capacity: 3) { ra_object_key(id, p, $0, &type) }
        }
        if ok < 0 { return p != "/" && ra_link_is_hard(id, p) == 0 ? .unresolved : .damaged }
        switch type {
        case Int32(H5O_TYPE_GROUP.rawValue): return .group
        case Int32(H5O_TYPE_DATASET.rawValue): return .dataset
        default: return .other
        }
    }

    /// Reorders entries (appended group by group) into depth-first pre-order, iteratively.
    private static func preOrder(_ entries: [HDF5WalkEntry]) -> [HDF5WalkEntry] {
        var children = [[Int]](repeating: [], count: entries.count)
        for (i, e) in entries.enumerated() { if let p = e.parent { children[p].append(i) } }
        var order: [Int] = []
        order.reserveCapacity(entries.count)
        var stack = [0]
        while let i = stack.popLast() {
            order.append(i)
            stack.append(contentsOf: children[i].reversed())
        }
        var newIndex = [Int](repeating: 0, count: entries.count)
        for (n, i) in order.enumerated() { newIndex[i] = n }
        return order.map { i in
            var e = entries[i]
            e.parent = e.parent.map { newIndex[$0] }
            return e
        }
    }
}
