#include "mv_jni_common.h"

#include <stddef.h>
#include <stdint.h>

#include "mv_layout.h"
#include "mv_syscalls.h"

jobjectArray mv_layout_arrays(JNIEnv *env, jintArray *values_out) {
#define COUNT_ONE(...) +1
    enum { COUNT = 1 MV_LAYOUT_STRUCTS(COUNT_ONE) MV_LAYOUT_FIELDS(COUNT_ONE) };
    jobjectArray names = (*env)->NewObjectArray(env, COUNT, (*env)->FindClass(env, "java/lang/String"), NULL);
    jint values[COUNT];
    int i = 0;
    (*env)->SetObjectArrayElement(env, names, i, (*env)->NewStringUTF(env, "pointer"));
    values[i++] = (jint) sizeof(void *);
#define PUT_SIZE(type, expected) \
    (*env)->SetObjectArrayElement(env, names, i, (*env)->NewStringUTF(env, #type)); \
    values[i++] = (jint) sizeof(struct type);
#define PUT_FIELD(type, field, expected) \
    (*env)->SetObjectArrayElement(env, names, i, (*env)->NewStringUTF(env, #type "." #field)); \
    values[i++] = (jint) offsetof(struct type, field);
    MV_LAYOUT_STRUCTS(PUT_SIZE)
    MV_LAYOUT_FIELDS(PUT_FIELD)
    *values_out = (*env)->NewIntArray(env, COUNT);
    (*env)->SetIntArrayRegion(env, *values_out, 0, COUNT, values);
    return names;
}

static jobject JNICALL wrap_memory(JNIEnv *env, jclass cls, jlong address, jint length) {
    (void) cls;
    return (*env)->NewDirectByteBuffer(env, (void *) (uintptr_t) address, (jlong) length);
}

static jlong JNICALL address_of(JNIEnv *env, jclass cls, jobject buffer) {
    (void) cls;
    return (jlong) (uintptr_t) (*env)->GetDirectBufferAddress(env, buffer);
}

int mv_register_memory_natives(JNIEnv *env) {
    jclass memory = (*env)->FindClass(env, "dev/mvmqtt/host/NativeMemory");
    JNINativeMethod natives[] = {
        { "wrap", "(JI)Ljava/nio/ByteBuffer;", (void *) wrap_memory },
        { "address", "(Ljava/nio/ByteBuffer;)J", (void *) address_of },
    };
    return memory == NULL ? -1 : (*env)->RegisterNatives(env, memory, natives, 2);
}
