import Foundation

/// Runs `body` with a fresh, empty directory of its own under the system temporary directory, then removes the
/// directory and everything in it, also when `body` throws. `name` prefixes the directory's name (a UUID follows),
/// so a directory left by a crashed run says which test made it.
public func withTemporaryDirectory<T>(_ name: String = "repanalyze-tests", _ body: (URL) throws -> T) throws -> T {
    let url = try makeTemporaryDirectory(name)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// `withTemporaryDirectory` for an async body.
public func withTemporaryDirectory<T>(_ name: String = "repanalyze-tests", _ body: (URL) async throws -> T) async throws -> T {
    let url = try makeTemporaryDirectory(name)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Creates `<system temporary directory>/<name>-<UUID>` (failing if it exists).
func makeTemporaryDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    return url
}

/// A fresh, empty directory under the system temporary directory, removed with everything in it when the last
/// reference goes: for a suite whose tests share a helper that writes into one directory (a suite instance lives
/// for one test). Prefer `withTemporaryDirectory` inside a test.
public final class TemporaryDirectory: Sendable {
    /// The directory.
    public let url: URL

    /// Creates `<system temporary directory>/<name>-<UUID>`.
    public init(_ name: String = "repanalyze-tests") throws { url = try makeTemporaryDirectory(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
