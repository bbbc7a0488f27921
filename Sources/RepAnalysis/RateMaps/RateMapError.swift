/// What went wrong making rate maps, in words a user can act on.
public enum RateMapError: Error, CustomStringConvertible, Equatable {
    case invalidBox(String)
    case invalidBins(String)
    case shapeMismatch(String)
    case noSpeedSource(String)
    case noSamplesInBox(total: Int, box: String)

    public var description: String {
        switch self {
        case .invalidBox(let b):
            return "box \(b) is not valid: give --box x0,x1,y0,y1 with x1 > x0 and y1 > y0 (metres)"
        case .invalidBins(let b):
            return "bins \(b) are not valid: give --bins N, --bins NXxNY (1 to 100000 each) or a positive --bin-size"
        case .shapeMismatch(let s):
            return s
        case .noSpeedSource(let file):
            return "\(file): --speed-min needs speeds: a velocities dataset (m/s), a 'time_s' dataset or a 'dt_s' root attribute"
        case .noSamplesInBox(let total, let box):
            return "none of the \(total) samples lies inside the box \(box); check --box or the positions' units (metres)"
        }
    }
}
