import RepIO

/// SWEEP_DIR/summary.json (`sweep SWEEP_DIR --summary`): the table's columns in order and one row per run, each
/// a flat object column → value (text, integer, number, or null when the run has no such value yet).
public struct SweepSummaryDocument: Codable, Equatable, Sendable {
    public var columns: [String]
    public var rows: [[String: JSONValue]]

    public init(columns: [String], rows: [[String: JSONValue]]) { self.columns = columns; self.rows = rows }
}
