import Testing
@testable import RepAnalysis

@Suite struct ModuleClusteringTests {
    /// Groups smaller than the minimum size are not modules: their units stay unassigned and the modules that
    /// remain are numbered by increasing period without gaps.
    @Test func smallGroupsAreNotModules() {
        // 0.086 (alone), 0.30 ×3, 0.42 ×3, 0.82 ×2 — gaps of ln 1.4 between groups.
        let periods = [0.30, 0.086, 0.42, 0.31, 0.82, 0.43, 0.29, 0.81, 0.42]
        let labels = ModuleClustering.cluster(periods: periods, gap: 0.15, minSize: 3)
        #expect(labels == [0, nil, 1, 0, nil, 1, 0, nil, 1])
        let all = ModuleClustering.cluster(periods: periods, gap: 0.15)
        #expect(all == [1, 0, 2, 1, 3, 2, 1, 3, 2])
    }
}
