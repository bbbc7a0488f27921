// zlib from Debian's zlib1g-dev (libhdf5 already loads it in every process). The PNG writer compresses its image
// data with compress2 and checksums its chunks with crc32.
#ifndef REPANALYZE_CZLIB_SHIM_H
#define REPANALYZE_CZLIB_SHIM_H
#include <zlib.h>
#endif
