/*
 * A deliberately broken C implementation for the C path's own test: libmvhost (linked beneath it)
 * with one C-level fault, the subscribe and unsubscribe reason codes written in reverse order. Every
 * other call resolves to libmvhost's. The TCK through NativeMicrovisor must reject it on SUB-RESP-1.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

#include "mv_syscalls.h"

#define EXPORT __attribute__((visibility("default")))

static void reverse(uint32_t *codes, uint32_t n) {
    for (uint32_t i = 0; i < n / 2; i++) {
        uint32_t t = codes[i];
        codes[i] = codes[n - 1 - i];
        codes[n - 1 - i] = t;
    }
}

EXPORT enum MvStatus mvMqttReadSubscribeResponse(MvChannelHandle handle, const struct MvMqttSubscribeResponse *response) {
    enum MvStatus (*real)(MvChannelHandle, const struct MvMqttSubscribeResponse *) =
        (enum MvStatus (*)(MvChannelHandle, const struct MvMqttSubscribeResponse *)) dlsym(RTLD_NEXT, "mvMqttReadSubscribeResponse");
    enum MvStatus status = real(handle, response);
    if (status == MV_STATUS_OKAY && response->reason_codes != NULL && response->reason_codes_len != NULL) {
        reverse(response->reason_codes, *response->reason_codes_len);
    }
    return status;
}
