import Foundation
import RepIO
import Testing
import TestSupport
@testable import Trainer

/// Pair subsampling as an estimator and in a run: unbiased sums, the gradient through the network, refused values,
/// exact resume.
@Suite struct PairFractionRunTests {
    /// Reduction "sum": over many subsets of one batch, the mean of the subsampled separation + invariance total
    /// (and of each state's gradient) approaches the full one. Tolerance: 4 standard errors of the mean estimated
    /// from the draws themselves (|z| > 4 has probability 6·10⁻⁵ under the CLT for 4000 i.i.d. draws; 5 for each
    /// of the 320 gradient entries, so that all pass together with probability > 0.999 when unbiased). The
    /// unscaled subset sums, 1/4.1 of the full ones in expectation, fail the same check by far.
    @Test func subsampledSumsAreUnbiased() {
        var c = pairConfig(.sum)
        c.lCap = 0; c.lCI = 0; c.lInv = 1
        var rng = Xoshiro256(seed: 8)
        let params = Parameters.initial(c, rng: &rng)
        var batch = TrajectoryBatch.sample(c, rng: &rng)
        let ws = Workspace(c), p = c.batch * c.seq, n = c.hidden, m = c.pairSubsetCount!
        Objective.forward(ws, params: params, batch: batch, config: c)
        let full = SSLLoss.evaluate(ws, batch: batch, config: c, gradient: true)
        let fullGrad = Array(UnsafeBufferPointer(start: ws.dStates, count: p * n)).map(Double.init)
        #expect(full.nSep > 0 && full.nInv > 0)

        let draws = 4000
        var sum = 0.0, sumSq = 0.0
        var gSum = [Double](repeating: 0, count: p * n), gSq = gSum
        for _ in 0..<draws {
            batch.drawPairSubset(count: m, rng: &rng)
            let t = SSLLoss.evaluate(ws, batch: batch, config: c, gradient: true)
            let s = t.sep + Double(c.lInv) * t.inv
            sum += s; sumSq += s * s
            for k in 0..<(p * n) { let v = Double(ws.dStates[k]); gSum[k] += v; gSq[k] += v * v }
        }
        let total = full.sep + Double(c.lInv) * full.inv
        let mean = sum / Double(draws)
        let se = ((sumSq / Double(draws) - mean * mean) / Double(draws - 1)).squareRoot()
        #expect(abs(mean - total) < 4 * se, "mean of subsampled sums \(mean) vs full \(total) (standard error \(se))")
        let unscaled = mean * Double(m * (m - 1)) / Double(p * (p - 1))
        #expect(abs(unscaled - total) > 40 * se, "the check must be able to see a missing rescale")
        let big = fullGrad.map(abs).max()!
        var worstZ = 0.0
        for k in 0..<(p * n) {
            let gm = gSum[k] / Double(draws)
            let gse = max(0, gSq[k] / Double(draws) - gm * gm).squareRoot() / Double(draws - 1).squareRoot()
            worstZ = max(worstZ, abs(gm - fullGrad[k]) / (gse + 1e-9 * big))
        }
        #expect(worstZ < 5, "gradient: worst |mean − full| / standard error = \(worstZ)")
    }

    /// The parameter gradient with a subset (reduction "sum", f = 0.5) against central differences of the naive
    /// float64 objective restricted to the same subset (`naiveLoss`), on a sample of every tensor.
    @Test func subsetGradientMatchesFiniteDifferences() {
        var c = TrainerConfig()
        c.hidden = 6; c.mlpWidth = 8; c.batch = 3; c.seq = 7; c.sigmaX = 0.12; c.reduction = .sum; c.rowBlock = 5
        c.pairFraction = 0.5
        var rng = Xoshiro256(seed: 12)
        let params = Parameters.initial(c, rng: &rng)
        var batch = TrajectoryBatch.sample(c, rng: &rng)
        batch.drawPairSubset(count: c.pairSubsetCount!, rng: &rng)
        #expect(batch.pairSubset.count == 11)   // round(0.5 · 21)
        var grad: [Float] = []
        let terms = Objective.lossAndGradient(Workspace(c), params: params, batch: batch, config: c, gradient: &grad)
        let p64 = params.values.map(Double.init)
        func naive(_ v: [Double]) -> Double { naiveLoss(v, units: c.hidden, width: c.mlpWidth, batch: batch, config: c) }
        #expect(relError(terms.total, naive(p64)) < 1e-5, "loss \(terms.total) vs naive \(naive(p64))")
        let scale = grad.map { abs(Double($0)) }.max()!
        for e in params.entries {
            for i in Swift.stride(from: 0, to: e.count, by: max(1, e.count / 12)) {
                let k = e.offset + i, h = 1e-6 * max(1, abs(p64[k]))
                var plus = p64, minus = p64
                plus[k] += h; minus[k] -= h
                let fd = (naive(plus) - naive(minus)) / (2 * h)
                #expect(abs(fd - Double(grad[k])) / scale < 1e-4, "\(e.name)[\(i)]: analytic \(grad[k]) vs FD \(fd)")
            }
        }
    }

    /// 0, −0.5, 1.5 and NaN are refused naming the key, and so is a fraction that leaves fewer than 2 states.
    @Test func badFractionsNameTheKey() {
        for text in ["0", "-0.5", "1.5"] {
            do {
                _ = try TrainerConfig.decode(Data(#"{"pair_fraction": \#(text)}"#.utf8), file: "run.json")
                Issue.record("pair_fraction \(text) was accepted")
            } catch let TrainerError.badConfig(file, key, _) {
                #expect(file == "run.json" && key == "pair_fraction", "\(text)")
            } catch { Issue.record("unexpected \(error)") }
        }
        var c = TrainerConfig()
        c.pairFraction = .nan
        #expect(throws: TrainerError.self) { try c.validate(file: "x") }
        do { try c.validate(file: "x") } catch { #expect("\(error)".contains("config key 'pair_fraction'")) }
        c.pairFraction = 0.01; c.batch = 4; c.seq = 10   // round(0.4) = 0 states
        do { try c.validate(file: "x"); Issue.record("a subset of 0 states was accepted") } catch {
            #expect("\(error)".contains("config key 'pair_fraction'"))
        }
    }

    /// f = 0.5: 8 steps straight equal 4 steps + resume (on 4 threads instead of 1) + 4 steps, bit for bit; and the
    /// subsets are really drawn (the weights differ from f = 1's).
    @Test func resumedSubsampledRunEqualsUninterruptedRun() throws {
        var c = tinyConfig()
        c.pairFraction = 0.5
        try withTemporaryDirectory("pairs-straight") { tmpA in
            try withTemporaryDirectory("pairs-resumed") { tmpB in
                let a = RunDirectory(tmpA.path), b = RunDirectory(tmpB.path)
                let loopA = try a.start(c, workers: 1)
                try a.train(loopA) { _ in }
                var half = c
                half.steps = 4
                try b.train(try b.start(half, workers: 1)) { _ in }
                let loopB = try b.resume(workers: 4)
                #expect(loopB.state.step == 4 && loopB.state.config.pairFraction == 0.5)
                loopB.setTargetSteps(c.steps)
                try b.train(loopB) { _ in }
                #expect(loopA.state.params == loopB.state.params)
                #expect(loopA.state.adam == loopB.state.adam)
                #expect(loopA.state.rng == loopB.state.rng)

                let exact = TrainingLoop(state: TrainingState(config: tinyConfig()), workers: 1)
                for _ in 0..<c.steps { _ = try exact.step() }
                #expect(exact.state.params != loopA.state.params)
            }
        }
    }
}
