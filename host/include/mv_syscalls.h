/*
 * mvmqtt's own declaration of the Microvisor system calls that MQTT needs: notifications, network,
 * channels and MQTT. Written by this project from the interface facts (spec-facts.md): the names,
 * numeric values, field order and field types are the ABI, so firmware written against the SDK's
 * header compiles and links unchanged against libmvhost. Calls outside these four groups (clocks,
 * HTTP, config, logging, fast interrupts) are not declared: libmvhost does not provide them.
 *
 * Layout: every enum is forced to 32 bits (a sentinel of 0xffffffff), handles are opaque pointer
 * types exactly as the SDK declares them (32 bits on the device, pointer-sized on a 64-bit host),
 * and the versioned parameter structs wrap their fields in an anonymous union member v1.
 * host/src/test/c/layout_test.c pins every struct's size and field offsets on the host ABI.
 */
#ifndef MV_API_H
#define MV_API_H

#include <stdint.h>

enum MvStatus {
    MV_STATUS_OKAY = 0x00,
    MV_STATUS_TIMENOTSET = 0x01,
    MV_STATUS_PARAMETERFAULT = 0x02,
    MV_STATUS_INVALIDBUFFERSIZE = 0x03,
    MV_STATUS_PERIPHERALACCESSFAULT = 0x04,
    MV_STATUS_BUFFERALREADYINUSE = 0x05,
    MV_STATUS_INVALIDINTERRUPT = 0x06,
    MV_STATUS_INVALIDHANDLE = 0x07,
    MV_STATUS_TOOMANYNOTIFICATIONBUFFERS = 0x08,
    MV_STATUS_INVALIDVECTOR = 0x09,
    MV_STATUS_UNAVAILABLE = 0x0a,
    MV_STATUS_UNSUPPORTEDSTRUCTUREVERSION = 0x0b,
    MV_STATUS_TOOMANYCHANNELS = 0x0c,
    MV_STATUS_UNKNOWNCHANNELENDPOINT = 0x0d,
    MV_STATUS_UNKNOWNCHANNELTYPE = 0x0e,
    MV_STATUS_CHANNELCLOSED = 0x0f,
    MV_STATUS_NETWORKNOTCONNECTED = 0x10,
    MV_STATUS_RATELIMITED = 0x11,
    MV_STATUS_INVALIDBUFFERALIGNMENT = 0x12,
    MV_STATUS_LATEFAULT = 0x13,
    MV_STATUS_RESPONSENOTPRESENT = 0x14,
    MV_STATUS_INDEXINVALID = 0x15,
    MV_STATUS_OFFSETINVALID = 0x16,
    MV_STATUS_REQUESTALREADYSENT = 0x17,
    MV_STATUS_REQUESTUNSUCCESSFUL = 0x18,
    MV_STATUS_LOGMESSAGETOOLONG = 0x19,
    MV_STATUS_LOGGINGDISABLEDBYSERVER = 0x1a,
    MV_STATUS_TOOMANYCONFIGKEYS = 0x1b,
    MV_STATUS_UNKNOWNCONFIGSTORE = 0x1c,
    MV_STATUS_UNKNOWNCONFIGSCOPE = 0x1d,
    MV_STATUS_INVALIDCONFIGKEY = 0x1e,
    MV_STATUS_INVALIDAUTHENTICATION = 0x1f,
    MV_STATUS_WRONGDATAREQUESTED = 0x20,
    MV_STATUS_INTERNALERROR = 0x21,
    MV_STATUS_TOOMANYELEMENTS = 0x22,
    MV_STATUS_REQUIREDELEMENTMISSING = 0x23,
    MV_STATUS_MICROVISORBUSY = 0x24,
    MV_STATUS_ADDRESSOUTOFRANGE = 0x25,
    MV_STATUS_INPUTTOOLONG = 0x26,
    MV_STATUS__MAX = 0xffffffff
};

/* ---- Notifications ------------------------------------------------------------------------- */

enum MvEventType {
    MV_EVENTTYPE_NOEVENT = 0,
    MV_EVENTTYPE_NETWORKSTATUSCHANGED = 1,
    MV_EVENTTYPE_CHANNELDATAREADABLE = 2,
    MV_EVENTTYPE_CHANNELDATAWRITESPACE = 3,
    MV_EVENTTYPE_CHANNELNOTCONNECTED = 4,
    MV_EVENTTYPE_UPDATEDOWNLOADED = 5,
    MV_EVENTTYPE__MAX = 0xffffffff
};

/* One 16-byte ring record, little-endian on the device and on x86-64 hosts. */
struct MvNotification {
    uint64_t microseconds;
    enum MvEventType event_type;
    uint32_t tag;
};

struct MvNotificationSetup {
    uint32_t irq;
    struct MvNotification *buffer;
    uint32_t buffer_size;               /* bytes: a multiple of 16, at least 32 */
};

typedef struct MvNotificationHandleOpaque *MvNotificationHandle;

/* ---- Network ------------------------------------------------------------------------------- */

struct MvRequestNetworkParams {
    uint32_t version;                   /* 1 */
    union {
        struct {
            MvNotificationHandle notification_handle;
            uint32_t notification_tag;
        } v1;
    };
};

typedef struct MvNetworkHandleOpaque *MvNetworkHandle;

enum MvNetworkStatus {
    MV_NETWORKSTATUS_DELIBERATELYOFFLINE = 0,
    MV_NETWORKSTATUS_CONNECTED = 1,
    MV_NETWORKSTATUS_CONNECTING = 2,
    MV_NETWORKSTATUS_DISCONNECTEDWITHLINKUP = 3,
    MV_NETWORKSTATUS__MAX = 0xffffffff
};

/* ---- Channels ------------------------------------------------------------------------------ */

enum MvChannelType {
    MV_CHANNELTYPE_OPAQUEBYTES = 0,
    MV_CHANNELTYPE_MQTT = 1,
    MV_CHANNELTYPE_HTTP = 2,
    MV_CHANNELTYPE_CONFIGFETCH = 3,
    MV_CHANNELTYPE__MAX = 0xffffffff
};

/* Bytes and a length; the bytes need not end in a nul. */
struct MvSizedString {
    const uint8_t *data;
    uint32_t length;
};

/* A buffer the call writes into: capacity in size, bytes written through length. */
struct MvSizedStringBuffer {
    uint8_t *data;
    uint32_t size;
    uint32_t *length;
};

struct MvOpenChannelParams {
    uint32_t version;                   /* 1 */
    union {
        struct {
            MvNotificationHandle notification_handle;
            uint32_t notification_tag;
            MvNetworkHandle network_handle;
            uint8_t *receive_buffer;
            uint32_t receive_buffer_len;
            uint8_t *send_buffer;
            uint32_t send_buffer_len;
            enum MvChannelType channel_type;
            struct MvSizedString endpoint;
        } v1;
    };
};

typedef struct MvChannelHandleOpaque *MvChannelHandle;

enum MvClosureReason {
    MV_CLOSUREREASON_NONE = 0,
    MV_CLOSUREREASON_CHANNELCLOSEDBYSERVER = 1,
    MV_CLOSUREREASON_CHANNELRESETBYSERVER = 2,
    MV_CLOSUREREASON_NETWORKDISCONNECTED = 3,
    MV_CLOSUREREASON_CONNECTIONTERMINATED = 4,
    MV_CLOSUREREASON_NOTYETOPEN = 5,
    MV_CLOSUREREASON_CLOSEDBYAPPLICATION = 6,
    MV_CLOSUREREASON_UNEXPECTEDLYTERMINATED = 7,
    MV_CLOSUREREASON__MAX = 0xffffffff
};

/* ---- MQTT ---------------------------------------------------------------------------------- */

enum MvMqttReadableDataType {
    MV_MQTTREADABLEDATATYPE_NONE = 0,
    MV_MQTTREADABLEDATATYPE_MESSAGERECEIVED = 1,
    MV_MQTTREADABLEDATATYPE_MESSAGELOST = 2,
    MV_MQTTREADABLEDATATYPE_CONNECTRESPONSE = 3,
    MV_MQTTREADABLEDATATYPE_SUBSCRIBERESPONSE = 4,
    MV_MQTTREADABLEDATATYPE_UNSUBSCRIBERESPONSE = 5,
    MV_MQTTREADABLEDATATYPE_PUBLISHRESPONSE = 6,
    MV_MQTTREADABLEDATATYPE_DISCONNECTRESPONSE = 7,
    MV_MQTTREADABLEDATATYPE__MAX = 0xffffffff
};

enum MvMqttProtocolVersion {
    MV_MQTTPROTOCOLVERSION_V3_1_1 = 0,
    MV_MQTTPROTOCOLVERSION_V5 = 1,
    MV_MQTTPROTOCOLVERSION__MAX = 0xffffffff
};

/* The SDK's sentinel for this enum is 0xff, which still gives it the size of an int. */
enum MvMqttAuthenticationMethod {
    MV_MQTTAUTHENTICATIONMETHOD_NONE = 0,
    MV_MQTTAUTHENTICATIONMETHOD_USERNAMEPASSWORD = 1,
    MV_MQTTAUTHENTICATIONMETHOD__MAX = 0xff
};

struct MvUsernamePassword {
    struct MvSizedString username;
    struct MvSizedString password;
};

struct MvMqttAuthentication {
    enum MvMqttAuthenticationMethod method;
    struct MvUsernamePassword username_password;    /* by value */
};

struct MvTlsCertificateChain {
    uint32_t num_certs;
    const struct MvSizedString *certs;              /* DER */
};

struct MvOwnTlsCertificateChain {
    struct MvTlsCertificateChain chain;
    struct MvSizedString key;                       /* PKCS#8 DER */
};

struct MvTlsCredentials {
    struct MvTlsCertificateChain cacert;
    struct MvOwnTlsCertificateChain clientcert;
};

struct MvMqttWill {
    struct MvSizedString topic;
    struct MvSizedString payload;
    uint32_t qos;
    uint8_t retain;
};

struct MvMqttConnectRequest {
    enum MvMqttProtocolVersion protocol_version;
    struct MvSizedString host;
    uint16_t port;
    struct MvSizedString clientid;
    struct MvMqttAuthentication authentication;
    const struct MvTlsCredentials *tls_credentials; /* may be NULL */
    uint32_t keepalive;                             /* seconds */
    uint8_t clean_start;
    const struct MvMqttWill *will;                  /* may be NULL */
};

enum MvMqttRequestState {
    MV_MQTTREQUESTSTATE_REQUESTCOMPLETED = 0,
    MV_MQTTREQUESTSTATE_INVALIDPARAMETERS = 1,
    MV_MQTTREQUESTSTATE_ALREADYCONNECTED = 2,
    MV_MQTTREQUESTSTATE_NOTCONNECTED = 3,
    MV_MQTTREQUESTSTATE_NXDOMAIN = 4,
    MV_MQTTREQUESTSTATE_UNKNOWNCA = 5,
    MV_MQTTREQUESTSTATE_CERTIFICATEEXPIRED = 6,
    MV_MQTTREQUESTSTATE_SOCKETERROR = 7,
    MV_MQTTREQUESTSTATE_CONNECTIONCIRCUITBREAKER = 8,
    MV_MQTTREQUESTSTATE__MAX = 0xffffffff
};

struct MvMqttConnectResponse {
    enum MvMqttRequestState request_state;
    uint32_t reason_code;
};

struct MvMqttSubscription {
    struct MvSizedString topic;
    uint32_t desired_qos;
    uint32_t nl;                                    /* MQTT 5 only */
    uint32_t rap;                                   /* MQTT 5 only */
    uint32_t rh;                                    /* MQTT 5 only */
};

struct MvMqttSubscribeRequest {
    uint32_t correlation_id;
    const struct MvMqttSubscription *subscriptions;
    uint32_t num_subscriptions;
};

/* Every field but reason_codes_size is written through; see spec-facts on reason_codes_size. */
struct MvMqttSubscribeResponse {
    enum MvMqttRequestState *request_state;
    uint32_t *correlation_id;
    uint32_t *reason_codes;
    uint32_t reason_codes_size;
    uint32_t *reason_codes_len;
};

struct MvMqttUnsubscribeRequest {
    uint32_t correlation_id;
    const struct MvSizedString *topics;
    uint32_t num_topics;
};

struct MvMqttUnsubscribeResponse {
    enum MvMqttRequestState *request_state;
    uint32_t *correlation_id;
    uint32_t *reason_codes;
    uint32_t reason_codes_size;
    uint32_t *reason_codes_len;
};

struct MvMqttPublishRequest {
    uint32_t correlation_id;
    struct MvSizedString topic;
    struct MvSizedString payload;
    uint32_t desired_qos;
    uint32_t retain;
};

struct MvMqttPublishResponse {
    enum MvMqttRequestState request_state;
    uint32_t correlation_id;
    uint32_t reason_code;
};

struct MvMqttMessage {
    uint32_t *correlation_id;
    struct MvSizedStringBuffer topic;
    struct MvSizedStringBuffer payload;
    uint32_t *qos;
    uint8_t *retain;
};

enum MvMqttLostMessageReason {
    MV_MQTTLOSTMESSAGEREASON_DEVICERECEIVEBUFFERTOOSMALL = 0,
    MV_MQTTLOSTMESSAGEREASON__MAX = 0xffffffff
};

struct MvMqttLostMessageInfo {
    enum MvMqttLostMessageReason *reason;
    struct MvSizedStringBuffer topic;
    uint32_t *message_len;
};

struct MvMqttDisconnectResponse {
    enum MvMqttRequestState request_state;
    uint32_t disconnect_code;
};

#ifdef __cplusplus
extern "C" {
#endif

enum MvStatus mvSetupNotifications(const struct MvNotificationSetup *notifications, MvNotificationHandle *handle_out);
enum MvStatus mvCloseNotifications(MvNotificationHandle *handle_in_out);

enum MvStatus mvRequestNetwork(const struct MvRequestNetworkParams *params, MvNetworkHandle *handle);
enum MvStatus mvReleaseNetwork(MvNetworkHandle *handle);
enum MvStatus mvGetNetworkStatus(MvNetworkHandle handle, enum MvNetworkStatus *status);

enum MvStatus mvOpenChannel(const struct MvOpenChannelParams *params, MvChannelHandle *handle);
enum MvStatus mvCloseChannel(MvChannelHandle *handle);
enum MvStatus mvGetChannelClosureReason(MvChannelHandle handle, enum MvClosureReason *reason_out);

enum MvStatus mvMqttGetNextReadableDataType(MvChannelHandle handle, enum MvMqttReadableDataType *data_type);
enum MvStatus mvMqttRequestConnect(MvChannelHandle handle, const struct MvMqttConnectRequest *request);
enum MvStatus mvMqttReadConnectResponse(MvChannelHandle handle, struct MvMqttConnectResponse *response_data);
enum MvStatus mvMqttRequestSubscribe(MvChannelHandle handle, const struct MvMqttSubscribeRequest *request);
enum MvStatus mvMqttReadSubscribeResponse(MvChannelHandle handle, const struct MvMqttSubscribeResponse *response_data);
enum MvStatus mvMqttRequestUnsubscribe(MvChannelHandle handle, const struct MvMqttUnsubscribeRequest *request);
enum MvStatus mvMqttReadUnsubscribeResponse(MvChannelHandle handle, const struct MvMqttUnsubscribeResponse *response_data);
enum MvStatus mvMqttRequestPublish(MvChannelHandle handle, const struct MvMqttPublishRequest *request);
enum MvStatus mvMqttReadPublishResponse(MvChannelHandle handle, struct MvMqttPublishResponse *response_data);
enum MvStatus mvMqttReceiveMessage(MvChannelHandle handle, const struct MvMqttMessage *message_data);
enum MvStatus mvMqttReceiveLostMessageInfo(MvChannelHandle handle, const struct MvMqttLostMessageInfo *lost_message_info);
enum MvStatus mvMqttAcknowledgeMessage(MvChannelHandle handle, uint32_t correlation_id);
enum MvStatus mvMqttRequestDisconnect(MvChannelHandle handle);
enum MvStatus mvMqttReadDisconnectResponse(MvChannelHandle handle, struct MvMqttDisconnectResponse *response_data);

#ifdef __cplusplus
}
#endif

#endif /* MV_API_H */
