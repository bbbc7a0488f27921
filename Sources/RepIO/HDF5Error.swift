/// What went wrong reading or writing an HDF5 file, in words a user can act on.
///
/// Every case names the file and, where there is one, the object inside it; `description` is the one-line
/// message the command-line tool prints.
public enum HDF5Error: Error, CustomStringConvertible, Equatable {
    case fileNotFound(file: String)
    case notHDF5(file: String)
    case unreadable(file: String, reason: String)
    case objectNotFound(file: String, path: String, existing: [String])
    case notADataset(file: String, path: String)
    case wrongRank(file: String, path: String, expected: String, found: [Int])
    case wrongType(file: String, path: String, expected: String, found: String)
    case badSelection(file: String, path: String, reason: String)
    case emptyDataset(file: String, path: String, shape: [Int])
    case attributeNotFound(file: String, object: String, name: String, existing: [String])
    case writeFailed(file: String, path: String, reason: String)
    case invalidInput(file: String, path: String, reason: String)
    /// Reading (part of) a dataset would take more memory than `MemoryBudget` allows.
    case tooLarge(file: String, path: String, shape: [Int], bytes: Double, budget: Int, what: String)

    public var description: String {
        switch self {
        case .fileNotFound(let file):
            return "\(file): no such file"
        case .notHDF5(let file):
            return "\(file): not an HDF5 file (no HDF5 signature found)"
        case .unreadable(let file, let reason):
            return "\(file): cannot be read as HDF5: \(reason)"
        case .objectNotFound(let file, let path, let existing):
            let list = existing.isEmpty ? "the file holds no datasets" : "datasets in the file: " + existing.joined(separator: ", ")
            return "\(file): no dataset '\(path)' (\(list))"
        case .notADataset(let file, let path):
            return "\(file): '\(path)' is a group, not a dataset"
        case .wrongRank(let file, let path, let expected, let found):
            return "\(file): dataset '\(path)' has shape \(shapeString(found)); expected \(expected)"
        case .wrongType(let file, let path, let expected, let found):
            return "\(file): dataset '\(path)' holds \(found); expected \(expected)"
        case .badSelection(let file, let path, let reason):
            return "\(file): dataset '\(path)': \(reason)"
        case .emptyDataset(let file, let path, let shape):
            return "\(file): dataset '\(path)' is empty (shape \(shapeString(shape)))"
        case .attributeNotFound(let file, let object, let name, let existing):
            let list = existing.isEmpty ? "it has no attributes" : "its attributes: " + existing.joined(separator: ", ")
            return "\(file): '\(object)' has no attribute '\(name)' (\(list))"
        case .writeFailed(let file, let path, let reason):
            return "\(file): could not write '\(path)': \(reason)"
        case .invalidInput(let file, let path, let reason):
            return "\(file): '\(path)': \(reason)"
        case .tooLarge(let file, let path, let shape, let bytes, let budget, let what):
            return "\(file): dataset '\(path)' has shape \(shapeString(shape)): \(what) needs \(MemoryBudget.describe(bytes)), more than the memory budget of \(MemoryBudget.describe(Double(budget))) (raise it with --max-memory SIZE or \(MemoryBudget.environmentVariable))"
        }
    }
}

/// `[40000, 64]`, the way shapes are written in messages and in `inspect`.
public func shapeString(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
