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

/// OpenBLAS runs on the calling thread only, set once for the process when the first trainer workspace is made.
/// The trainer splits its products into fixed chunks on its own workers (`ParallelChunks`), so the results do not
/// depend on the number of cores; OpenBLAS's own threads would split them by its thread count (changing the last
/// bits), and its waiting threads spin in sched_yield on a loaded machine (a 16,000-step rollout took minutes of wall
/// time for seconds of CPU, with 120,000 involuntary context switches, measured).
let singleThreadedBLAS: Void = openblas_set_num_threads(1)

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
