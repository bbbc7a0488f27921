import ArgumentParser
import Foundation
import RepIO
import Trainer

/// `--set KEY=VALUE` (train, bench-train): overrides applied on the config's JSON form, so a value is parsed and
/// checked exactly as in a config file. A bad value is a bad option value: a usage error (exit 2) naming the key.
enum ConfigOverrides {
    /// Refuses an override without "=".
    static func check(_ overrides: [String]) throws {
        for o in overrides where !o.contains("=") { throw ValidationError("--set expects KEY=VALUE, got '\(o)'") }
    }

    /// `c` with `overrides` applied in order (a bare word such as reduction=sum is a string).
    static func apply(_ overrides: [String], to c: TrainerConfig) throws -> TrainerConfig {
        guard !overrides.isEmpty else { return c }
        guard var dict = try JSONDecoder().decode(JSONValue.self, from: Data(c.jsonString().utf8)).object else { return c }
        for o in overrides {
            let parts = o.split(separator: "=", maxSplits: 1).map(String.init)
            let key = parts[0], text = parts.count > 1 ? parts[1] : ""
            if let v = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
                dict[key] = v
            } else {
                dict[key] = .string(text)
            }
        }
        let data = try JSONDocument.encoder(pretty: false).encode(dict)
        do { return try TrainerConfig.decode(data, file: "--set") } catch { throw ValidationError("\(error)") }
    }
}
