/// Why report inputs could not be read: each message names the file (and line or key) and what was wrong.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A JSON input is not what the producing command writes.
    case badJSON(file: String, reason: String)
    /// A line of a training log is not a JSON object.
    case badLogLine(file: String, line: Int, reason: String)
    /// A file or folder is missing.
    case missing(path: String, what: String)
    /// A dataset has the wrong shape for what the report needs.
    case badDataset(file: String, dataset: String, reason: String)

    /// An output could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .badJSON(let f, let r): return "\(f): \(r)"
        case .badLogLine(let f, let l, let r): return "\(f), line \(l): \(r)"
        case .missing(let p, let w): return "\(p): \(w) not found"
        case .badDataset(let f, let d, let r): return "\(f): dataset '\(d)': \(r)"
        case .cannotWrite(let p, let r): return "\(p): cannot write: \(r)"
        }
    }
}
