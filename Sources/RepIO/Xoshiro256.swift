import Foundation

/// xoshiro256** (Blackman & Vigna): the one seeded generator of repanalyze (simulations, training, benchmarks).
/// Its whole state is four words, so a checkpoint can store it and a resumed run draws exactly the numbers an
/// uninterrupted run would; a seed gives the same stream on every machine and Swift version (the standard
/// library's generator is not reproducible).
public struct Xoshiro256: RandomNumberGenerator, Equatable, Sendable {
    /// The four state words (never all zero).
    public var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the state from one integer with splitmix64, as the authors recommend.
    public init(seed: UInt64) {
        var z = seed
        func splitmix() -> UInt64 {
            z = z &+ 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        state = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    /// Restores a saved state; nil if all four words are zero (not a valid state).
    public init?(words: [UInt64]) {
        guard words.count == 4, words.contains(where: { $0 != 0 }) else { return nil }
        state = (words[0], words[1], words[2], words[3])
    }

    /// The state as four words, for checkpoints.
    public var words: [UInt64] { [state.0, state.1, state.2, state.3] }

    public static func == (a: Xoshiro256, b: Xoshiro256) -> Bool { a.words == b.words }

    @inline(__always) static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// The next 64 random bits.
    @inline(__always) public mutating func next() -> UInt64 {
        let result = Self.rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = Self.rotl(state.3, 45)
        return result
    }

    /// Uniform in [0, 1) with 24 random bits (every Float in the grid k·2⁻²⁴).
    @inline(__always) public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always) public mutating func nextUnitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform integer in 0..<n (n > 0), without modulo bias (Lemire's multiply-and-reject).
    @inline(__always) public mutating func nextInt(below n: Int) -> Int {
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Uniform in [a, b).
    @inline(__always) public mutating func nextUniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * nextUnitDouble() }

    /// A Rayleigh draw with scale `sigma` (mean sigma·sqrt(pi/2)): the speed distribution of a foraging rat.
    public mutating func nextRayleigh(scale sigma: Double) -> Double {
        sigma * (-2 * _log(1 - nextUnitDouble())).squareRoot()
    }

    /// A standard normal draw (Box–Muller; the second value is discarded so the state advance is fixed).
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUnitDouble()   // (0, 1]
        let u2 = nextUnitDouble()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }
}

@inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
