import Foundation

/// Where test fixtures live: the project's own (`Tests/Fixtures`) and the shared reference data (`../shared`).
public enum Fixtures {
    /// The package root, found from this source file's location.
    public static let packageRoot: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// A file under `Tests/Fixtures`.
    public static func project(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative).path
    }

    /// A file under `../shared/reference`, or nil when the shared folder is not beside the project.
    public static func shared(_ relative: String) -> String? {
        let p = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference").appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// Whether `../shared/reference` is beside the project: tests that need it carry
    /// `.enabled(if: Fixtures.sharedAvailable, …)` and show as skipped, with the reason, when it is not.
    public static let sharedAvailable: Bool = FileManager.default.fileExists(
        atPath: packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference").path)
}
