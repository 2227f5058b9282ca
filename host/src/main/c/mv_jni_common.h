/* What libmvhost and libmvnative share on the JNI side. */
#ifndef MV_JNI_COMMON_H
#define MV_JNI_COMMON_H

#include <jni.h>

/* The compiler's layout of the header's structs (mv_layout.h) as parallel arrays: names, and sizes or offsets. */
jobjectArray mv_layout_arrays(JNIEnv *env, jintArray *values_out);

/* Registers dev.mvmqtt.host.NativeMemory's natives (direct buffers over real addresses); 0 on success. */
int mv_register_memory_natives(JNIEnv *env);

#endif
