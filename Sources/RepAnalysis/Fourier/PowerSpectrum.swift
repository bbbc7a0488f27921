import _CFFTW

/// The 2-D power spectrum of a rate map: mean-subtracted (over visited bins), NaN → 0, zero-padded to
/// `size`×`size`, |FFT|². Stored full and centred (zero frequency at [size/2, size/2], rows = y frequency).
public struct PowerSpectrum: Sendable {
    /// Side of the padded transform.
    public let size: Int
    /// Frequency step per spectrum bin along x (columns) and y (rows), cycles per metre.
    public let frequencyStep: (x: Double, y: Double)
    /// Power, row-major, centred.
    public var values: [Double]

    /// The spectrum of a rows×columns map with bins of `binSize` metres, zero-padded to `size` (at least the
    /// map's larger side).
    public init(map: [Double], rows: Int, columns: Int, binSize: (x: Double, y: Double), size requested: Int = 256) {
        let p = FFTBuffers.goodSize(atLeast: max(requested, rows, columns, 2))
        size = p
        frequencyStep = (1 / (Double(p) * binSize.x), 1 / (Double(p) * binSize.y))
        let buf = FFTBuffers(rows: p, columns: p)
        var sum = 0.0, n = 0
        for v in map where !v.isNaN { sum += v; n += 1 }
        let mean = n > 0 ? sum / Double(n) : 0
        buf.real.update(repeating: 0, count: p * p)
        for i in 0..<rows { for j in 0..<columns {
            let v = map[i * columns + j]
            if !v.isNaN { buf.real[i * p + j] = v - mean }
        } }
        buf.forward()
        var out = [Double](repeating: 0, count: p * p)
        let half = p / 2 + 1, c = p / 2
        for r in 0..<p {
            for k in 0..<half {
                let z = buf.spectrum[r * half + k]
                let pw = z.0 * z.0 + z.1 * z.1
                // Frequency (r, k) and its mirror (−r, −k) carry the same power for a real map.
                let fy = r <= p / 2 ? r : r - p
                let y1 = c + fy, x1 = c + k
                if y1 >= 0 && y1 < p && x1 < p { out[y1 * p + x1] = pw }
                let y2 = c - fy, x2 = c - k
                if y2 >= 0 && y2 < p && x2 >= 0 { out[y2 * p + x2] = pw }
            }
        }
        values = out
    }

    /// Power at frequency (fx, fy) in cycles per metre, bilinearly interpolated; 0 outside the spectrum.
    @inline(__always)
    public func power(fx: Double, fy: Double) -> Double {
        let x = Double(size / 2) + fx / frequencyStep.x, y = Double(size / 2) + fy / frequencyStep.y
        guard x >= 0, y >= 0, x < Double(size - 1), y < Double(size - 1) else { return 0 }
        let x0 = Int(x), y0 = Int(y), tx = x - Double(x0), ty = y - Double(y0)
        let b = y0 * size + x0
        return (1 - ty) * ((1 - tx) * values[b] + tx * values[b + 1]) + ty * ((1 - tx) * values[b + size] + tx * values[b + size + 1])
    }
}
