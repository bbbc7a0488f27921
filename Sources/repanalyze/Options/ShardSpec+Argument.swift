import ArgumentParser
import Report

/// `--shard I/N` parses through `ShardSpec.init?(argument:)` (ScaleOut, in Report).
extension ShardSpec: ExpressibleByArgument {}
