import Foundation
import RepIO
import Report
import Simulation
import Testing
import TestSupport
import RepAnalysis

/// Reading the JSON the other commands write (layouts from issues 3, 4 and 6) and their bad forms.
@Suite struct ReportLoaderTests {
    /// One directory per test (a suite instance lives for one test), removed after it.
    let tmp: TemporaryDirectory
    var dir: URL { tmp.url }

    init() throws { tmp = try TemporaryDirectory("report-loader") }

    func write(_ name: String, _ text: String) -> String {
        let p = dir.appendingPathComponent(name).path
        try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }

    @Test func gridnessJSONWithNulls() throws {
        // Integers 0 and 1 are numbers, not booleans (Foundation on Linux reports `0 is Bool`).
        let ints = try ReportLoader.gridness(json: write("i.json", #"{"units": [{"unit": 0, "score_60": 0, "score_90": 1}, {"unit": 1, "score_60": null, "score_90": 2}]}"#))
        #expect(ints[0].score60 == 0 && ints[0].score90 == 1 && ints[1].score60.isNaN && ints[1].score90 == 2)
        // true is not a score: the file and the key are named (it used to read as NaN).
        let bool = write("b.json", #"{"units": [{"unit": 0, "score_60": true}]}"#)
        #expect(throws: DocumentError(file: bool, key: "units[0].score_60", reason: "expected a number")) { try ReportLoader.gridness(json: bool) }
        let p = write("s.json", #"{"units": [{"unit": 0, "score_60": 1.25, "score_60_minmax": 1.0, "score_90": null, "mask_60": [0.2, 0.8], "spacing_m": 0.3, "orientation_deg": 7.5}, {"unit": 1, "score_60": null, "score_90": 0.5}]}"#)
        let s = try ReportLoader.gridness(json: p)
        #expect(s.count == 2 && s[0].score60 == 1.25 && s[0].score90.isNaN && s[0].spacing == 0.3 && s[1].score60.isNaN)
    }

    @Test func modulesJSON() throws {
        let p = write("m.json", #"{"units": [{"unit": 0, "period_m": 0.3, "orientation_deg": 5, "grid_like": true, "module": 0}, {"unit": 2, "period_m": 0.9, "orientation_deg": 1, "grid_like": false, "module": null}], "modules": [{"module": 0, "period_m": 0.3, "orientation_deg": 5, "units": [0]}], "period_ratios": []}"#)
        let m = try ReportLoader.modules(json: p)
        #expect(m.modules.count == 1 && m.modules[0].units == [0] && m.modules[0].period == 0.3)
        #expect(m.periods.count == 3 && m.periods[0] == 0.3 && m.periods[1].isNaN && m.periods[2].isNaN)  // not grid-like: left out
    }

    @Test func barcodeJSONInfiniteDeaths() throws {
        let p = write("b.json", #"{"dgms": [[[0, 0.5], [0, null]], [[0.2, 0.9]], []], "betti": [1, 1, 0], "n_points": 10, "threshold": 2, "coeff": 2}"#)
        let b = try ReportLoader.barcode(json: p)
        #expect(b.diagrams.count == 3 && b.diagrams[0][1].death == .infinity && b.diagrams[1][0].birth == 0.2 && b.diagrams[2].isEmpty)
        #expect(b.betti == [1, 1, 0])
    }

    @Test func trainingRunFolder() throws {
        _ = write("run/log.jsonl", """
            {"step": 0, "time": 0.1, "total": 3.0, "sep": 2.0, "grad_norm": 1.0, "lr": 0.001, "ci": 1}
            {"step": 10, "time": 0.2, "total": 2.0, "sep": 1.5, "grad_norm": 0.5, "lr": 0.001, "ci": 0}

            """)
        _ = write("run/config.json", "{\"steps\": 10}")
        let t = try ReportLoader.training(runDirectory: dir.appendingPathComponent("run").path)
        #expect(t.curves.map(\.name) == ["total", "ci", "sep", "grad_norm", "lr"])
        #expect(t.curves[1].y == [1, 0])
        #expect(t.curves.first { $0.name == "total" }?.x == [0, 10] && t.curves.first { $0.name == "total" }?.y == [3, 2])
        #expect(t.config == "{\"steps\": 10}")
    }

    @Test func badInputsNameTheFileAndWhat() throws {
        let notJSON = write("bad.json", "{units: ")
        #expect(throws: DocumentError.self) { try ReportLoader.gridness(json: notJSON) }
        do { _ = try ReportLoader.gridness(json: notJSON) } catch { #expect("\(error)".hasPrefix(notJSON + ": not valid JSON")) }
        let wrong = write("wrong.json", #"{"dgms": 3}"#)
        do { _ = try ReportLoader.barcode(json: wrong); Issue.record("no error") } catch { #expect("\(error)".contains("dgms")) }
        let noUnit = write("nounit.json", #"{"units": [{"score_60": 1}]}"#)
        do { _ = try ReportLoader.gridness(json: noUnit); Issue.record("no error") } catch { #expect("\(error)".contains("units[0]")) }
        _ = write("badrun/log.jsonl", "{\"step\": 0, \"total\": 1}\nnot json\n")
        do { _ = try ReportLoader.training(runDirectory: dir.appendingPathComponent("badrun").path); Issue.record("no error") } catch {
            #expect("\(error)".contains("log.jsonl, line 2: not a JSON object"))
        }
        do { _ = try ReportLoader.training(runDirectory: "/nonexistent/run"); Issue.record("no error") } catch {
            #expect("\(error)" == "/nonexistent/run: run folder not found")
        }
        #expect(throws: ReportError.missing(path: "/nonexistent.json", what: "file")) { try ReportLoader.modules(json: "/nonexistent.json") }
    }

    @Test func truthFromHDF5() throws {
        let p = dir.appendingPathComponent("maps.h5").path
        do {
            let f = try HDF5File(p, mode: .create)
            try f.write(ShapedArray(shape: [2, 3, 4], values: (0..<24).map(Float.init)), to: "ratemaps")
            try f.write(ShapedArray(shape: [3], values: [Float](repeating: 0, count: 3)), to: "flat")
            try f.setAttribute("box_size_m", of: "/", .floats([2, 2]))
        }
        let f = try HDF5File(p)
        #expect(try ReportLoader.truth(f) == nil)
        // A simulated file's truth reads back as written.
        let sim = dir.appendingPathComponent("sim.h5").path
        var pp = GridCellPopulation.Parameters()
        pp.periods = [0.3, 0.5]; pp.cellsPerModule = 2; pp.placeCells = 1; pp.bandCells = 0; pp.randomFields = 0; pp.noiseUnits = 0
        let dump = SimulatedDump.simulate(trajectory: Trajectory.Parameters(steps: 50), population: pp, seed: 2)
        do { let g = try HDF5File(sim, mode: .create); try dump.write(to: g) }
        let t = try #require(try ReportLoader.truth(HDF5File(sim)))
        #expect(t.modulePeriods == [0.3, 0.5] && t.kinds.count == 5 && t.kinds.filter { $0 == "grid" }.count == 4)
        #expect(t.unitModules.sorted() == [-1, 0, 0, 1, 1])
    }
}
