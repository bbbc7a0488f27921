import Foundation
import RepIO

/// Parses `3,5,7-40` into [3, 5, 7, 8, …, 40].
public func parseUnitList(_ s: String) throws -> [Int] {
    var out = [Int]()
    for part in s.split(separator: ",") {
        let p = part.trimmingCharacters(in: .whitespaces)
        let ends = p.split(separator: "-", omittingEmptySubsequences: false)
        if ends.count == 1, let v = Int(ends[0]) { out.append(v); continue }
        if ends.count == 2, let a = Int(ends[0]), let b = Int(ends[1]), a <= b, b - a < 10_000_000 { out += Array(a...b); continue }
        throw InputError("--units: '\(p)' is not a unit index or a range like 7-40")
    }
    guard !out.isEmpty else { throw InputError("--units: no units given") }
    return out
}

/// Reads the units of one module from a modules JSON (`ModulesDocument`). Accepted layouts: `repanalyze modules
/// --json`'s {"modules": [{"module": id, "units": [...]}, …]} (K is matched against "module"), {"modules": [[...], …]}
/// or entries without "module" (K is the 0-based position), or {"labels": [module of unit 0, …]} (−1 = none).
public enum ModulesFile {
    public static func units(ofModule k: Int, in path: String) throws -> [Int] {
        try ModulesDocument.read(path).units(ofModule: k, file: path)
    }
}
