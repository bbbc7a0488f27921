import Foundation

/// Shell quoting and splitting for the job scripts and sbatch command lines repanalyze writes.
public enum Shell {
    /// `word` quoted for bash when it needs it: `a.h5` stays, `my runs/` becomes `'my runs/'`.
    public static func quote(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%_-+=:,./")
        if !word.isEmpty, word.unicodeScalars.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    public static func join(_ words: [String]) -> String { words.map(quote).joined(separator: " ") }

    /// Splits `--sbatch-args "--partition=gpu --time='2:00:00'"` into words: blanks separate, quotes group.
    public static func split(_ text: String) -> [String] {
        var words: [String] = [], current = "", quote: Character? = nil, inWord = false
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c; inWord = true
            } else if c == " " || c == "\t" || c == "\n" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(c); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The absolute path of `path` (relative to the current directory).
    public static func absolute(_ path: String) -> String {
        let p = (path as NSString).expandingTildeInPath
        let abs = p.hasPrefix("/") ? p : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(p)
        return (abs as NSString).standardizingPath
    }

    /// This program's own executable, absolute (what the job scripts run).
    public static var executable: String {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return exe != "/proc/self/exe" ? exe : absolute(CommandLine.arguments[0])
    }

    /// The command line after `subcommand`, without the options in `valued` (with their values) and `flags`;
    /// `--name=value` forms are recognised too.
    public static func forwardedArguments(after subcommand: String, droppingValued valued: Set<String>, flags: Set<String>) -> [String] {
        let argv = Array(CommandLine.arguments.dropFirst())
        var out: [String] = [], i = (argv.firstIndex(of: subcommand) ?? -1) + 1
        while i < argv.count {
            let a = argv[i], name = String(a.split(separator: "=", maxSplits: 1).first ?? "")
            if a == "--" { out += argv[i...]; break }
            if valued.contains(a) { i += 2; continue }
            if valued.contains(name) || flags.contains(a) { i += 1; continue }
            out.append(a); i += 1
        }
        return out
    }

    /// Array indices in sbatch's form: [0, 1, 2, 5] → "0-2,5".
    public static func arrayRanges(_ indices: [Int]) -> String {
        var parts: [String] = [], k = 0
        let s = indices.sorted()
        while k < s.count {
            var j = k
            while j + 1 < s.count, s[j + 1] == s[j] + 1 { j += 1 }
            parts.append(j == k ? "\(s[k])" : "\(s[k])-\(s[j])")
            k = j + 1
        }
        return parts.joined(separator: ",")
    }
}
