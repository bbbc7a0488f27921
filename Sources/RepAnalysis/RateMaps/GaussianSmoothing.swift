import Foundation

/// NaN-aware Gaussian smoothing of a rate map: smooth the map with NaN set to 0, smooth the validity mask,
/// divide (normalised convolution), so unvisited bins neither pull values towards 0 nor spread NaN. Bins that
/// were NaN stay NaN (smoothing does not invent visits). Kernel truncated at 4σ, separable, zero outside.
public struct GaussianSmoothing: Sendable {
    /// Standard deviation in bins.
    public let sigma: Double
    let kernel: [Double]

    /// A smoother with standard deviation `sigma` bins.
    public init(sigma: Double) {
        self.sigma = sigma
        let radius = max(1, Int((4 * sigma).rounded(.up)))
        kernel = (-radius...radius).map { exp(-0.5 * Double($0 * $0) / (sigma * sigma)) }
    }

    /// The smoothed map (rows×columns, row-major).
    public func apply(_ map: [Float], rows: Int, columns: Int) -> [Float] {
        var z = map.map { $0.isNaN ? 0 : Double($0) }
        var m = map.map { $0.isNaN ? 0.0 : 1.0 }
        convolve(&z, rows: rows, columns: columns)
        convolve(&m, rows: rows, columns: columns)
        return (0..<map.count).map { i in
            map[i].isNaN || !(m[i] > 1e-12) ? .nan : Float(z[i] / m[i])
        }
    }

    /// Separable convolution with the kernel, zero padding.
    private func convolve(_ a: inout [Double], rows: Int, columns: Int) {
        let r = kernel.count / 2
        var tmp = [Double](repeating: 0, count: a.count)
        for i in 0..<rows {
            for j in 0..<columns {
                var s = 0.0
                for k in max(-r, -j)...min(r, columns - 1 - j) { s += kernel[k + r] * a[i * columns + j + k] }
                tmp[i * columns + j] = s
            }
        }
        for i in 0..<rows {
            for j in 0..<columns {
                var s = 0.0
                for k in max(-r, -i)...min(r, rows - 1 - i) { s += kernel[k + r] * tmp[(i + k) * columns + j] }
                a[i * columns + j] = s
            }
        }
    }
}
