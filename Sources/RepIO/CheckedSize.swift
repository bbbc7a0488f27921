/// Sizes computed from numbers a user or a file supplies (dataset shapes, option values) without trapping: Swift's
/// `*` and `+` stop the process on overflow, and a dataspace may claim 2^62 rows. Each helper returns nil on
/// overflow so the caller reports bad input, naming what was too large.
public enum CheckedSize {
    /// The product of `factors`, or nil when it overflows Int or a factor is negative.
    public static func product(_ factors: [Int]) -> Int? {
        var p = 1
        for f in factors {
            guard f >= 0 else { return nil }
            let (m, o) = p.multipliedReportingOverflow(by: f)
            if o { return nil }
            p = m
        }
        return p
    }

    /// `a * b`, or nil on overflow.
    public static func product(_ a: Int, _ b: Int) -> Int? {
        let (m, o) = a.multipliedReportingOverflow(by: b)
        return o ? nil : m
    }

    /// `a + b`, or nil on overflow.
    public static func sum(_ a: Int, _ b: Int) -> Int? {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? nil : s
    }
}
