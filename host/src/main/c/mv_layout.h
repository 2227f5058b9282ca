/*
 * The layout facts of mv_syscalls.h on the LP64 host ABI (x86-64 / aarch64 Linux): every struct's
 * size and every field's byte offset, written from the header's declarations (field order and C
 * types) by the alignment rules of that ABI. The layout test compares the compiler's offsetof/sizeof
 * with these numbers; libmvhost hands the compiler's numbers to the Java bridge, which reads the
 * firmware's structs by them, so Java never carries a second copy of the layout.
 *
 * MV_LAYOUT_STRUCTS(S): S(struct name, size)
 * MV_LAYOUT_FIELDS(F):  F(struct name, field path, offset)
 */
#ifndef MV_LAYOUT_H
#define MV_LAYOUT_H

#define MV_LAYOUT_STRUCTS(S) \
    S(MvNotification, 16) \
    S(MvNotificationSetup, 24) \
    S(MvRequestNetworkParams, 24) \
    S(MvSizedString, 16) \
    S(MvSizedStringBuffer, 24) \
    S(MvOpenChannelParams, 80) \
    S(MvUsernamePassword, 32) \
    S(MvMqttAuthentication, 40) \
    S(MvTlsCertificateChain, 16) \
    S(MvOwnTlsCertificateChain, 32) \
    S(MvTlsCredentials, 48) \
    S(MvMqttWill, 40) \
    S(MvMqttConnectRequest, 112) \
    S(MvMqttConnectResponse, 8) \
    S(MvMqttSubscription, 32) \
    S(MvMqttSubscribeRequest, 24) \
    S(MvMqttSubscribeResponse, 40) \
    S(MvMqttUnsubscribeRequest, 24) \
    S(MvMqttUnsubscribeResponse, 40) \
    S(MvMqttPublishRequest, 48) \
    S(MvMqttPublishResponse, 12) \
    S(MvMqttMessage, 72) \
    S(MvMqttLostMessageInfo, 40) \
    S(MvMqttDisconnectResponse, 8)

#define MV_LAYOUT_FIELDS(F) \
    F(MvNotification, microseconds, 0) \
    F(MvNotification, event_type, 8) \
    F(MvNotification, tag, 12) \
    F(MvNotificationSetup, irq, 0) \
    F(MvNotificationSetup, buffer, 8) \
    F(MvNotificationSetup, buffer_size, 16) \
    F(MvRequestNetworkParams, version, 0) \
    F(MvRequestNetworkParams, v1.notification_handle, 8) \
    F(MvRequestNetworkParams, v1.notification_tag, 16) \
    F(MvSizedString, data, 0) \
    F(MvSizedString, length, 8) \
    F(MvSizedStringBuffer, data, 0) \
    F(MvSizedStringBuffer, size, 8) \
    F(MvSizedStringBuffer, length, 16) \
    F(MvOpenChannelParams, version, 0) \
    F(MvOpenChannelParams, v1.notification_handle, 8) \
    F(MvOpenChannelParams, v1.notification_tag, 16) \
    F(MvOpenChannelParams, v1.network_handle, 24) \
    F(MvOpenChannelParams, v1.receive_buffer, 32) \
    F(MvOpenChannelParams, v1.receive_buffer_len, 40) \
    F(MvOpenChannelParams, v1.send_buffer, 48) \
    F(MvOpenChannelParams, v1.send_buffer_len, 56) \
    F(MvOpenChannelParams, v1.channel_type, 60) \
    F(MvOpenChannelParams, v1.endpoint, 64) \
    F(MvUsernamePassword, username, 0) \
    F(MvUsernamePassword, password, 16) \
    F(MvMqttAuthentication, method, 0) \
    F(MvMqttAuthentication, username_password, 8) \
    F(MvTlsCertificateChain, num_certs, 0) \
    F(MvTlsCertificateChain, certs, 8) \
    F(MvOwnTlsCertificateChain, chain, 0) \
    F(MvOwnTlsCertificateChain, key, 16) \
    F(MvTlsCredentials, cacert, 0) \
    F(MvTlsCredentials, clientcert, 16) \
    F(MvMqttWill, topic, 0) \
    F(MvMqttWill, payload, 16) \
    F(MvMqttWill, qos, 32) \
    F(MvMqttWill, retain, 36) \
    F(MvMqttConnectRequest, protocol_version, 0) \
    F(MvMqttConnectRequest, host, 8) \
    F(MvMqttConnectRequest, port, 24) \
    F(MvMqttConnectRequest, clientid, 32) \
    F(MvMqttConnectRequest, authentication, 48) \
    F(MvMqttConnectRequest, tls_credentials, 88) \
    F(MvMqttConnectRequest, keepalive, 96) \
    F(MvMqttConnectRequest, clean_start, 100) \
    F(MvMqttConnectRequest, will, 104) \
    F(MvMqttConnectResponse, request_state, 0) \
    F(MvMqttConnectResponse, reason_code, 4) \
    F(MvMqttSubscription, topic, 0) \
    F(MvMqttSubscription, desired_qos, 16) \
    F(MvMqttSubscription, nl, 20) \
    F(MvMqttSubscription, rap, 24) \
    F(MvMqttSubscription, rh, 28) \
    F(MvMqttSubscribeRequest, correlation_id, 0) \
    F(MvMqttSubscribeRequest, subscriptions, 8) \
    F(MvMqttSubscribeRequest, num_subscriptions, 16) \
    F(MvMqttSubscribeResponse, request_state, 0) \
    F(MvMqttSubscribeResponse, correlation_id, 8) \
    F(MvMqttSubscribeResponse, reason_codes, 16) \
    F(MvMqttSubscribeResponse, reason_codes_size, 24) \
    F(MvMqttSubscribeResponse, reason_codes_len, 32) \
    F(MvMqttUnsubscribeRequest, correlation_id, 0) \
    F(MvMqttUnsubscribeRequest, topics, 8) \
    F(MvMqttUnsubscribeRequest, num_topics, 16) \
    F(MvMqttUnsubscribeResponse, request_state, 0) \
    F(MvMqttUnsubscribeResponse, correlation_id, 8) \
    F(MvMqttUnsubscribeResponse, reason_codes, 16) \
    F(MvMqttUnsubscribeResponse, reason_codes_size, 24) \
    F(MvMqttUnsubscribeResponse, reason_codes_len, 32) \
    F(MvMqttPublishRequest, correlation_id, 0) \
    F(MvMqttPublishRequest, topic, 8) \
    F(MvMqttPublishRequest, payload, 24) \
    F(MvMqttPublishRequest, desired_qos, 40) \
    F(MvMqttPublishRequest, retain, 44) \
    F(MvMqttPublishResponse, request_state, 0) \
    F(MvMqttPublishResponse, correlation_id, 4) \
    F(MvMqttPublishResponse, reason_code, 8) \
    F(MvMqttMessage, correlation_id, 0) \
    F(MvMqttMessage, topic, 8) \
    F(MvMqttMessage, payload, 32) \
    F(MvMqttMessage, qos, 56) \
    F(MvMqttMessage, retain, 64) \
    F(MvMqttLostMessageInfo, reason, 0) \
    F(MvMqttLostMessageInfo, topic, 8) \
    F(MvMqttLostMessageInfo, message_len, 32) \
    F(MvMqttDisconnectResponse, request_state, 0) \
    F(MvMqttDisconnectResponse, disconnect_code, 4)

#endif
