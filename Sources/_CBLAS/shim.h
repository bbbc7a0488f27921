// OpenBLAS from Debian's libopenblas-dev: CBLAS (sgemm, sgemv, ...) for the trainer.
#ifndef REPANALYZE_CBLAS_SHIM_H
#define REPANALYZE_CBLAS_SHIM_H
#include <cblas.h>
#endif
