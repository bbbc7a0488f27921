import Foundation
import _CFFTW

/// A process-wide cache of FFTW plans (2-D real-to-complex and complex-to-real, double precision).
///
/// FFTW's planner is not thread-safe, so planning happens behind a lock (and the planner is also made
/// thread-safe through `fftw_make_planner_thread_safe`); executing a cached plan on other, equally aligned
/// arrays with the new-array functions is safe from any thread. Buffers must come from `FFTBuffers`
/// (`fftw_malloc`), which gives the alignment the plans were made for.
public final class FFTPlanCache: @unchecked Sendable {
    /// The one cache the library uses; plans live for the process (FFTW plans are small).
    public static let shared = FFTPlanCache()

    private let lock = NSLock()
    private var forward: [PlanKey: OpaquePointer] = [:]
    private var inverse: [PlanKey: OpaquePointer] = [:]

    private struct PlanKey: Hashable { let rows: Int, columns: Int }

    private init() {
        // Once per process, before any planning: lets other libraries in the process plan safely too.
        fftw_make_planner_thread_safe()
    }

    /// The plan for a `rows`×`columns` real-to-complex transform (output `rows`×(`columns`/2+1) complex).
    public func realToComplex(rows: Int, columns: Int) -> OpaquePointer {
        plan(key: PlanKey(rows: rows, columns: columns), inverse: false)
    }

    /// The plan for the inverse, complex-to-real transform of the same size (unnormalised, as FFTW's).
    public func complexToReal(rows: Int, columns: Int) -> OpaquePointer {
        plan(key: PlanKey(rows: rows, columns: columns), inverse: true)
    }

    private func plan(key: PlanKey, inverse isInverse: Bool) -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        if let p = isInverse ? inverse[key] : forward[key] { return p }
        // Plan on scratch buffers of the same alignment as FFTBuffers'; FFTW_ESTIMATE leaves them untouched.
        let real = fftw_alloc_real(key.rows * key.columns)!
        let complex = fftw_alloc_complex(key.rows * (key.columns / 2 + 1))!
        defer { fftw_free(real); fftw_free(complex) }
        let flags = ra_fftw_estimate()
        let p: OpaquePointer
        if isInverse {
            p = fftw_plan_dft_c2r_2d(Int32(key.rows), Int32(key.columns), complex, real, flags)!
            inverse[key] = p
        } else {
            p = fftw_plan_dft_r2c_2d(Int32(key.rows), Int32(key.columns), real, complex, flags)!
            forward[key] = p
        }
        return p
    }
}

/// Aligned work arrays for one 2-D real FFT size: a real array and its half-spectrum, owned by one thread.
public final class FFTBuffers {
    /// Rows and columns of the real array.
    public let rows: Int, columns: Int
    /// The real array, rows×columns, row-major.
    public let real: UnsafeMutablePointer<Double>
    /// The half spectrum, rows×(columns/2+1) complex values as (re, im) pairs.
    public let spectrum: UnsafeMutablePointer<fftw_complex>
    /// Number of complex values in `spectrum`.
    public var spectrumCount: Int { rows * (columns / 2 + 1) }

    /// Allocates zeroed buffers for a rows×columns transform.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        real = fftw_alloc_real(max(rows * columns, 1))!
        spectrum = fftw_alloc_complex(max(rows * (columns / 2 + 1), 1))!
        real.initialize(repeating: 0, count: max(rows * columns, 1))
    }

    deinit {
        fftw_free(real)
        fftw_free(spectrum)
    }

    /// `spectrum` = FFT(`real`).
    public func forward() {
        fftw_execute_dft_r2c(FFTPlanCache.shared.realToComplex(rows: rows, columns: columns), real, spectrum)
    }

    /// `real` = unnormalised inverse FFT(`spectrum`) (FFTW's c2r overwrites `spectrum`).
    public func inverse() {
        fftw_execute_dft_c2r(FFTPlanCache.shared.complexToReal(rows: rows, columns: columns), spectrum, real)
    }

    /// The smallest size ≥ n whose only prime factors are 2, 3, 5 and 7 (fast for FFTW).
    public static func goodSize(atLeast n: Int) -> Int {
        var m = max(n, 1)
        while true {
            var r = m
            for p in [2, 3, 5, 7] { while r % p == 0 { r /= p } }
            if r == 1 { return m }
            m += 1
        }
    }
}
