import Foundation
import Testing
import TestSupport
@testable import RepIO

/// The shared machinery behind issue 10, tested directly: the memory budget's parsing and check, overflow-checked
/// sizes, block tiling of huge datasets, the iterative walk on cycles, and outputs committed together or not at all.
@Suite struct HostileIOTests {
    @Test func budgetSizesParse() {
        #expect(MemoryBudget.parse("512") == 512)
        #expect(MemoryBudget.parse("1K") == 1024)
        #expect(MemoryBudget.parse("8g") == 8 << 30)
        #expect(MemoryBudget.parse("1.5GB") == 3 << 29)
        for bad in ["", "0", "-1G", "nan", "lots", "1Q", "99999999T"] { #expect(MemoryBudget.parse(bad) == nil, "\(bad)") }
    }

    @Test func checkedSizesReportOverflowInsteadOfTrapping() {
        #expect(CheckedSize.product([1 << 62, 4]) == nil)
        #expect(CheckedSize.product([3, 4, 5]) == 60)
        #expect(CheckedSize.product([2, -1]) == nil)
        #expect(CheckedSize.sum(Int.max, 1) == nil)
        let info = HDF5DatasetInfo(path: "/x", shape: [1 << 62, 4], dataType: .float64, chunks: nil, gzipLevel: nil, shuffle: false, otherFilters: [])
        #expect(info.count == Int.max)     // saturates, so any budget check refuses it
    }

    @Test func blocksTileABoxInRowMajorOrderWithinTheLimit() throws {
        let f = try HDF5File(Hostile.file("good_dump.h5"))
        var seen: [[Int]] = []
        var total = 0
        try f.forEachBlock(start: [1, 0, 2], count: [2, 3, 5], maxElements: 4) { s, c in
            #expect(c.reduce(1, *) <= 4)
            total += c.reduce(1, *)
            seen.append(s)
        }
        #expect(total == 30)
        #expect(seen == seen.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(seen.first == [1, 0, 2] && seen.count == 12)   // rows of 5 split as 4 + 1, for each of 2 × 3
    }

    @Test func walkVisitsEachGroupOnce() throws {
        let entries = try HDF5File(Hostile.file("cycle_group.h5")).walk()
        #expect(entries.map(\.path) == ["/", "/a", "/a/b", "/a/b/loop", "/a/b/loop2", "/a/data"])
        #expect(entries[3].kind == .alreadyVisited("/a") && entries[4].kind == .alreadyVisited("/a"))
        #expect(try HDF5File(Hostile.file("cycle_group.h5")).datasetPaths() == ["/a/data"])
    }

    @Test func outputsLandTogetherOrNotAtAll() throws {
        try withTemporaryDirectory("output-set") { dir in
            let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
            try Data("old a".utf8).write(to: URL(fileURLWithPath: a))
            do {    // a later output fails: the earlier one, already staged, must not land
                let set = OutputSet()
                try set.stage(Data("new a".utf8), to: a)
                try set.makeDirectory(dir.appendingPathComponent("figs/deeper").path)
                #expect(throws: AtomicOutput.Failure.self) { try set.stage(Data("x".utf8), to: "/nonexistent/b.json") }
            }
            #expect(try String(contentsOfFile: a, encoding: .utf8) == "old a")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.json"])   // no temporaries, no folders
            let set = OutputSet()
            try set.stage(Data("new a".utf8), to: a)
            try set.stage(Data("new b".utf8), to: b)
            #expect(try String(contentsOfFile: a, encoding: .utf8) == "old a")   // nothing lands before commit
            try set.commit()
            #expect(try String(contentsOfFile: a, encoding: .utf8) == "new a")
            #expect(try String(contentsOfFile: b, encoding: .utf8) == "new b")
        }
    }
}

/// The corpus path, as the CLI tests use it (relative to the package root, where the tests run).
private enum Hostile {
    static func file(_ name: String) -> String { Fixtures.project("hostile/" + name) }
}
