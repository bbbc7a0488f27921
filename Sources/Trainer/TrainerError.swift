/// What can go wrong in the trainer, each with a one-line message a user can act on.
public enum TrainerError: Error, CustomStringConvertible, Equatable {
    /// A configuration value has the wrong type, is out of range or unknown (`key` empty: the whole file).
    case badConfig(file: String, key: String, reason: String)
    /// A checkpoint or reference dump does not have the layout the trainer needs.
    case badFile(file: String, dataset: String, reason: String)
    /// A file or folder of the run cannot be created or written.
    case io(path: String, reason: String)
    /// Training produced a non-finite loss or gradient.
    case diverged(step: Int, reason: String)

    public var description: String {
        switch self {
        case let .badConfig(file, key, reason):
            return key.isEmpty ? "\(file): \(reason)" : "\(file): config key '\(key)': \(reason)"
        case let .badFile(file, dataset, reason): return "\(file): \(dataset): \(reason)"
        case let .io(path, reason): return "\(path): \(reason)"
        case let .diverged(step, reason): return "training diverged at step \(step): \(reason)"
        }
    }
}
