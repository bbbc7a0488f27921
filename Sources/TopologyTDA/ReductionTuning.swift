/// Internal limits of the reduction that tests lower to reach rare paths (the defaults are what runs in practice).
struct ReductionTuning: Sendable {
    /// Compact a working column when it holds more entries than this (64 Mi entries, 1 GiB; see
    /// `WorkingColumn.compact`). Measured: compacting earlier (256 Ki) made S³ 40 % slower and saved no memory —
    /// the large working columns of sphere clouds are genuinely large — so it only guards pathological cases.
    var compactThreshold = 1 << 26
    /// A dimension with fewer columns than this is reduced on one thread even when more are asked for (starting
    /// threads costs more than a handful of columns).
    var parallelMinimumColumns = 64
    /// The parallel reduction hands out columns last first: every column then finds its pivot owned by a later
    /// column, so takeovers (and re-reductions from a published V) happen all the time instead of rarely.
    var parallelLastColumnFirst = false
    /// Use 8-byte rank keys (`DiameterRanks`, `WorkingColumn.Layout.rankKeys`) where the Z/2 float keys do not
    /// apply and they fit; false keeps the 16-byte entries (to test and measure that path).
    var rankKeys = true
}
