/*
 * libmvhost: the header's notification, network, channel and MQTT calls for firmware run on a PC,
 * backed by a Java Microvisor (the reference by default) in the same process through JNI.
 *
 * The first call starts a JVM (or attaches to one already running in the process) with the class
 * path in MVHOST_CLASSPATH, else the one compiled in at build time; MVHOST_JVM_OPTIONS adds options
 * separated by spaces (for example -Dmvhost.implementation=NAME). Every call then runs the Java
 * method of the same name in dev.mvmqtt.host.HostBridge with its arguments as 64-bit values; the
 * Java side reads and writes the firmware's memory in place through direct buffers over the real
 * addresses (NativeMemory.wrap below). When the implementation pends an IRQ, the firmware's handler
 * for that number runs: the one given to mvhost_set_irq_handler, else the function the firmware
 * defines under the STM32U585 vector-table name.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mv_syscalls.h"
#include "mvhost.h"
#include "mv_jni_common.h"
#include "mv_calls.h"
#include "stm32u585_irq_names.h"

#ifndef MVHOST_DEFAULT_CLASSPATH
#define MVHOST_DEFAULT_CLASSPATH ""
#endif

#define MVHOST_EXPORT __attribute__((visibility("default")))

/* ---- Interrupt vectors ----------------------------------------------------------------------- */

#define DECLARE_WEAK_HANDLER(number, name) extern void name(void) __attribute__((weak));
STM32U585_IRQS(DECLARE_WEAK_HANDLER)

typedef void (*irq_handler)(void);

#define VECTOR_ENTRY(number, name) [number] = name,
static irq_handler const vector_table[STM32U585_IRQ_COUNT] = { STM32U585_IRQS(VECTOR_ENTRY) };
#define VECTOR_NAME(number, name) [number] = #name,
static const char *const vector_names[STM32U585_IRQ_COUNT] = { STM32U585_IRQS(VECTOR_NAME) };

static _Atomic(irq_handler) registered[STM32U585_IRQ_COUNT];
static atomic_flag missing_reported[STM32U585_IRQ_COUNT];

static irq_handler handler_for(uint32_t irq) {
    if (irq >= STM32U585_IRQ_COUNT) {
        return NULL;
    }
    irq_handler h = atomic_load(&registered[irq]);
    if (h == NULL) {
        h = vector_table[irq];
    }
    if (h == NULL) {
        /* A handler in an executable not linked against this library directly (dlopen, -rdynamic). */
        h = (irq_handler) dlsym(RTLD_DEFAULT, vector_names[irq]);
    }
    return h;
}

MVHOST_EXPORT void mvhost_set_irq_handler(uint32_t irq, void (*handler)(void)) {
    if (irq < STM32U585_IRQ_COUNT) {
        atomic_store(&registered[irq], handler);
    } else {
        fprintf(stderr, "libmvhost: IRQ %u is not an STM32U585 interrupt (0..%d); handler ignored\n", irq, STM32U585_IRQ_COUNT - 1);
    }
}

/* HostBridge.dispatchIrq: runs on the implementation's interrupt thread, one handler at a time. */
static void JNICALL dispatch_irq(JNIEnv *env, jclass cls, jint irq) {
    (void) env;
    (void) cls;
    irq_handler h = handler_for((uint32_t) irq);
    if (h != NULL) {
        h();
    } else if ((uint32_t) irq < STM32U585_IRQ_COUNT && !atomic_flag_test_and_set(&missing_reported[irq])) {
        fprintf(stderr, "libmvhost: IRQ %d was pended but the firmware has no handler: define %s or call mvhost_set_irq_handler\n",
                (int) irq, vector_names[irq]);
    }
}

/* ---- The JVM --------------------------------------------------------------------------------- */

#define CALL_ID(name) ID_##name,
enum call_id { MV_CALLS(CALL_ID) CALL_COUNT };
#define CALL_NAME(name) #name,
static const char *const call_names[CALL_COUNT] = { MV_CALLS(CALL_NAME) };

static JavaVM *vm;
static jclass bridge;
static jmethodID call_methods[CALL_COUNT];
static pthread_once_t started = PTHREAD_ONCE_INIT;
static atomic_bool running;

static _Noreturn void fail_start(JNIEnv *env, const char *what) {
    fprintf(stderr, "libmvhost: cannot start the Java implementation: %s\n", what);
    if (env != NULL && (*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
    }
    exit(70);
}

static JNIEnv *thread_env(void) {
    JNIEnv *env = NULL;
    jint rc = (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_10);
    if (rc == JNI_EDETACHED) {
        /* A daemon attachment: a firmware thread must not hold the JVM up at exit. */
        rc = (*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, NULL);
    }
    if (rc != JNI_OK) {
        fprintf(stderr, "libmvhost: cannot attach this thread to the JVM (%d)\n", (int) rc);
        abort();
    }
    return env;
}

/* Space-separated options from MVHOST_JVM_OPTIONS, after the class path and -Xrs. */
static int jvm_options(JavaVMOption *options, int max, char *class_path_option, char *extra) {
    int n = 0;
    options[n++].optionString = class_path_option;
    /* The firmware keeps its own SIGINT/SIGTERM behaviour. */
    options[n++].optionString = "-Xrs";
    for (char *save = NULL, *tok = strtok_r(extra, " ", &save); tok != NULL && n < max; tok = strtok_r(NULL, " ", &save)) {
        options[n++].optionString = tok;
    }
    return n;
}

static void stop_at_exit(void) {
    mvhost_shutdown();
}

static void start_jvm(void) {
    JNIEnv *env = NULL;
    jsize existing = 0;
    bool own_jvm = false;
    if (JNI_GetCreatedJavaVMs(&vm, 1, &existing) == JNI_OK && existing > 0) {
        /* Loaded into a running JVM (certifying libmvhost through the C path): its owner ends it. */
        env = thread_env();
    } else {
        own_jvm = true;
        const char *cp = getenv("MVHOST_CLASSPATH");
        if (cp == NULL || cp[0] == '\0') {
            cp = MVHOST_DEFAULT_CLASSPATH;
        }
        if (cp[0] == '\0') {
            fail_start(NULL, "no class path: set MVHOST_CLASSPATH to the host, reference-impl and spec jars and their dependencies");
        }
        const char *prefix = "-Djava.class.path=";
        char *class_path_option = malloc(strlen(prefix) + strlen(cp) + 1);
        strcpy(class_path_option, prefix);
        strcat(class_path_option, cp);
        const char *extra_env = getenv("MVHOST_JVM_OPTIONS");
        char *extra = strdup(extra_env != NULL ? extra_env : "");
        JavaVMOption options[32];
        JavaVMInitArgs args;
        args.version = JNI_VERSION_10;
        args.nOptions = jvm_options(options, 32, class_path_option, extra);
        args.options = options;
        args.ignoreUnrecognized = JNI_FALSE;
        jint rc = JNI_CreateJavaVM(&vm, (void **) &env, &args);
        /* The JVM copies its options; the strings are ours to free. */
        free(class_path_option);
        free(extra);
        if (rc != JNI_OK) {
            fail_start(NULL, "JNI_CreateJavaVM failed (check MVHOST_JVM_OPTIONS)");
        }
    }
    jclass local = (*env)->FindClass(env, "dev/mvmqtt/host/HostBridge");
    if (local == NULL) {
        fail_start(env, "dev.mvmqtt.host.HostBridge is not on the class path");
    }
    bridge = (*env)->NewGlobalRef(env, local);
    JNINativeMethod bridge_natives[] = {
        { "dispatchIrq", "(I)V", (void *) dispatch_irq },
    };
    if ((*env)->RegisterNatives(env, bridge, bridge_natives, 1) != 0 || mv_register_memory_natives(env) != 0) {
        fail_start(env, "cannot register libmvhost's native methods");
    }
    for (int i = 0; i < CALL_COUNT; i++) {
        call_methods[i] = (*env)->GetStaticMethodID(env, bridge, call_names[i], "(JJ)I");
        if (call_methods[i] == NULL) {
            fail_start(env, call_names[i]);
        }
    }
    jintArray values;
    jobjectArray names = mv_layout_arrays(env, &values);
    jmethodID start = (*env)->GetStaticMethodID(env, bridge, "start", "([Ljava/lang/String;[I)V");
    if (start == NULL) {
        fail_start(env, "HostBridge.start is missing");
    }
    (*env)->CallStaticVoidMethod(env, bridge, start, names, values);
    if ((*env)->ExceptionCheck(env)) {
        fail_start(env, "HostBridge.start failed");
    }
    (*env)->DeleteLocalRef(env, names);
    (*env)->DeleteLocalRef(env, values);
    atomic_store(&running, true);
    if (own_jvm) {
        atexit(stop_at_exit);
    }
}

MVHOST_EXPORT void mvhost_shutdown(void) {
    if (!atomic_exchange(&running, false)) {
        return;
    }
    JNIEnv *env = thread_env();
    jmethodID stop = (*env)->GetStaticMethodID(env, bridge, "stop", "()V");
    if (stop != NULL) {
        (*env)->CallStaticVoidMethod(env, bridge, stop);
    }
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
    }
}

MVHOST_EXPORT void mvhost_reset(void) {
    pthread_once(&started, start_jvm);
    JNIEnv *env = thread_env();
    jmethodID reset = (*env)->GetStaticMethodID(env, bridge, "reset", "()V");
    if (reset != NULL) {
        (*env)->CallStaticVoidMethod(env, bridge, reset);
    }
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
    }
}

/* The implementation's network link (NetworkLink), for tests: op 0 down, 1 up, 2 query; -1 when it has none. */
static int network_link(int op) {
    pthread_once(&started, start_jvm);
    JNIEnv *env = thread_env();
    jmethodID link = (*env)->GetStaticMethodID(env, bridge, "networkLink", "(I)I");
    jint result = link == NULL ? -1 : (*env)->CallStaticIntMethod(env, bridge, link, (jint) op);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
        return -1;
    }
    return result;
}

MVHOST_EXPORT int mvhost_network_down(void) {
    return network_link(0);
}

MVHOST_EXPORT int mvhost_network_up(void) {
    return network_link(1);
}

MVHOST_EXPORT int mvhost_network_is_up(void) {
    return network_link(2);
}

static enum MvStatus call(enum call_id id, jlong a, jlong b) {
    pthread_once(&started, start_jvm);
    if (!atomic_load(&running)) {
        return MV_STATUS_UNAVAILABLE;
    }
    JNIEnv *env = thread_env();
    jint status = (*env)->CallStaticIntMethod(env, bridge, call_methods[id], a, b);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
        return MV_STATUS_INTERNALERROR;
    }
    return (enum MvStatus) (uint32_t) status;
}

#define P(x) ((jlong) (uintptr_t) (x))

/* ---- The header's calls ---------------------------------------------------------------------- */

MVHOST_EXPORT enum MvStatus mvSetupNotifications(const struct MvNotificationSetup *notifications, MvNotificationHandle *handle_out) {
    return call(ID_mvSetupNotifications, P(notifications), P(handle_out));
}

MVHOST_EXPORT enum MvStatus mvCloseNotifications(MvNotificationHandle *handle_in_out) {
    return call(ID_mvCloseNotifications, P(handle_in_out), 0);
}

MVHOST_EXPORT enum MvStatus mvRequestNetwork(const struct MvRequestNetworkParams *params, MvNetworkHandle *handle) {
    return call(ID_mvRequestNetwork, P(params), P(handle));
}

MVHOST_EXPORT enum MvStatus mvReleaseNetwork(MvNetworkHandle *handle) {
    return call(ID_mvReleaseNetwork, P(handle), 0);
}

MVHOST_EXPORT enum MvStatus mvGetNetworkStatus(MvNetworkHandle handle, enum MvNetworkStatus *status) {
    return call(ID_mvGetNetworkStatus, P(handle), P(status));
}

MVHOST_EXPORT enum MvStatus mvOpenChannel(const struct MvOpenChannelParams *params, MvChannelHandle *handle) {
    return call(ID_mvOpenChannel, P(params), P(handle));
}

MVHOST_EXPORT enum MvStatus mvCloseChannel(MvChannelHandle *handle) {
    return call(ID_mvCloseChannel, P(handle), 0);
}

MVHOST_EXPORT enum MvStatus mvGetChannelClosureReason(MvChannelHandle handle, enum MvClosureReason *reason_out) {
    return call(ID_mvGetChannelClosureReason, P(handle), P(reason_out));
}

MVHOST_EXPORT enum MvStatus mvMqttGetNextReadableDataType(MvChannelHandle handle, enum MvMqttReadableDataType *data_type) {
    return call(ID_mvMqttGetNextReadableDataType, P(handle), P(data_type));
}

MVHOST_EXPORT enum MvStatus mvMqttRequestConnect(MvChannelHandle handle, const struct MvMqttConnectRequest *request) {
    return call(ID_mvMqttRequestConnect, P(handle), P(request));
}

MVHOST_EXPORT enum MvStatus mvMqttReadConnectResponse(MvChannelHandle handle, struct MvMqttConnectResponse *response_data) {
    return call(ID_mvMqttReadConnectResponse, P(handle), P(response_data));
}

MVHOST_EXPORT enum MvStatus mvMqttRequestSubscribe(MvChannelHandle handle, const struct MvMqttSubscribeRequest *request) {
    return call(ID_mvMqttRequestSubscribe, P(handle), P(request));
}

MVHOST_EXPORT enum MvStatus mvMqttReadSubscribeResponse(MvChannelHandle handle, const struct MvMqttSubscribeResponse *response_data) {
    return call(ID_mvMqttReadSubscribeResponse, P(handle), P(response_data));
}

MVHOST_EXPORT enum MvStatus mvMqttRequestUnsubscribe(MvChannelHandle handle, const struct MvMqttUnsubscribeRequest *request) {
    return call(ID_mvMqttRequestUnsubscribe, P(handle), P(request));
}

MVHOST_EXPORT enum MvStatus mvMqttReadUnsubscribeResponse(MvChannelHandle handle, const struct MvMqttUnsubscribeResponse *response_data) {
    return call(ID_mvMqttReadUnsubscribeResponse, P(handle), P(response_data));
}

MVHOST_EXPORT enum MvStatus mvMqttRequestPublish(MvChannelHandle handle, const struct MvMqttPublishRequest *request) {
    return call(ID_mvMqttRequestPublish, P(handle), P(request));
}

MVHOST_EXPORT enum MvStatus mvMqttReadPublishResponse(MvChannelHandle handle, struct MvMqttPublishResponse *response_data) {
    return call(ID_mvMqttReadPublishResponse, P(handle), P(response_data));
}

MVHOST_EXPORT enum MvStatus mvMqttReceiveMessage(MvChannelHandle handle, const struct MvMqttMessage *message_data) {
    return call(ID_mvMqttReceiveMessage, P(handle), P(message_data));
}

MVHOST_EXPORT enum MvStatus mvMqttReceiveLostMessageInfo(MvChannelHandle handle, const struct MvMqttLostMessageInfo *lost_message_info) {
    return call(ID_mvMqttReceiveLostMessageInfo, P(handle), P(lost_message_info));
}

MVHOST_EXPORT enum MvStatus mvMqttAcknowledgeMessage(MvChannelHandle handle, uint32_t correlation_id) {
    return call(ID_mvMqttAcknowledgeMessage, P(handle), (jlong) correlation_id);
}

MVHOST_EXPORT enum MvStatus mvMqttRequestDisconnect(MvChannelHandle handle) {
    return call(ID_mvMqttRequestDisconnect, P(handle), 0);
}

MVHOST_EXPORT enum MvStatus mvMqttReadDisconnectResponse(MvChannelHandle handle, struct MvMqttDisconnectResponse *response_data) {
    return call(ID_mvMqttReadDisconnectResponse, P(handle), P(response_data));
}
