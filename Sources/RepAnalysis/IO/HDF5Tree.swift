import _CHDF5

/// One object of an HDF5 file as `inspect` shows it: a group with children, a dataset with its layout, or a
/// link that does not resolve (soft link to nowhere, external file missing).
public struct HDF5Node: Sendable {
    /// What the object is.
    public enum Kind: Sendable {
        case group(children: [HDF5Node])
        case dataset(HDF5DatasetInfo)
        case unresolvedLink
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
    /// The whole tree of groups, datasets and attributes under `groupPath` (cycles through hard links to a
    /// parent are cut at depth 64).
    public func tree(_ groupPath: String = "/") throws -> HDF5Node {
        try node(Self.normalise(groupPath), name: groupPath == "/" ? "/" : String(Self.normalise(groupPath).split(separator: "/").last ?? ""), depth: 0)
    }

    private func node(_ p: String, name: String, depth: Int) throws -> HDF5Node {
        let o = H5Oopen(id, p, hid_t(H5P_DEFAULT))
        guard o >= 0 else { return HDF5Node(name: name, path: p, kind: .unresolvedLink, attributes: []) }
        let type = H5Iget_type(o)
        H5Oclose(o)
        let attrs = try attributeNames(of: p).map { n in
            (name: n, value: (try? attribute(n, of: p)) ?? .unsupported("unreadable"))
        }
        if type == H5I_DATASET {
            return HDF5Node(name: name, path: p, kind: .dataset(try datasetInfo(p)), attributes: attrs)
        }
        var kids: [HDF5Node] = []
        if depth < 64 {
            for child in try children(of: p) {
                kids.append(try node(p == "/" ? "/" + child : p + "/" + child, name: child, depth: depth + 1))
            }
        }
        return HDF5Node(name: name, path: p, kind: .group(children: kids), attributes: attrs)
    }
}
