import _CBLAS

/// C = alpha·op(A)·op(B) + beta·C, row-major single precision (OpenBLAS `cblas_sgemm`).
@inline(__always)
func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
           _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
           _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// y = alpha·op(A)·x + beta·y for a row-major m×n matrix A (OpenBLAS `cblas_sgemv`).
@inline(__always)
func sgemv(_ transA: Bool, _ m: Int, _ n: Int, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
           _ x: UnsafePointer<Float>, _ beta: Float, _ y: UnsafeMutablePointer<Float>) {
    cblas_sgemv(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda),
                x, 1, beta, y, 1)
}

/// Sets the number of threads OpenBLAS uses for the products.
public func setBLASThreads(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }

/// The number of threads OpenBLAS uses for the products. Results depend on it in the last bits (OpenBLAS picks
/// kernels and partitions by thread count), so checkpoints record it and a resume restores it.
public func currentBLASThreads() -> Int { Int(openblas_get_num_threads()) }

/// Runs `body` with OpenBLAS limited to one thread: the recurrence's N×N matrix-vector products are too small
/// to gain from threads (OpenBLAS threads them from 96×96 up, and the hand-off costs more than the work).
@inline(__always)
func withSingleThreadedBLAS<R>(_ body: () throws -> R) rethrows -> R {
    let saved = openblas_get_num_threads()
    if saved > 1 { openblas_set_num_threads(1) }
    defer { if saved > 1 { openblas_set_num_threads(saved) } }
    return try body()
}

/// C = alpha·A·Aᵀ + beta·C on the upper triangle of the n×n C, A n×k row-major (OpenBLAS `cblas_ssyrk`).
@inline(__always)
func ssyrkUpper(_ n: Int, _ k: Int, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(k), alpha, a, Int32(lda), beta, c, Int32(ldc))
}

/// C = alpha·S·B + beta·C with S the m×m symmetric matrix stored in the upper triangle of `a` (lower ignored),
/// B and C m×n row-major (OpenBLAS `cblas_ssymm`).
@inline(__always)
func ssymmLeftUpper(_ m: Int, _ n: Int, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                    _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    cblas_ssymm(CblasRowMajor, CblasLeft, CblasUpper, Int32(m), Int32(n), alpha, a, Int32(lda), b, Int32(ldb),
                beta, c, Int32(ldc))
}
