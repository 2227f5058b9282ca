/*
 * A sample MQTT firmware, written the way the Microvisor MQTT guide and demos teach, compiled for a PC
 * and linked with libmvhost:
 *   - the notification ring is filled with 0xff before mvSetupNotifications and never cleared;
 *   - the interrupt handler (TIM8_BRK_IRQHandler, found by its vector-table name) copies each record
 *     out of the ring into a work queue and advances its own index;
 *   - a work loop takes events off the queue and, for a readable channel, reads every waiting item by
 *     its mvMqttGetNextReadableDataType;
 *   - reason_codes_size is the number of topics; every QoS 1 message is acknowledged;
 *   - after the connection is lost it closes the channel, opens a new one and connects again.
 *
 * Scenario: connect, subscribe to two topics, publish a message to itself (received and acknowledged)
 * and one too big for its receive buffer (lost), let a second client with the same id take the session
 * over, reconnect, exchange a message again, disconnect. Every step prints one line that
 * host/src/test/java/dev/mvmqtt/host/SampleFirmwareIT.java checks, with what a broker-side observer saw;
 * the exit code is 0 only when all of them happened.
 *
 * Usage: mqtt_sample HOST PORT 3|5 TOPIC_PREFIX [USERNAME PASSWORD]
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mv_syscalls.h"

#define NOTIFICATION_IRQ 51 /* TIM8_BRK_IRQn on the STM32U585 */
#define NOTIFICATION_RECORDS 16
#define TAG_NETWORK 1
#define TAG_CHANNEL 2
#define TAG_TAKEOVER 3
#define TAG_CHANNEL_AGAIN 4 /* the reconnected channel: stale records of the first one cannot be mistaken for it */
#define STEP_TIMEOUT_SECONDS 30
#define BIG_PAYLOAD_BYTES 3000

/* ---- Buffers the firmware hands to Microvisor ----------------------------------------------------- */

static volatile struct MvNotification notification_ring[NOTIFICATION_RECORDS] __attribute__((aligned(8)));
static uint32_t notification_index;

static uint8_t rx_buffer[1536] __attribute__((aligned(512)));
static uint8_t tx_buffer[4096] __attribute__((aligned(512)));
static uint8_t takeover_rx[1536] __attribute__((aligned(512)));
static uint8_t takeover_tx[1536] __attribute__((aligned(512)));

/* ---- The work queue: written by the interrupt handler, read by the work loop ------------------------
 * On the device the loop would wait with __WFI and guard the queue by masking the IRQ; on a PC the
 * handler runs on another thread, so a mutex and a condition variable play those parts. */

struct event {
    enum MvEventType type;
    uint32_t tag;
};

static struct event queue[64];
static unsigned queue_head, queue_tail;
static unsigned queue_overflows;
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_signal = PTHREAD_COND_INITIALIZER;

void TIM8_BRK_IRQHandler(void) {
    struct MvNotification record = notification_ring[notification_index];
    notification_index = (notification_index + 1) % NOTIFICATION_RECORDS;
    pthread_mutex_lock(&queue_lock);
    if (queue_tail - queue_head < sizeof queue / sizeof queue[0]) {
        queue[queue_tail++ % (sizeof queue / sizeof queue[0])] = (struct event) { record.event_type, record.tag };
        pthread_cond_signal(&queue_signal);
    } else {
        queue_overflows++;
    }
    pthread_mutex_unlock(&queue_lock);
}

/* The next event, or false when none came within STEP_TIMEOUT_SECONDS. */
static bool next_event(struct event *out) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += STEP_TIMEOUT_SECONDS;
    pthread_mutex_lock(&queue_lock);
    int rc = 0;
    while (queue_head == queue_tail && rc != ETIMEDOUT) {
        rc = pthread_cond_timedwait(&queue_signal, &queue_lock, &deadline);
    }
    bool got = queue_head != queue_tail;
    if (got) {
        *out = queue[queue_head++ % (sizeof queue / sizeof queue[0])];
    }
    pthread_mutex_unlock(&queue_lock);
    return got;
}

/* ---- Application state -------------------------------------------------------------------------- */

enum phase {
    WAIT_NETWORK,
    CONNECTING,
    SUBSCRIBING,
    EXCHANGING,
    TAKEN_OVER,
    RECONNECTING,
    RESUBSCRIBING,
    EXCHANGING_AGAIN,
    DISCONNECTING,
    DONE,
};

static const char *host;
static uint16_t port;
static enum MvMqttProtocolVersion version;
static char topic_in[128], topic_big[128], client_id[64];
static const char *username, *password; /* NULL: no authentication */

static MvNotificationHandle notifications;
static MvNetworkHandle network;
static MvChannelHandle channel, takeover_channel;
static uint32_t channel_tag = TAG_CHANNEL;
static enum phase phase = WAIT_NETWORK;
static int publishes_answered, messages_received, messages_lost;
static bool takeover_connected, main_lost, takeover_leaving;
static uint32_t next_correlation = 100;

static void fail(const char *what, enum MvStatus status) {
    printf("FAIL %s: status 0x%x (phase %d)\n", what, (unsigned) status, (int) phase);
    exit(1);
}

static void expect_okay(const char *what, enum MvStatus status) {
    if (status != MV_STATUS_OKAY) {
        fail(what, status);
    }
}

static struct MvSizedString text(const char *s) {
    return (struct MvSizedString) { (const uint8_t *) s, (uint32_t) strlen(s) };
}

static void open_channel(MvChannelHandle *out, uint32_t tag, uint8_t *rx, uint32_t rx_len, uint8_t *tx, uint32_t tx_len) {
    struct MvOpenChannelParams params = {
        .version = 1,
        .v1 = {
            .notification_handle = notifications,
            .notification_tag = tag,
            .network_handle = network,
            .receive_buffer = rx,
            .receive_buffer_len = rx_len,
            .send_buffer = tx,
            .send_buffer_len = tx_len,
            .channel_type = MV_CHANNELTYPE_MQTT,
            .endpoint = { NULL, 0 },
        },
    };
    expect_okay("mvOpenChannel", mvOpenChannel(&params, out));
}

static void connect(MvChannelHandle on) {
    struct MvMqttConnectRequest request = {
        .protocol_version = version,
        .host = text(host),
        .port = port,
        .clientid = text(client_id),
        .authentication = { .method = MV_MQTTAUTHENTICATIONMETHOD_NONE, .username_password = { { NULL, 0 }, { NULL, 0 } } },
        .tls_credentials = NULL,
        .keepalive = 60,
        .clean_start = 1,
        .will = NULL,
    };
    if (username != NULL) {
        request.authentication.method = MV_MQTTAUTHENTICATIONMETHOD_USERNAMEPASSWORD;
        request.authentication.username_password.username = text(username);
        request.authentication.username_password.password = text(password);
    }
    expect_okay("mvMqttRequestConnect", mvMqttRequestConnect(on, &request));
}

static void subscribe(void) {
    struct MvMqttSubscription subscriptions[2] = {
        { .topic = text(topic_in), .desired_qos = 1 },
        { .topic = text(topic_big), .desired_qos = 0 },
    };
    struct MvMqttSubscribeRequest request = { .correlation_id = next_correlation++, .subscriptions = subscriptions, .num_subscriptions = 2 };
    expect_okay("mvMqttRequestSubscribe", mvMqttRequestSubscribe(channel, &request));
}

static void publish(const char *topic, const uint8_t *payload, uint32_t length, uint32_t qos) {
    struct MvMqttPublishRequest request = {
        .correlation_id = next_correlation++,
        .topic = text(topic),
        .payload = { payload, length },
        .desired_qos = qos,
        .retain = 0,
    };
    expect_okay("mvMqttRequestPublish", mvMqttRequestPublish(channel, &request));
}

static void publish_text(const char *topic, const char *payload) {
    publish(topic, (const uint8_t *) payload, (uint32_t) strlen(payload), 1);
}

/* ---- Reading what a channel has for us ---------------------------------------------------------- */

static void on_connect_response(MvChannelHandle from) {
    struct MvMqttConnectResponse response;
    expect_okay("mvMqttReadConnectResponse", mvMqttReadConnectResponse(from, &response));
    if (from == takeover_channel) {
        printf("takeover: connect state=%u reason=%u\n", (unsigned) response.request_state, (unsigned) response.reason_code);
        takeover_connected = response.request_state == MV_MQTTREQUESTSTATE_REQUESTCOMPLETED;
        return;
    }
    printf("connect: state=%u reason=%u\n", (unsigned) response.request_state, (unsigned) response.reason_code);
    if (response.request_state != MV_MQTTREQUESTSTATE_REQUESTCOMPLETED || response.reason_code != 0) {
        fail("connect refused", MV_STATUS_OKAY);
    }
    subscribe();
    phase = phase == CONNECTING ? SUBSCRIBING : RESUBSCRIBING;
}

static void on_subscribe_response(void) {
    enum MvMqttRequestState state;
    uint32_t correlation_id, codes_written;
    uint32_t reason_codes[2];
    struct MvMqttSubscribeResponse response = {
        .request_state = &state,
        .correlation_id = &correlation_id,
        .reason_codes = reason_codes,
        .reason_codes_size = 2, /* the number of topics, as the guide and the demos pass it */
        .reason_codes_len = &codes_written,
    };
    expect_okay("mvMqttReadSubscribeResponse", mvMqttReadSubscribeResponse(channel, &response));
    printf("subscribe: state=%u codes=%u [0x%x 0x%x]\n", (unsigned) state, (unsigned) codes_written,
           (unsigned) reason_codes[0], (unsigned) reason_codes[1]);
    if (state != MV_MQTTREQUESTSTATE_REQUESTCOMPLETED || codes_written != 2 || reason_codes[0] > 1 || reason_codes[1] > 1) {
        fail("subscribe refused", MV_STATUS_OKAY);
    }
    if (phase == SUBSCRIBING) {
        static uint8_t big[BIG_PAYLOAD_BYTES];
        memset(big, 'x', sizeof big);
        publish_text(topic_in, "hello");
        publish(topic_big, big, sizeof big, 0);
        phase = EXCHANGING;
    } else {
        publish_text(topic_in, "again");
        phase = EXCHANGING_AGAIN;
    }
}

static void on_publish_response(void) {
    struct MvMqttPublishResponse response;
    expect_okay("mvMqttReadPublishResponse", mvMqttReadPublishResponse(channel, &response));
    printf("publish: correlation=%u state=%u reason=%u\n", (unsigned) response.correlation_id,
           (unsigned) response.request_state, (unsigned) response.reason_code);
    publishes_answered++;
}

static void on_message(void) {
    uint32_t correlation_id, topic_len, payload_len, qos;
    uint8_t retain;
    uint8_t topic[128], payload[256];
    struct MvMqttMessage message = {
        .correlation_id = &correlation_id,
        .topic = { topic, sizeof topic - 1, &topic_len },
        .payload = { payload, sizeof payload - 1, &payload_len },
        .qos = &qos,
        .retain = &retain,
    };
    expect_okay("mvMqttReceiveMessage", mvMqttReceiveMessage(channel, &message));
    topic[topic_len] = 0;
    payload[payload_len] = 0;
    printf("received: topic=%s payload=%s qos=%u retain=%u\n", topic, payload, (unsigned) qos, (unsigned) retain);
    if (qos > 0) {
        /* "If qos is greater than 0, acknowledge the message to avoid redelivery." */
        expect_okay("mvMqttAcknowledgeMessage", mvMqttAcknowledgeMessage(channel, correlation_id));
        printf("ack: correlation=%u\n", (unsigned) correlation_id);
    }
    messages_received++;
}

static void on_lost_message(void) {
    enum MvMqttLostMessageReason reason;
    uint32_t topic_len, message_len;
    uint8_t topic[128];
    struct MvMqttLostMessageInfo info = {
        .reason = &reason,
        .topic = { topic, sizeof topic - 1, &topic_len },
        .message_len = &message_len,
    };
    expect_okay("mvMqttReceiveLostMessageInfo", mvMqttReceiveLostMessageInfo(channel, &info));
    topic[topic_len] = 0;
    printf("lost: topic=%s reason=%u length=%u\n", topic, (unsigned) reason, (unsigned) message_len);
    messages_lost++;
}

static void on_disconnect_response(MvChannelHandle from) {
    struct MvMqttDisconnectResponse response;
    expect_okay("mvMqttReadDisconnectResponse", mvMqttReadDisconnectResponse(from, &response));
    if (from == takeover_channel) {
        printf("takeover: disconnect state=%u\n", (unsigned) response.request_state);
        /* The other client has gone: reconnect on a new channel. */
        channel_tag = TAG_CHANNEL_AGAIN;
        open_channel(&channel, channel_tag, rx_buffer, sizeof rx_buffer, tx_buffer, sizeof tx_buffer);
        connect(channel);
        phase = RECONNECTING;
        printf("reconnecting\n");
        return;
    }
    printf("disconnect: state=%u code=%u\n", (unsigned) response.request_state, (unsigned) response.disconnect_code);
    if (phase == DISCONNECTING) {
        phase = DONE;
    }
}

static void read_channel(MvChannelHandle from) {
    for (;;) {
        enum MvMqttReadableDataType type;
        enum MvStatus status = mvMqttGetNextReadableDataType(from, &type);
        if (status == MV_STATUS_CHANNELCLOSED) {
            return;
        }
        expect_okay("mvMqttGetNextReadableDataType", status);
        switch (type) {
            case MV_MQTTREADABLEDATATYPE_NONE: return;
            case MV_MQTTREADABLEDATATYPE_CONNECTRESPONSE: on_connect_response(from); break;
            case MV_MQTTREADABLEDATATYPE_SUBSCRIBERESPONSE: on_subscribe_response(); break;
            case MV_MQTTREADABLEDATATYPE_PUBLISHRESPONSE: on_publish_response(); break;
            case MV_MQTTREADABLEDATATYPE_MESSAGERECEIVED: on_message(); break;
            case MV_MQTTREADABLEDATATYPE_MESSAGELOST: on_lost_message(); break;
            case MV_MQTTREADABLEDATATYPE_DISCONNECTRESPONSE: on_disconnect_response(from); break;
            default: fail("unexpected readable data type", (enum MvStatus) type);
        }
    }
}

/* After the exchanges, move the scenario on. */
static void advance(void) {
    if (phase == EXCHANGING && publishes_answered >= 2 && messages_received >= 1 && messages_lost >= 1) {
        /* Another client takes the session over with the same client id. */
        open_channel(&takeover_channel, TAG_TAKEOVER, takeover_rx, sizeof takeover_rx, takeover_tx, sizeof takeover_tx);
        connect(takeover_channel);
        phase = TAKEN_OVER;
    } else if (phase == TAKEN_OVER && main_lost && takeover_connected && !takeover_leaving) {
        /* The session was taken over: let the other client go before connecting again. */
        expect_okay("mvMqttRequestDisconnect (takeover)", mvMqttRequestDisconnect(takeover_channel));
        takeover_leaving = true;
    } else if (phase == EXCHANGING_AGAIN && publishes_answered >= 3 && messages_received >= 2) {
        expect_okay("mvMqttRequestDisconnect", mvMqttRequestDisconnect(channel));
        phase = DISCONNECTING;
    }
}

static void on_connection_lost(void) {
    enum MvClosureReason reason = MV_CLOSUREREASON_NONE;
    expect_okay("mvGetChannelClosureReason", mvGetChannelClosureReason(channel, &reason));
    printf("connection lost: closure reason=%u\n", (unsigned) reason);
    read_channel(channel); /* whatever was queued before the loss stays readable */
    expect_okay("mvCloseChannel", mvCloseChannel(&channel));
    if (phase != TAKEN_OVER) {
        fail("connection lost unexpectedly", MV_STATUS_OKAY);
    }
    main_lost = true;
}

static void on_network_event(void) {
    enum MvNetworkStatus status;
    expect_okay("mvGetNetworkStatus", mvGetNetworkStatus(network, &status));
    if (phase == WAIT_NETWORK && status == MV_NETWORKSTATUS_CONNECTED) {
        printf("network: connected\n");
        open_channel(&channel, channel_tag, rx_buffer, sizeof rx_buffer, tx_buffer, sizeof tx_buffer);
        connect(channel);
        phase = CONNECTING;
    }
}

int main(int argc, char **argv) {
    if ((argc != 5 && argc != 7) || (strcmp(argv[3], "3") != 0 && strcmp(argv[3], "5") != 0)) {
        fprintf(stderr, "usage: %s HOST PORT 3|5 TOPIC_PREFIX [USERNAME PASSWORD]\n", argv[0]);
        return 2;
    }
    if (argc == 7) {
        username = argv[5];
        password = argv[6];
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    host = argv[1];
    port = (uint16_t) atoi(argv[2]);
    version = strcmp(argv[3], "5") == 0 ? MV_MQTTPROTOCOLVERSION_V5 : MV_MQTTPROTOCOLVERSION_V3_1_1;
    snprintf(topic_in, sizeof topic_in, "%s/in", argv[4]);
    snprintf(topic_big, sizeof topic_big, "%s/big", argv[4]);
    snprintf(client_id, sizeof client_id, "mvhost-sample-%d", (int) getpid());

    memset((void *) notification_ring, 0xff, sizeof notification_ring);
    struct MvNotificationSetup setup = {
        .irq = NOTIFICATION_IRQ,
        .buffer = (struct MvNotification *) notification_ring,
        .buffer_size = sizeof notification_ring,
    };
    expect_okay("mvSetupNotifications", mvSetupNotifications(&setup, &notifications));

    struct MvRequestNetworkParams network_params = { .version = 1, .v1 = { .notification_handle = notifications, .notification_tag = TAG_NETWORK } };
    expect_okay("mvRequestNetwork", mvRequestNetwork(&network_params, &network));
    on_network_event(); /* the network may be up already, before any notification */

    while (phase != DONE) {
        struct event e;
        if (!next_event(&e)) {
            fail("no notification within the step time-out", MV_STATUS_OKAY);
        }
        if (e.tag == TAG_NETWORK && e.type == MV_EVENTTYPE_NETWORKSTATUSCHANGED) {
            on_network_event();
        } else if (e.tag == channel_tag && e.type == MV_EVENTTYPE_CHANNELDATAREADABLE && channel != NULL) {
            read_channel(channel);
        } else if (e.tag == channel_tag && e.type == MV_EVENTTYPE_CHANNELNOTCONNECTED && channel != NULL) {
            on_connection_lost();
        } else if (e.tag == TAG_TAKEOVER && e.type == MV_EVENTTYPE_CHANNELDATAREADABLE && takeover_channel != NULL) {
            read_channel(takeover_channel);
        }
        advance();
    }

    expect_okay("mvCloseChannel", mvCloseChannel(&channel));
    if (takeover_channel != NULL) {
        expect_okay("mvCloseChannel (takeover)", mvCloseChannel(&takeover_channel));
    }
    expect_okay("mvReleaseNetwork", mvReleaseNetwork(&network));
    expect_okay("mvCloseNotifications", mvCloseNotifications(&notifications));
    if (channel != NULL || network != NULL || notifications != NULL) {
        fail("a closed handle was not zeroed", MV_STATUS_OKAY);
    }
    printf("sample: done (%d messages received, %d lost, %u queue overflows)\n", messages_received, messages_lost, queue_overflows);
    return 0;
}
