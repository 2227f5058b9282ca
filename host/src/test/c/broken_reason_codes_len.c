/*
 * A deliberately broken C implementation for the C path's own test: libmvhost (linked beneath it)
 * with one C-level fault, an off-by-one count: a subscribe response's reason_codes_len says one code
 * more than were written. Every other call resolves to libmvhost's. The TCK through NativeMicrovisor
 * must reject it on SUB-RESP-1.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

#include "mv_syscalls.h"

#define EXPORT __attribute__((visibility("default")))

EXPORT enum MvStatus mvMqttReadSubscribeResponse(MvChannelHandle handle, const struct MvMqttSubscribeResponse *response) {
    enum MvStatus (*real)(MvChannelHandle, const struct MvMqttSubscribeResponse *) =
        (enum MvStatus (*)(MvChannelHandle, const struct MvMqttSubscribeResponse *)) dlsym(RTLD_NEXT, "mvMqttReadSubscribeResponse");
    enum MvStatus status = real(handle, response);
    if (status == MV_STATUS_OKAY && response->reason_codes_len != NULL) {
        *response->reason_codes_len += 1;
    }
    return status;
}
