import Foundation
import RepAnalysis
import RepIO

/// Options every subcommand accepts, anywhere on the command line, taken out before argument-parser sees the
/// rest (it has no options shared by all subcommands without repeating them in each):
///
///   --max-memory SIZE   the memory budget for data sized by input files (`MemoryBudget`), e.g. 512M, 8G.
enum GlobalOptions {
    static let help = "--max-memory SIZE (any command): the most memory data sized by an input file may take, e.g. 512M, 8G (default: half the machine's memory; also \(MemoryBudget.environmentVariable))."

    /// The arguments without the global options, after applying them; a message for a bad value (a usage error).
    static func apply(_ arguments: [String]) -> Result<[String], UsageMessage> {
        var rest: [String] = []
        var i = 0
        var afterTerminator = false
        if let env = ProcessInfo.processInfo.environment[MemoryBudget.environmentVariable], MemoryBudget.parse(env) == nil {
            return .failure(UsageMessage(text: "\(MemoryBudget.environmentVariable)='\(env)' is not a size (e.g. 512M, 8G)"))
        }
        while i < arguments.count {
            let a = arguments[i]
            if afterTerminator || !(a == "--max-memory" || a.hasPrefix("--max-memory=")) {
                if a == "--" { afterTerminator = true }
                rest.append(a)
                i += 1
                continue
            }
            let value: String
            if a == "--max-memory" {
                guard i + 1 < arguments.count else { return .failure(UsageMessage(text: "--max-memory needs a size, e.g. 8G")) }
                value = arguments[i + 1]
                i += 2
            } else {
                value = String(a.dropFirst("--max-memory=".count))
                i += 1
            }
            guard let bytes = MemoryBudget.parse(value) else {
                return .failure(UsageMessage(text: "--max-memory: '\(value)' is not a size (e.g. 512M, 8G, 1T)"))
            }
            MemoryBudget.override = bytes
        }
        return .success(rest)
    }

    struct UsageMessage: Error { var text: String }
}
