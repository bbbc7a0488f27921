import Foundation

/// The inputs of `batch`: files given directly, plus *.h5 / *.hdf5 files inside the folders given (not
/// recursively); in order, without duplicates. Shards and their merge split this same list.
public enum BatchInputs {
    public static func expand(_ inputs: [String]) throws -> [String] {
        var out: [String] = [], seen = Set<String>()
        for p in inputs {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
                for n in names.sorted() where n.hasSuffix(".h5") || n.hasSuffix(".hdf5") {
                    let full = (p as NSString).appendingPathComponent(n)
                    if seen.insert(full).inserted { out.append(full) }
                }
            } else if seen.insert(p).inserted {
                out.append(p)   // a missing file is reported as that file's error, not a batch failure
            }
        }
        return out
    }
}
