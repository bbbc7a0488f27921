import Foundation

/// The simulator's random-number generator: xoshiro256** seeded through SplitMix64, so a seed gives the same
/// population on every machine and Swift version (the standard library's generator is not reproducible).
public struct SimulationRNG: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole stream is fixed by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x = x &+ 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&sm); s1 = splitMix(&sm); s2 = splitMix(&sm); s3 = splitMix(&sm)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * uniform()
    }

    /// A standard normal deviate (Box–Muller; one of the pair is discarded so the stream stays simple).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1.0p-60)
        let u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// A Rayleigh deviate with scale `sigma` (mean sigma·sqrt(pi/2)): the speed distribution of a foraging rat.
    public mutating func rayleigh(scale sigma: Double) -> Double {
        let u = max(uniform(), 0x1.0p-60)
        return sigma * (-2 * Foundation.log(u)).squareRoot()
    }

    /// A uniform integer in 0..<n (n > 0).
    public mutating func index(below n: Int) -> Int {
        Int(next() % UInt64(max(n, 1)))
    }
}
