// The HDF5 C API names its type and property-list ids through macros that expand to library globals, which
// Swift cannot import. These inline functions return them (after H5open, so the globals are initialised).
#ifndef REPANALYZE_CHDF5_SHIM_H
#define REPANALYZE_CHDF5_SHIM_H
#include <hdf5.h>
#include <string.h>

static inline hid_t ra_native_float(void)  { H5open(); return H5T_NATIVE_FLOAT; }
static inline hid_t ra_native_double(void) { H5open(); return H5T_NATIVE_DOUBLE; }
static inline hid_t ra_native_int8(void)   { H5open(); return H5T_NATIVE_INT8; }
static inline hid_t ra_native_uint8(void)  { H5open(); return H5T_NATIVE_UINT8; }
static inline hid_t ra_native_int32(void)  { H5open(); return H5T_NATIVE_INT32; }
static inline hid_t ra_native_int64(void)  { H5open(); return H5T_NATIVE_INT64; }
static inline hid_t ra_c_s1(void)          { H5open(); return H5T_C_S1; }
static inline hid_t ra_ieee_f32le(void)    { H5open(); return H5T_IEEE_F32LE; }
static inline hid_t ra_ieee_f64le(void)    { H5open(); return H5T_IEEE_F64LE; }
static inline hid_t ra_std_i32le(void)     { H5open(); return H5T_STD_I32LE; }
static inline hid_t ra_std_i64le(void)     { H5open(); return H5T_STD_I64LE; }
static inline hid_t ra_std_u8le(void)      { H5open(); return H5T_STD_U8LE; }

static inline hid_t ra_p_dataset_create(void) { H5open(); return H5P_DATASET_CREATE; }

static inline unsigned ra_f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned ra_f_acc_rdwr(void)   { return H5F_ACC_RDWR; }
static inline unsigned ra_f_acc_trunc(void)  { return H5F_ACC_TRUNC; }

static inline hid_t ra_s_all(void) { return H5S_ALL; }
static inline size_t ra_t_variable(void) { return H5T_VARIABLE; }

/// Turns off HDF5's automatic printing of its error stack; failures come back as Swift errors instead.
static inline void ra_silence_errors(void) { H5open(); H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/// The identity of the object a path leads to (file number and address; the token from HDF5 1.12 on) and its type
/// (H5O_TYPE_GROUP, H5O_TYPE_DATASET, ...), so a tree walk recognises a group it has already visited through
/// another hard link (a group containing itself would otherwise be walked forever). Returns < 0 when the object
/// cannot be read (a dangling link, a damaged object header).
static inline int ra_object_key(hid_t loc, const char *name, unsigned long long key[3], int *type) {
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info_by_name3(loc, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
    key[0] = (unsigned long long)info.fileno;
    memcpy(&key[1], &info.token, sizeof(info.token) < 16 ? sizeof(info.token) : 16);
#else
    H5O_info_t info;
    if (H5Oget_info_by_name2(loc, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
    key[0] = (unsigned long long)info.fileno;
    key[1] = (unsigned long long)info.addr;
    key[2] = 0;
#endif
    *type = (int)info.type;
    return 0;
}

/// 1 when the link `name` is a hard link, 0 for soft and external links, < 0 when there is no such link: tells a
/// damaged object (hard link, unreadable header) from a link that merely points nowhere.
static inline int ra_link_is_hard(hid_t loc, const char *name) {
#if H5_VERSION_GE(1, 12, 0)
    H5L_info2_t info;
    if (H5Lget_info2(loc, name, &info, H5P_DEFAULT) < 0) return -1;
#else
    H5L_info_t info;
    if (H5Lget_info(loc, name, &info, H5P_DEFAULT) < 0) return -1;
#endif
    return info.type == H5L_TYPE_HARD ? 1 : 0;
}

#endif
