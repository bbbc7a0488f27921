/// A bad-input error raised by a command itself (not by the libraries): `description` is the one-line message
/// the root command prints after "repanalyze: error:" before exiting with status 1.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
