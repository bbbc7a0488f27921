// OpenBLAS from Debian's libopenblas-dev: CBLAS (sgemm, dgemm, ...) and LAPACK (for PCA's eigensolver).
#ifndef REPANALYZE_CBLAS_SHIM_H
#define REPANALYZE_CBLAS_SHIM_H
#include <cblas.h>
#endif
