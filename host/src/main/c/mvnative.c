/*
 * libmvnative: the C side of dev.mvmqtt.host.NativeMicrovisor, which certifies a C implementation of
 * mv_syscalls.h. It loads the implementation's shared library, calls its functions with the exact
 * prototypes on structs the Java side laid out in native memory, and defines the STM32U585 vector-table
 * handlers (TIM8_BRK_IRQHandler, ...) that an implementation calls to pend an IRQ, forwarding each to
 * the Java handler registered for that number. It makes itself global before loading the
 * implementation, so the implementation's references to those names resolve to it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mv_calls.h"
#include "mv_jni_common.h"
#include "mv_syscalls.h"
#include "stm32u585_irq_names.h"

#define EXPORT __attribute__((visibility("default")))

#define CALL_ID(name) ID_##name,
enum call_id { MV_CALLS(CALL_ID) CALL_COUNT };
#define CALL_NAME(name) #name,
static const char *const call_names[CALL_COUNT] = { MV_CALLS(CALL_NAME) };

struct implementation {
    void *library;
    void *calls[CALL_COUNT];
    void (*reset)(void);
    int (*network[3])(void); /* mvhost_network_down, _up, _is_up: optional, all or none */
};

static JavaVM *vm;
static jclass microvisor_class;
static jmethodID pend_irq;

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *loaded_vm, void *reserved) {
    (void) reserved;
    vm = loaded_vm;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_10) != JNI_OK) {
        return JNI_ERR;
    }
    jclass cls = (*env)->FindClass(env, "dev/mvmqtt/host/NativeMicrovisor");
    if (cls == NULL) {
        return JNI_ERR;
    }
    microvisor_class = (*env)->NewGlobalRef(env, cls);
    pend_irq = (*env)->GetStaticMethodID(env, cls, "pendIrq", "(I)V");
    if (pend_irq == NULL || mv_register_memory_natives(env) != 0) {
        return JNI_ERR;
    }
    return JNI_VERSION_10;
}

/* ---- Interrupts pended by the implementation ----------------------------------------------- */

static void forward_irq(int irq) {
    JNIEnv *env;
    jint rc = (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_10);
    if (rc == JNI_EDETACHED) {
        rc = (*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, NULL);
    }
    if (rc != JNI_OK) {
        fprintf(stderr, "libmvnative: IRQ %d dropped: cannot attach the implementation's thread to the JVM\n", irq);
        return;
    }
    (*env)->CallStaticVoidMethod(env, microvisor_class, pend_irq, (jint) irq);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
    }
}

#define DEFINE_HANDLER(number, name) EXPORT void name(void) { forward_irq(number); }
STM32U585_IRQS(DEFINE_HANDLER)

/* ---- Loading and calling the implementation ---------------------------------------------- */

static void throw_illegal(JNIEnv *env, const char *message) {
    (*env)->ThrowNew(env, (*env)->FindClass(env, "java/lang/IllegalArgumentException"), message);
}

JNIEXPORT jlong JNICALL Java_dev_mvmqtt_host_NativeMicrovisor_open(JNIEnv *env, jclass cls, jstring path) {
    (void) cls;
    Dl_info self;
    if (dladdr((void *) forward_irq, &self) == 0 || dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL) == NULL) {
        throw_illegal(env, "libmvnative cannot make its interrupt handlers visible to the implementation");
        return 0;
    }
    const char *file = (*env)->GetStringUTFChars(env, path, NULL);
    void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    (*env)->ReleaseStringUTFChars(env, path, file);
    if (library == NULL) {
        throw_illegal(env, dlerror());
        return 0;
    }
    struct implementation *impl = calloc(1, sizeof *impl);
    impl->library = library;
    char missing[1024] = "";
    for (int i = 0; i < CALL_COUNT; i++) {
        impl->calls[i] = dlsym(library, call_names[i]);
        if (impl->calls[i] == NULL && strlen(missing) + strlen(call_names[i]) + 3 < sizeof missing) {
            strcat(missing, missing[0] ? ", " : "");
            strcat(missing, call_names[i]);
        }
    }
    if (missing[0] != '\0') {
        char message[1200];
        snprintf(message, sizeof message, "the library does not export %s", missing);
        free(impl);
        throw_illegal(env, message);
        return 0;
    }
    impl->reset = (void (*)(void)) dlsym(library, "mvhost_reset");
    const char *network_names[3] = { "mvhost_network_down", "mvhost_network_up", "mvhost_network_is_up" };
    for (int i = 0; i < 3; i++) {
        impl->network[i] = (int (*)(void)) dlsym(library, network_names[i]);
    }
    return (jlong) (uintptr_t) impl;
}

JNIEXPORT jboolean JNICALL Java_dev_mvmqtt_host_NativeMicrovisor_reset(JNIEnv *env, jclass cls, jlong handle) {
    (void) env;
    (void) cls;
    struct implementation *impl = (struct implementation *) (uintptr_t) handle;
    if (impl->reset == NULL) {
        return JNI_FALSE;
    }
    impl->reset();
    return JNI_TRUE;
}

/* op 0 down, 1 up, 2 query; -1 when the implementation exports no network link. */
JNIEXPORT jint JNICALL Java_dev_mvmqtt_host_NativeMicrovisor_networkLink(JNIEnv *env, jclass cls, jlong handle, jint op) {
    (void) env;
    (void) cls;
    struct implementation *impl = (struct implementation *) (uintptr_t) handle;
    if (impl->network[0] == NULL || impl->network[1] == NULL || impl->network[2] == NULL || op < 0 || op > 2) {
        return -1;
    }
    return impl->network[op]();
}

JNIEXPORT jobjectArray JNICALL Java_dev_mvmqtt_host_NativeMicrovisor_layout(JNIEnv *env, jclass cls) {
    (void) cls;
    jintArray values;
    jobjectArray names = mv_layout_arrays(env, &values);
    jobjectArray both = (*env)->NewObjectArray(env, 2, (*env)->FindClass(env, "java/lang/Object"), NULL);
    (*env)->SetObjectArrayElement(env, both, 0, names);
    (*env)->SetObjectArrayElement(env, both, 1, values);
    return both;
}

#define PTR(x) ((void *) (uintptr_t) (x))

/* One call with its exact prototype; a and b are the two arguments as the Java side laid them out. */
JNIEXPORT jint JNICALL Java_dev_mvmqtt_host_NativeMicrovisor_invoke(JNIEnv *env, jclass cls, jlong handle, jint id, jlong a, jlong b) {
    (void) env;
    (void) cls;
    struct implementation *impl = (struct implementation *) (uintptr_t) handle;
    void *fn = impl->calls[id];
    switch ((enum call_id) id) {
        case ID_mvSetupNotifications:
            return ((enum MvStatus (*)(const struct MvNotificationSetup *, MvNotificationHandle *)) fn)(PTR(a), PTR(b));
        case ID_mvCloseNotifications:
            return ((enum MvStatus (*)(MvNotificationHandle *)) fn)(PTR(a));
        case ID_mvRequestNetwork:
            return ((enum MvStatus (*)(const struct MvRequestNetworkParams *, MvNetworkHandle *)) fn)(PTR(a), PTR(b));
        case ID_mvReleaseNetwork:
            return ((enum MvStatus (*)(MvNetworkHandle *)) fn)(PTR(a));
        case ID_mvGetNetworkStatus:
            return ((enum MvStatus (*)(MvNetworkHandle, enum MvNetworkStatus *)) fn)(PTR(a), PTR(b));
        case ID_mvOpenChannel:
            return ((enum MvStatus (*)(const struct MvOpenChannelParams *, MvChannelHandle *)) fn)(PTR(a), PTR(b));
        case ID_mvCloseChannel:
            return ((enum MvStatus (*)(MvChannelHandle *)) fn)(PTR(a));
        case ID_mvGetChannelClosureReason:
            return ((enum MvStatus (*)(MvChannelHandle, enum MvClosureReason *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttGetNextReadableDataType:
            return ((enum MvStatus (*)(MvChannelHandle, enum MvMqttReadableDataType *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttRequestConnect:
            return ((enum MvStatus (*)(MvChannelHandle, const struct MvMqttConnectRequest *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttReadConnectResponse:
            return ((enum MvStatus (*)(MvChannelHandle, struct MvMqttConnectResponse *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttRequestSubscribe:
            return ((enum MvStatus (*)(MvChannelHandle, const struct MvMqttSubscribeRequest *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttReadSubscribeResponse:
            return ((enum MvStatus (*)(MvChannelHandle, const struct MvMqttSubscribeResponse *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttRequestUnsubscribe:
            return ((enum MvStatus (*)(MvChannelHandle, const struct MvMqttUnsubscribeRequest *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttReadUnsubscribeResponse:
            return ((enum MvStatus (*)(MvChannelHandle, const struct MvMqttUnsubscribeResponse *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttRequestPublish:
            return ((enum MvStatus (*)(MvChannelHandle, const struct MvMqttPublishRequest *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttReadPublishResponse:
            return ((enum MvStatus (*)(MvChannelHandle, struct MvMqttPublishResponse *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttReceiveMessage:
            return ((enum MvStatus (*)(MvChannelHandle, const struct MvMqttMessage *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttReceiveLostMessageInfo:
            return ((enum MvStatus (*)(MvChannelHandle, const struct MvMqttLostMessageInfo *)) fn)(PTR(a), PTR(b));
        case ID_mvMqttAcknowledgeMessage:
            return ((enum MvStatus (*)(MvChannelHandle, uint32_t)) fn)(PTR(a), (uint32_t) b);
        case ID_mvMqttRequestDisconnect:
            return ((enum MvStatus (*)(MvChannelHandle)) fn)(PTR(a));
        case ID_mvMqttReadDisconnectResponse:
            return ((enum MvStatus (*)(MvChannelHandle, struct MvMqttDisconnectResponse *)) fn)(PTR(a), PTR(b));
        case CALL_COUNT:
            break;
    }
    return MV_STATUS_INTERNALERROR;
}
