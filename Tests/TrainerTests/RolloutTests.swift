import Foundation
import RepIO
import Simulation
import Testing
@testable import Trainer

@Suite struct RolloutTests {
    /// The rollout's walk (Sorscher's parameters) stays in the box, starts at the centre, and its mean step is
    /// the Rayleigh mean b·√(π/2)·dt (slightly less: the animal slows near walls).
    @Test func sorscherWalkStaysInTheBoxWithRayleighSpeeds() {
        var rng = Xoshiro256(seed: 3)
        let p = Trajectory.Parameters.sorscher(box: 1.5, steps: 20000)
        let walk = Trajectory.simulate(p, rng: &rng)
        #expect(walk.positions[0] == 0.75 && walk.positions[1] == 0.75)
        #expect(walk.positions.allSatisfy { $0 >= 0 && $0 <= 1.5 })
        var total = 0.0
        for t in 0..<20000 { total += (walk.velocities[2 * t] * walk.velocities[2 * t] + walk.velocities[2 * t + 1] * walk.velocities[2 * t + 1]).squareRoot() * p.dt }
        let mean = total / 20000
        let rayleighMean = 0.13 * 2 * Double.pi * (Double.pi / 2).squareRoot() * p.dt
        #expect(mean < rayleighMean * 1.02 && mean > rayleighMean * 0.8, "mean step \(mean) vs \(rayleighMean)")
        // It explores: every quarter of the box is visited.
        var quarters = Set<Int>()
        for t in 0..<20000 { quarters.insert((walk.positions[2 * t] < 0.75 ? 0 : 1) + (walk.positions[2 * t + 1] < 0.75 ? 0 : 2)) }
        #expect(quarters.count == 4)
    }

    /// The network's rollout states are unit vectors (or zero) and the first one follows g_0.
    @Test func rolloutStatesAreNormalised() {
        var c = TrainerConfig()
        c.hidden = 6; c.mlpWidth = 8
        var rng = Xoshiro256(seed: 1)
        let p = Parameters.initial(c, rng: &rng)
        let v: [Float] = (0..<600).map { _ in Float(rng.nextUnitDouble() * 0.1 - 0.05) }
        let s = Rollout.states(params: p, eps: c.eps, velocities: v, chunk: 64)
        #expect(s.count == 300 * 6)
        for t in 0..<300 {
            let norm = (0..<6).reduce(Float(0)) { $0 + s[t * 6 + $1] * s[t * 6 + $1] }.squareRoot()
            #expect(abs(norm - 1) < 1e-5 || norm == 0)
        }
        // Chunking does not change the result.
        let other = Rollout.states(params: p, eps: c.eps, velocities: v, chunk: 7)
        #expect(zip(other, s).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    /// With restarts every L steps, the rollout of walks a, b, c one after another is the three walks rolled out
    /// separately from g_0 (the `--walk training` mode).
    @Test func restartsMakeIndependentWalks() {
        var c = TrainerConfig()
        c.hidden = 6; c.mlpWidth = 8
        var rng = Xoshiro256(seed: 2)
        let p = Parameters.initial(c, rng: &rng)
        let length = 13
        let walks: [[Float]] = (0..<3).map { _ in (0..<(2 * length)).map { _ in Float(rng.nextUnitDouble() * 0.3 - 0.15) } }
        let joined = Rollout.states(params: p, eps: c.eps, velocities: walks.flatMap { $0 }, restartEvery: length, chunk: 5)
        let separate = walks.flatMap { Rollout.states(params: p, eps: c.eps, velocities: $0) }
        #expect(joined.count == separate.count)
        #expect(zip(joined, separate).allSatisfy { abs($0 - $1) < 1e-5 })
        // Without restarts the second walk starts from the first one's last state instead.
        let continued = Rollout.states(params: p, eps: c.eps, velocities: walks.flatMap { $0 })
        #expect(zip(continued[(6 * length)...], separate[(6 * length)...]).contains { abs($0 - $1) > 1e-3 })
    }
}
