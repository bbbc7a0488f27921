/// Bad input found by a pipeline or a command itself (not by the libraries): `description` is the one line the CLI
/// prints after "repanalyze: error:" before exiting with status 1. It names the file (or option) and what was wrong.
public struct InputError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
