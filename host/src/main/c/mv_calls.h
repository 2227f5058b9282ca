/* The header's calls that libmvhost provides and libmvnative certifies, in one list. CALL(name) */
#ifndef MV_CALLS_H
#define MV_CALLS_H

#define MV_CALLS(CALL) \
    CALL(mvSetupNotifications) CALL(mvCloseNotifications) CALL(mvRequestNetwork) CALL(mvReleaseNetwork) \
    CALL(mvGetNetworkStatus) CALL(mvOpenChannel) CALL(mvCloseChannel) CALL(mvGetChannelClosureReason) \
    CALL(mvMqttGetNextReadableDataType) CALL(mvMqttRequestConnect) CALL(mvMqttReadConnectResponse) \
    CALL(mvMqttRequestSubscribe) CALL(mvMqttReadSubscribeResponse) CALL(mvMqttRequestUnsubscribe) \
    CALL(mvMqttReadUnsubscribeResponse) CALL(mvMqttRequestPublish) CALL(mvMqttReadPublishResponse) \
    CALL(mvMqttReceiveMessage) CALL(mvMqttReceiveLostMessageInfo) CALL(mvMqttAcknowledgeMessage) \
    CALL(mvMqttRequestDisconnect) CALL(mvMqttReadDisconnectResponse)

#endif
