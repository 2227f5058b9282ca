/*
 * Pins mv_syscalls.h to the ABI: every struct's size and field offsets (mv_layout.h), every enum
 * value of the facts, the 32-bit size of every enum, and each call's prototype (a call whose
 * parameter types drift fails to compile here).
 */
#include <stddef.h>
#include <stdio.h>
#include "mv_syscalls.h"
#include "mv_layout.h"

static int passed, failed;

static void check(const char *what, long actual, long expected) {
    if (actual == expected) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s: %ld, expected %ld\n", what, actual, expected);
    }
}

#define CHECK_SIZE(type, size) check("sizeof(struct " #type ")", (long) sizeof(struct type), size);
#define CHECK_FIELD(type, field, offset) check("offsetof(" #type ", " #field ")", (long) offsetof(struct type, field), offset);
#define CHECK_ENUM(name, value) check(#name, (long) (name), value);

/* The enumeration values of spec-facts.md. */
static void check_enums(void) {
    CHECK_ENUM(MV_STATUS_OKAY, 0x00) CHECK_ENUM(MV_STATUS_TIMENOTSET, 0x01) CHECK_ENUM(MV_STATUS_PARAMETERFAULT, 0x02)
    CHECK_ENUM(MV_STATUS_INVALIDBUFFERSIZE, 0x03) CHECK_ENUM(MV_STATUS_PERIPHERALACCESSFAULT, 0x04)
    CHECK_ENUM(MV_STATUS_BUFFERALREADYINUSE, 0x05) CHECK_ENUM(MV_STATUS_INVALIDINTERRUPT, 0x06)
    CHECK_ENUM(MV_STATUS_INVALIDHANDLE, 0x07) CHECK_ENUM(MV_STATUS_TOOMANYNOTIFICATIONBUFFERS, 0x08)
    CHECK_ENUM(MV_STATUS_INVALIDVECTOR, 0x09) CHECK_ENUM(MV_STATUS_UNAVAILABLE, 0x0a)
    CHECK_ENUM(MV_STATUS_UNSUPPORTEDSTRUCTUREVERSION, 0x0b) CHECK_ENUM(MV_STATUS_TOOMANYCHANNELS, 0x0c)
    CHECK_ENUM(MV_STATUS_UNKNOWNCHANNELENDPOINT, 0x0d) CHECK_ENUM(MV_STATUS_UNKNOWNCHANNELTYPE, 0x0e)
    CHECK_ENUM(MV_STATUS_CHANNELCLOSED, 0x0f) CHECK_ENUM(MV_STATUS_NETWORKNOTCONNECTED, 0x10)
    CHECK_ENUM(MV_STATUS_RATELIMITED, 0x11) CHECK_ENUM(MV_STATUS_INVALIDBUFFERALIGNMENT, 0x12)
    CHECK_ENUM(MV_STATUS_LATEFAULT, 0x13) CHECK_ENUM(MV_STATUS_RESPONSENOTPRESENT, 0x14)
    CHECK_ENUM(MV_STATUS_INDEXINVALID, 0x15) CHECK_ENUM(MV_STATUS_OFFSETINVALID, 0x16)
    CHECK_ENUM(MV_STATUS_REQUESTALREADYSENT, 0x17) CHECK_ENUM(MV_STATUS_REQUESTUNSUCCESSFUL, 0x18)
    CHECK_ENUM(MV_STATUS_LOGMESSAGETOOLONG, 0x19) CHECK_ENUM(MV_STATUS_LOGGINGDISABLEDBYSERVER, 0x1a)
    CHECK_ENUM(MV_STATUS_TOOMANYCONFIGKEYS, 0x1b) CHECK_ENUM(MV_STATUS_UNKNOWNCONFIGSTORE, 0x1c)
    CHECK_ENUM(MV_STATUS_UNKNOWNCONFIGSCOPE, 0x1d) CHECK_ENUM(MV_STATUS_INVALIDCONFIGKEY, 0x1e)
    CHECK_ENUM(MV_STATUS_INVALIDAUTHENTICATION, 0x1f) CHECK_ENUM(MV_STATUS_WRONGDATAREQUESTED, 0x20)
    CHECK_ENUM(MV_STATUS_INTERNALERROR, 0x21) CHECK_ENUM(MV_STATUS_TOOMANYELEMENTS, 0x22)
    CHECK_ENUM(MV_STATUS_REQUIREDELEMENTMISSING, 0x23) CHECK_ENUM(MV_STATUS_MICROVISORBUSY, 0x24)
    CHECK_ENUM(MV_STATUS_ADDRESSOUTOFRANGE, 0x25) CHECK_ENUM(MV_STATUS_INPUTTOOLONG, 0x26)

    CHECK_ENUM(MV_MQTTREQUESTSTATE_REQUESTCOMPLETED, 0) CHECK_ENUM(MV_MQTTREQUESTSTATE_INVALIDPARAMETERS, 1)
    CHECK_ENUM(MV_MQTTREQUESTSTATE_ALREADYCONNECTED, 2) CHECK_ENUM(MV_MQTTREQUESTSTATE_NOTCONNECTED, 3)
    CHECK_ENUM(MV_MQTTREQUESTSTATE_NXDOMAIN, 4) CHECK_ENUM(MV_MQTTREQUESTSTATE_UNKNOWNCA, 5)
    CHECK_ENUM(MV_MQTTREQUESTSTATE_CERTIFICATEEXPIRED, 6) CHECK_ENUM(MV_MQTTREQUESTSTATE_SOCKETERROR, 7)
    CHECK_ENUM(MV_MQTTREQUESTSTATE_CONNECTIONCIRCUITBREAKER, 8)

    CHECK_ENUM(MV_MQTTREADABLEDATATYPE_NONE, 0) CHECK_ENUM(MV_MQTTREADABLEDATATYPE_MESSAGERECEIVED, 1)
    CHECK_ENUM(MV_MQTTREADABLEDATATYPE_MESSAGELOST, 2) CHECK_ENUM(MV_MQTTREADABLEDATATYPE_CONNECTRESPONSE, 3)
    CHECK_ENUM(MV_MQTTREADABLEDATATYPE_SUBSCRIBERESPONSE, 4) CHECK_ENUM(MV_MQTTREADABLEDATATYPE_UNSUBSCRIBERESPONSE, 5)
    CHECK_ENUM(MV_MQTTREADABLEDATATYPE_PUBLISHRESPONSE, 6) CHECK_ENUM(MV_MQTTREADABLEDATATYPE_DISCONNECTRESPONSE, 7)

    CHECK_ENUM(MV_MQTTPROTOCOLVERSION_V3_1_1, 0) CHECK_ENUM(MV_MQTTPROTOCOLVERSION_V5, 1)
    CHECK_ENUM(MV_MQTTAUTHENTICATIONMETHOD_NONE, 0) CHECK_ENUM(MV_MQTTAUTHENTICATIONMETHOD_USERNAMEPASSWORD, 1)
    CHECK_ENUM(MV_CHANNELTYPE_OPAQUEBYTES, 0) CHECK_ENUM(MV_CHANNELTYPE_MQTT, 1)
    CHECK_ENUM(MV_CHANNELTYPE_HTTP, 2) CHECK_ENUM(MV_CHANNELTYPE_CONFIGFETCH, 3)
    CHECK_ENUM(MV_EVENTTYPE_NOEVENT, 0) CHECK_ENUM(MV_EVENTTYPE_NETWORKSTATUSCHANGED, 1)
    CHECK_ENUM(MV_EVENTTYPE_CHANNELDATAREADABLE, 2) CHECK_ENUM(MV_EVENTTYPE_CHANNELDATAWRITESPACE, 3)
    CHECK_ENUM(MV_EVENTTYPE_CHANNELNOTCONNECTED, 4) CHECK_ENUM(MV_EVENTTYPE_UPDATEDOWNLOADED, 5)
    CHECK_ENUM(MV_NETWORKSTATUS_DELIBERATELYOFFLINE, 0) CHECK_ENUM(MV_NETWORKSTATUS_CONNECTED, 1)
    CHECK_ENUM(MV_NETWORKSTATUS_CONNECTING, 2) CHECK_ENUM(MV_NETWORKSTATUS_DISCONNECTEDWITHLINKUP, 3)
    CHECK_ENUM(MV_CLOSUREREASON_NONE, 0) CHECK_ENUM(MV_CLOSUREREASON_CHANNELCLOSEDBYSERVER, 1)
    CHECK_ENUM(MV_CLOSUREREASON_CHANNELRESETBYSERVER, 2) CHECK_ENUM(MV_CLOSUREREASON_NETWORKDISCONNECTED, 3)
    CHECK_ENUM(MV_CLOSUREREASON_CONNECTIONTERMINATED, 4) CHECK_ENUM(MV_CLOSUREREASON_NOTYETOPEN, 5)
    CHECK_ENUM(MV_CLOSUREREASON_CLOSEDBYAPPLICATION, 6) CHECK_ENUM(MV_CLOSUREREASON_UNEXPECTEDLYTERMINATED, 7)
    CHECK_ENUM(MV_MQTTLOSTMESSAGEREASON_DEVICERECEIVEBUFFERTOOSMALL, 0)
}

/* Every enum is a 32-bit field of the structs; handles are the SDK's opaque pointer types. */
static void check_scalar_sizes(void) {
    check("sizeof(enum MvStatus)", sizeof(enum MvStatus), 4);
    check("sizeof(enum MvEventType)", sizeof(enum MvEventType), 4);
    check("sizeof(enum MvNetworkStatus)", sizeof(enum MvNetworkStatus), 4);
    check("sizeof(enum MvChannelType)", sizeof(enum MvChannelType), 4);
    check("sizeof(enum MvClosureReason)", sizeof(enum MvClosureReason), 4);
    check("sizeof(enum MvMqttReadableDataType)", sizeof(enum MvMqttReadableDataType), 4);
    check("sizeof(enum MvMqttProtocolVersion)", sizeof(enum MvMqttProtocolVersion), 4);
    check("sizeof(enum MvMqttAuthenticationMethod)", sizeof(enum MvMqttAuthenticationMethod), 4);
    check("sizeof(enum MvMqttRequestState)", sizeof(enum MvMqttRequestState), 4);
    check("sizeof(enum MvMqttLostMessageReason)", sizeof(enum MvMqttLostMessageReason), 4);
    check("sizeof(MvNotificationHandle)", sizeof(MvNotificationHandle), sizeof(void *));
    check("sizeof(MvNetworkHandle)", sizeof(MvNetworkHandle), sizeof(void *));
    check("sizeof(MvChannelHandle)", sizeof(MvChannelHandle), sizeof(void *));
}

/* Each call's exact prototype: a pointer of the expected type must take the declared function. */
typedef enum MvStatus (*handle_out_call)(MvChannelHandle *);
static void check_prototypes(void) {
    enum MvStatus (*setup)(const struct MvNotificationSetup *, MvNotificationHandle *) = mvSetupNotifications;
    enum MvStatus (*close_notif)(MvNotificationHandle *) = mvCloseNotifications;
    enum MvStatus (*req_net)(const struct MvRequestNetworkParams *, MvNetworkHandle *) = mvRequestNetwork;
    enum MvStatus (*rel_net)(MvNetworkHandle *) = mvReleaseNetwork;
    enum MvStatus (*net_status)(MvNetworkHandle, enum MvNetworkStatus *) = mvGetNetworkStatus;
    enum MvStatus (*open)(const struct MvOpenChannelParams *, MvChannelHandle *) = mvOpenChannel;
    handle_out_call close_chan = mvCloseChannel;
    enum MvStatus (*closure)(MvChannelHandle, enum MvClosureReason *) = mvGetChannelClosureReason;
    enum MvStatus (*next)(MvChannelHandle, enum MvMqttReadableDataType *) = mvMqttGetNextReadableDataType;
    enum MvStatus (*connect)(MvChannelHandle, const struct MvMqttConnectRequest *) = mvMqttRequestConnect;
    enum MvStatus (*read_conn)(MvChannelHandle, struct MvMqttConnectResponse *) = mvMqttReadConnectResponse;
    enum MvStatus (*sub)(MvChannelHandle, const struct MvMqttSubscribeRequest *) = mvMqttRequestSubscribe;
    enum MvStatus (*read_sub)(MvChannelHandle, const struct MvMqttSubscribeResponse *) = mvMqttReadSubscribeResponse;
    enum MvStatus (*unsub)(MvChannelHandle, const struct MvMqttUnsubscribeRequest *) = mvMqttRequestUnsubscribe;
    enum MvStatus (*read_unsub)(MvChannelHandle, const struct MvMqttUnsubscribeResponse *) = mvMqttReadUnsubscribeResponse;
    enum MvStatus (*pub)(MvChannelHandle, const struct MvMqttPublishRequest *) = mvMqttRequestPublish;
    enum MvStatus (*read_pub)(MvChannelHandle, struct MvMqttPublishResponse *) = mvMqttReadPublishResponse;
    enum MvStatus (*recv)(MvChannelHandle, const struct MvMqttMessage *) = mvMqttReceiveMessage;
    enum MvStatus (*lost)(MvChannelHandle, const struct MvMqttLostMessageInfo *) = mvMqttReceiveLostMessageInfo;
    enum MvStatus (*ack)(MvChannelHandle, uint32_t) = mvMqttAcknowledgeMessage;
    enum MvStatus (*disc)(MvChannelHandle) = mvMqttRequestDisconnect;
    enum MvStatus (*read_disc)(MvChannelHandle, struct MvMqttDisconnectResponse *) = mvMqttReadDisconnectResponse;
    const void *all[] = {
        (const void *) setup, (const void *) close_notif, (const void *) req_net, (const void *) rel_net,
        (const void *) net_status, (const void *) open, (const void *) close_chan, (const void *) closure,
        (const void *) next, (const void *) connect, (const void *) read_conn, (const void *) sub,
        (const void *) read_sub, (const void *) unsub, (const void *) read_unsub, (const void *) pub,
        (const void *) read_pub, (const void *) recv, (const void *) lost, (const void *) ack,
        (const void *) disc, (const void *) read_disc,
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        check("call is linked", all[i] != NULL, 1);
    }
}

int main(void) {
    MV_LAYOUT_STRUCTS(CHECK_SIZE)
    MV_LAYOUT_FIELDS(CHECK_FIELD)
    check_enums();
    check_scalar_sizes();
    check_prototypes();
    printf("layout: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
