// FFTW 3 (double precision) from Debian's libfftw3-dev. fftw3_threads is linked so the planner can be made
// thread-safe (fftw_make_planner_thread_safe): Swift Testing and `batch --jobs` plan from several threads.
#ifndef REPANALYZE_CFFTW_SHIM_H
#define REPANALYZE_CFFTW_SHIM_H
#include <fftw3.h>
static inline unsigned ra_fftw_estimate(void) { return FFTW_ESTIMATE; }
/* fftw_version is an array of unknown size, which Swift cannot import. */
static inline const char *ra_fftw_version(void) { return fftw_version; }
#endif
