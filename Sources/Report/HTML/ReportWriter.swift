import Foundation
import RepIO
/// Writes a report page (and optionally its figures as PNGs), atomically: the page and the figures land together,
/// or none of them.
public enum ReportWriter {
    /// What `write` wrote: the page's size, the sections that have content, the number of PNG figures.
    public struct Written: Sendable {
        public var pageBytes: Int
        public var sections: [String]
        public var figureCount: Int
    }

    /// Fails early (before any analysis) when the page's folder does not exist.
    public static func checkWritable(_ html: String) throws {
        let dir = URL(fileURLWithPath: html).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw ReportError.cannotWrite(path: html, reason: "directory '\(dir)' does not exist")
        }
    }

    @discardableResult
    public static func write(_ content: ReportContent, html: String, pngDirectory: String?) throws -> Written {
        let builder = ReportBuilder(content: content)
        let built = builder.page()
        let page = built.render()
        // The page and the figures land together, or none of them: a --png folder that cannot be made must not
        // cost the user the report already there.
        let outputs = OutputSet()
        try outputs.stage(Data(page.utf8), to: html)
        let shown = built.sections.filter { s in !s.blocks.allSatisfy { if case .note = $0 { return true }; return false } }
        var figureCount = 0
        if let dir = pngDirectory {
            do { try outputs.makeDirectory(dir) } catch let e as AtomicOutput.Failure {
                throw ReportError.cannotWrite(path: dir, reason: e.reason)
            }
            let figs = builder.figures()
            for f in figs {
                try outputs.stage(Data(f.figure.raster().pngData()), to: (dir as NSString).appendingPathComponent(f.name + ".png"))
            }
            figureCount = figs.count
        }
        try outputs.commit()
        return Written(pageBytes: page.utf8.count, sections: shown.map(\.id), figureCount: figureCount)
    }
}
