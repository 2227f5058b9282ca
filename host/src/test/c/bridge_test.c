/*
 * libmvhost's bridge, checked from C without a broker: NULL pointers become PARAMETERFAULT (argument) or
 * LATEFAULT (nested), buffer alignment and overlap are judged on the firmware's real addresses, handles
 * come back through pointer-sized out-parameters and are zeroed on close, and a notification is written
 * into the firmware's 0xff-filled ring and runs the handler found by its vector-table name, or the one
 * registered with mvhost_set_irq_handler.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "mv_syscalls.h"
#include "mvhost.h"

#define VECTOR_IRQ 51     /* TIM8_BRK_IRQn: handled by TIM8_BRK_IRQHandler below */
#define REGISTERED_IRQ 60 /* SPI2_IRQn: handled by a registered function */
#define TAG_BY_NAME 0x1234
#define TAG_REGISTERED 0x5678
#define WAIT_SECONDS 30

static int passed, failed;

static void check(const char *what, long actual, long expected) {
    if (actual == expected) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s: 0x%lx, expected 0x%lx\n", what, actual, expected);
    }
}

static volatile struct MvNotification ring_a[4] __attribute__((aligned(16)));
static volatile struct MvNotification ring_b[4] __attribute__((aligned(16)));
static uint8_t rx[1024] __attribute__((aligned(512)));
static uint8_t tx[1024] __attribute__((aligned(512)));
static uint8_t rx2[512] __attribute__((aligned(512)));
static uint8_t tx2[512] __attribute__((aligned(512)));

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int by_name_calls, registered_calls;

void TIM8_BRK_IRQHandler(void) {
    pthread_mutex_lock(&lock);
    by_name_calls++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static void registered_handler(void) {
    pthread_mutex_lock(&lock);
    registered_calls++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

/* Waits, at most WAIT_SECONDS, until *counter is at least 1; returns its value. */
static int await_call(int *counter) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += WAIT_SECONDS;
    pthread_mutex_lock(&lock);
    int rc = 0;
    while (*counter == 0 && rc != ETIMEDOUT) {
        rc = pthread_cond_timedwait(&changed, &lock, &deadline);
    }
    int n = *counter;
    pthread_mutex_unlock(&lock);
    return n;
}

/* A loopback port nothing listens on: a connect there is answered SOCKETERROR. */
static uint16_t closed_port(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK), .sin_port = 0 };
    socklen_t len = sizeof a;
    bind(s, (struct sockaddr *) &a, sizeof a);
    getsockname(s, (struct sockaddr *) &a, &len);
    close(s);
    return ntohs(a.sin_port);
}

static struct MvOpenChannelParams channel_params(MvNotificationHandle n, uint32_t tag, MvNetworkHandle net, uint8_t *r, uint32_t rl, uint8_t *t, uint32_t tl) {
    struct MvOpenChannelParams p = {
        .version = 1,
        .v1 = { n, tag, net, r, rl, t, tl, MV_CHANNELTYPE_MQTT, { NULL, 0 } },
    };
    return p;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    memset((void *) ring_a, 0xff, sizeof ring_a);
    memset((void *) ring_b, 0xff, sizeof ring_b);

    /* Notifications: argument pointers, sizes, overlap by real address, IRQ in use. */
    MvNotificationHandle centre = NULL, other = NULL;
    struct MvNotificationSetup setup = { VECTOR_IRQ, (struct MvNotification *) ring_a, sizeof ring_a };
    check("setup(NULL, &h)", mvSetupNotifications(NULL, &centre), MV_STATUS_PARAMETERFAULT);
    check("setup(&s, NULL)", mvSetupNotifications(&setup, NULL), MV_STATUS_PARAMETERFAULT);
    struct MvNotificationSetup too_small = { VECTOR_IRQ, (struct MvNotification *) ring_a, 16 };
    check("setup 16 bytes", mvSetupNotifications(&too_small, &centre), MV_STATUS_INVALIDBUFFERSIZE);
    check("setup", mvSetupNotifications(&setup, &centre), MV_STATUS_OKAY);
    check("handle written", centre != NULL, 1);
    struct MvNotificationSetup overlapping = { REGISTERED_IRQ, (struct MvNotification *) &ring_a[2], 32 };
    check("setup over the same memory", mvSetupNotifications(&overlapping, &other), MV_STATUS_BUFFERALREADYINUSE);
    struct MvNotificationSetup same_irq = { VECTOR_IRQ, (struct MvNotification *) ring_b, sizeof ring_b };
    check("setup on an IRQ in use", mvSetupNotifications(&same_irq, &other), MV_STATUS_INVALIDINTERRUPT);
    struct MvNotificationSetup second = { REGISTERED_IRQ, (struct MvNotification *) ring_b, sizeof ring_b };
    check("second setup", mvSetupNotifications(&second, &other), MV_STATUS_OKAY);
    mvhost_set_irq_handler(REGISTERED_IRQ, registered_handler);

    /* Network. */
    MvNetworkHandle net = NULL;
    struct MvRequestNetworkParams v2 = { .version = 2, .v1 = { centre, 1 } };
    check("request network v2", mvRequestNetwork(&v2, &net), MV_STATUS_UNSUPPORTEDSTRUCTUREVERSION);
    struct MvRequestNetworkParams v1 = { .version = 1, .v1 = { centre, 1 } };
    check("request network", mvRequestNetwork(&v1, &net), MV_STATUS_OKAY);
    check("status(net, NULL)", mvGetNetworkStatus(net, NULL), MV_STATUS_PARAMETERFAULT);
    enum MvNetworkStatus status = MV_NETWORKSTATUS__MAX;
    check("status", mvGetNetworkStatus(net, &status), MV_STATUS_OKAY);
    check("network connected", status, MV_NETWORKSTATUS_CONNECTED);

    /* Channels: alignment and size on the real addresses (5 counted open calls, under the limit of 8). */
    MvChannelHandle ch = NULL, ch2 = NULL;
    struct MvOpenChannelParams p = channel_params(centre, TAG_BY_NAME, net, rx + 256, 512, tx, sizeof tx);
    check("open, receive buffer 256 bytes off", mvOpenChannel(&p, &ch), MV_STATUS_INVALIDBUFFERALIGNMENT);
    p = channel_params(centre, TAG_BY_NAME, net, rx, 1000, tx, sizeof tx);
    check("open, 1000-byte receive buffer", mvOpenChannel(&p, &ch), MV_STATUS_INVALIDBUFFERSIZE);
    p = channel_params(centre, TAG_BY_NAME, net, NULL, 512, tx, sizeof tx);
    check("open, NULL receive buffer", mvOpenChannel(&p, &ch), MV_STATUS_PARAMETERFAULT);
    p = channel_params(centre, TAG_BY_NAME, net, rx, sizeof rx, tx, sizeof tx);
    check("open", mvOpenChannel(&p, &ch), MV_STATUS_OKAY);
    p = channel_params(other, TAG_REGISTERED, net, rx2, sizeof rx2, tx2, sizeof tx2);
    check("open second", mvOpenChannel(&p, &ch2), MV_STATUS_OKAY);

    enum MvMqttReadableDataType type = MV_MQTTREADABLEDATATYPE__MAX;
    check("next type", mvMqttGetNextReadableDataType(ch, &type), MV_STATUS_OKAY);
    check("nothing readable", type, MV_MQTTREADABLEDATATYPE_NONE);
    check("next type(ch, NULL)", mvMqttGetNextReadableDataType(ch, NULL), MV_STATUS_PARAMETERFAULT);

    /* Connect: an argument NULL is PARAMETERFAULT, a nested one LATEFAULT (which spends the channel). */
    check("connect(ch, NULL)", mvMqttRequestConnect(ch2, NULL), MV_STATUS_PARAMETERFAULT);
    uint16_t port = closed_port();
    struct MvMqttConnectRequest connect = {
        .protocol_version = MV_MQTTPROTOCOLVERSION_V5,
        .host = { (const uint8_t *) "127.0.0.1", 9 },
        .port = port,
        .clientid = { (const uint8_t *) "bridge-test", 11 },
        .keepalive = 60,
        .clean_start = 1,
    };
    struct MvMqttConnectRequest bad_host = connect;
    bad_host.host.data = NULL;
    check("connect, host NULL with a length", mvMqttRequestConnect(ch2, &bad_host), MV_STATUS_LATEFAULT);

    /* A connect to a closed port: SOCKETERROR, announced by a record in the 0xff-filled ring and the IRQ. */
    check("connect to a closed port", mvMqttRequestConnect(ch, &connect), MV_STATUS_OKAY);
    check("handler by vector name ran", await_call(&by_name_calls) > 0, 1);
    check("record 0 event", ring_a[0].event_type, MV_EVENTTYPE_CHANNELDATAREADABLE);
    check("record 0 tag", ring_a[0].tag, TAG_BY_NAME);
    check("record 1 untouched", ring_a[1].event_type, 0xffffffff);
    check("next type", mvMqttGetNextReadableDataType(ch, &type), MV_STATUS_OKAY);
    check("connect response waiting", type, MV_MQTTREADABLEDATATYPE_CONNECTRESPONSE);
    check("read(ch, NULL)", mvMqttReadConnectResponse(ch, NULL), MV_STATUS_PARAMETERFAULT);
    struct MvMqttConnectResponse response = { MV_MQTTREQUESTSTATE__MAX, 0xffffffff };
    check("read connect response", mvMqttReadConnectResponse(ch, &response), MV_STATUS_OKAY);
    check("SOCKETERROR", response.request_state, MV_MQTTREQUESTSTATE_SOCKETERROR);
    check("second connect on the channel", mvMqttRequestConnect(ch, &connect), MV_STATUS_REQUESTALREADYSENT);

    /* The registered handler: the LATEFAULT spent the second channel, so connect on a fresh one. */
    check("close second", mvCloseChannel(&ch2), MV_STATUS_OKAY);
    p = channel_params(other, TAG_REGISTERED, net, rx2, sizeof rx2, tx2, sizeof tx2);
    check("open again", mvOpenChannel(&p, &ch2), MV_STATUS_OKAY);
    check("connect again", mvMqttRequestConnect(ch2, &connect), MV_STATUS_OKAY);
    check("registered handler ran", await_call(&registered_calls) > 0, 1);
    check("record in the second ring", ring_b[0].tag, TAG_REGISTERED);

    /* Handles are zeroed on close; a zero handle is INVALIDHANDLE. */
    check("close", mvCloseChannel(&ch), MV_STATUS_OKAY);
    check("channel handle zeroed", ch == NULL, 1);
    check("close again", mvCloseChannel(&ch), MV_STATUS_INVALIDHANDLE);
    check("close(NULL)", mvCloseChannel(NULL), MV_STATUS_PARAMETERFAULT);
    enum MvClosureReason reason;
    check("closure reason of handle 0", mvGetChannelClosureReason(ch, &reason), MV_STATUS_INVALIDHANDLE);
    check("close second", mvCloseChannel(&ch2), MV_STATUS_OKAY);
    check("release network", mvReleaseNetwork(&net), MV_STATUS_OKAY);
    check("network handle zeroed", net == NULL, 1);
    check("close notifications", mvCloseNotifications(&centre), MV_STATUS_OKAY);
    check("close notifications", mvCloseNotifications(&other), MV_STATUS_OKAY);
    check("notification handles zeroed", centre == NULL && other == NULL, 1);

    printf("bridge: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
