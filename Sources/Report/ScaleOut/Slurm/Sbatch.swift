import Foundation


/// One `sbatch` call for an array-job script: the command line shown to the user, and running it.
public struct Sbatch {
    public var script: String
    /// Array tasks to submit; nil: the script's own `#SBATCH --array` line.
    public var array: [Int]?
    /// The user's extra sbatch options (`--sbatch-args`).
    public var extra: [String]

    public init(script: String, array: [Int]?, extra: [String]) { self.script = script; self.array = array; self.extra = extra }

    /// `sbatch [--array=…] [extra…] SCRIPT` as the user would type it.
    public var command: String { Shell.join(["sbatch"] + options + [script]) }

    public var options: [String] { (array.map { ["--array=" + Shell.arrayRanges($0)] } ?? []) + extra }

    /// `sbatch` on PATH, or nil.
    public static func find() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = (String(dir) as NSString).appendingPathComponent("sbatch")
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Submits; with `wait`, returns only when every task has ended (`sbatch --wait`). Returns the job id.
    /// A missing sbatch is reported as an error that says the script is written and where.
    public func submit(wait: Bool) throws -> String {
        guard let exe = Self.find() else {
            throw InputError("sbatch not found in PATH; the job script was written to \(script) — submit it where SLURM is installed: \(command)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--parsable"] + (wait ? ["--wait"] : []) + options + [script]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        // --parsable prints "JOBID" or "JOBID;CLUSTER" on submission; --wait's exit status reflects the tasks,
        // which the caller judges by their outputs.
        let id = o.split(whereSeparator: \.isNewline).first.map { String($0.split(separator: ";")[0]) } ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
            let why = e.split(whereSeparator: \.isNewline).map(String.init).joined(separator: " ")
            throw InputError("\(script): sbatch refused the job: \(why.isEmpty ? "exit status \(p.terminationStatus)" : why)")
        }
        return id
    }
}
