import Foundation

/// A one-line progress bar on stderr ("[#####-----] 3/10 files"), redrawn in place; thread-safe.
final class ProgressBar: @unchecked Sendable {
    private let total: Int, label: String
    private var done = 0
    private let lock = NSLock()

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        draw()
    }

    /// Marks one more item done and redraws.
    func advance() {
        lock.lock(); done += 1; lock.unlock()
        draw()
    }

    /// Ends the line.
    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }

    private func draw() {
        lock.lock(); let d = done; lock.unlock()
        let width = 30, filled = total > 0 ? width * d / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(d)/\(total) \(label)".utf8))
    }
}
