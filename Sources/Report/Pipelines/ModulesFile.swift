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

/// Reads the units of one module from a modules JSON. Accepted layouts: `repanalyze modules --json`'s
/// {"modules": [{"module": id, "units": [...]}, …]} (K is matched against "module"), {"modules": [[...], …]} or
/// entries without "module" (K is the 0-based position), or {"labels": [module of unit 0, …]} (−1 = none).
public enum ModulesFile {
    public static func units(ofModule k: Int, in path: String) throws -> [Int] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw InputError("\(path): cannot read modules file") }
        guard let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError("\(path): not a JSON object")
        }
        var lists = [(id: Int, units: [Int])]()
        if let mods = doc["modules"] as? [Any] {
            for (i, m) in mods.enumerated() {
                if let u = m as? [Int] { lists.append((i, u)) } else if let o = m as? [String: Any], let u = o["units"] as? [Int] {
                    lists.append(((o["module"] as? Int) ?? i, u))
                } else {
                    throw InputError("\(path): modules[\(i)] must be a list of unit indices or an object with \"units\"")
                }
            }
        } else if let labels = doc["labels"] as? [Int] {
            // A label is a module number: there cannot be more modules than units (and Int.max + 1 would trap).
            if let top = labels.max(), top >= labels.count {
                throw InputError("\(path): \"labels\" holds module \(top) for \(labels.count) units; labels are module numbers 0…\(labels.count - 1) (or -1)")
            }
            let count = (labels.max() ?? -1) + 1
            var byLabel = Array(repeating: [Int](), count: max(count, 0))
            for (u, l) in labels.enumerated() where l >= 0 { byLabel[l].append(u) }
            lists = byLabel.enumerated().map { ($0.offset, $0.element) }
        } else {
            throw InputError("\(path): no \"modules\" or \"labels\" key (expected the output of `repanalyze modules --json`)")
        }
        guard let chosen = lists.first(where: { $0.id == k }) else {
            throw InputError("\(path): module \(k) does not exist (modules: \(lists.map { String($0.id) }.joined(separator: ", ")))")
        }
        guard !chosen.units.isEmpty else { throw InputError("\(path): module \(k) has no units") }
        return chosen.units
    }
}
