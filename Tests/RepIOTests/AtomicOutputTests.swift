import Foundation
import Testing
import TestSupport
@testable import RepIO

@Suite struct AtomicOutputTests {
    struct Interrupted: Error {}

    @Test func aFailedWriteLeavesThePreviousFileAndNoTemporary() throws {
        try withTemporaryDirectory() { dir in
            let target = dir.appendingPathComponent("result.json").path
            try AtomicOutput.write(Data("good".utf8), to: target)
            #expect(throws: Interrupted.self) {
                try AtomicOutput.writeHDF5(to: target) { f in
                    try f.write(ShapedArray(shape: [2], values: [1, 2] as [Float]), to: "x")
                    throw Interrupted()
                }
            }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "good")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["result.json"])
        }
    }

    @Test func missingDirectoryIsAClearError() {
        #expect(throws: AtomicOutput.Failure.self) {
            try AtomicOutput.write(Data(), to: "/nonexistent-dir-xyz/out.json")
        }
    }
}
