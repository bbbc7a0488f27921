import ArgumentParser
import RepAnalysis
import TopologyTDA
import Trainer

// Options that are really choices are enums: argument-parser parses them, `--help` lists their values, and any
// other value is a usage error (exit 2) that names the choices. The spellings on the command line are the raw
// values, unchanged from when these options were strings.

extension Metric: ExpressibleByArgument {}
extension NaNPolicy: ExpressibleByArgument {}
extension TrainerConfig.Ablation: ExpressibleByArgument {}

/// `barcode --collapse`: the command line's names for `CollapsePolicy`.
enum CollapseChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never

    var policy: CollapsePolicy {
        switch self {
        case .auto: .automatic
        case .always: .always
        case .never: .never
        }
    }
}
