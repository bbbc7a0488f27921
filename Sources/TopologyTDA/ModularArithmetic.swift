/// The prime field Z/p in which persistence coefficients live (p prime, p < 2^16, so products fit in 32 bits).
struct PrimeField: Sendable {
    /// The prime p.
    let modulus: UInt32
    /// inverse[a] · a ≡ 1 (mod p) for a in 1..<p; inverse[0] = 0.
    let inverse: [UInt32]

    /// The field Z/p, or an error when p is not a prime below 65536.
    init(_ p: Int) throws(TDAError) {
        guard p >= 2, p < 65536, PrimeField.isPrime(p) else { throw .invalidCoefficient(p) }
        modulus = UInt32(p)
        // Ripser's recurrence: inv(a) = −⌊p/a⌋ · inv(p mod a), valid because p is prime.
        var inv = [UInt32](repeating: 0, count: p)
        if p > 1 { inv[1] = 1 }
        if p > 2 {
            for a in 2..<p {
                let q = UInt32(p / a), r = p % a
                inv[a] = (UInt32(p) - (q &* inv[r]) % UInt32(p)) % UInt32(p)
            }
        }
        inverse = inv
    }

    /// Trial division; p < 2^16 so this is at most 256 steps.
    static func isPrime(_ p: Int) -> Bool {
        if p < 2 { return false }
        if p < 4 { return true }
        if p % 2 == 0 { return false }
        var d = 3
        while d * d <= p {
            if p % d == 0 { return false }
            d += 2
        }
        return true
    }
}
