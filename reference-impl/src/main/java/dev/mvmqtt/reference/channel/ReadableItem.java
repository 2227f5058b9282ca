package dev.mvmqtt.reference.channel;

import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;

/** One item waiting on a channel for the application to read, in arrival order. */
sealed interface ReadableItem {
    MvMqttReadableDataType type();

    record ConnectResponse(int state, int reasonCode) implements ReadableItem {
        public MvMqttReadableDataType type() {
            return MvMqttReadableDataType.CONNECTRESPONSE;
        }
    }

    record SubscribeResponse(int state, int correlationId, int[] reasonCodes) implements ReadableItem {
        public MvMqttReadableDataType type() {
            return MvMqttReadableDataType.SUBSCRIBERESPONSE;
        }
    }

    record UnsubscribeResponse(int state, int correlationId, int[] reasonCodes) implements ReadableItem {
        public MvMqttReadableDataType type() {
            return MvMqttReadableDataType.UNSUBSCRIBERESPONSE;
        }
    }

    record PublishResponse(int state, int correlationId, int reasonCode) implements ReadableItem {
        public MvMqttReadableDataType type() {
            return MvMqttReadableDataType.PUBLISHRESPONSE;
        }
    }

    record DisconnectResponse(int state, int disconnectCode) implements ReadableItem {
        public MvMqttReadableDataType type() {
            return MvMqttReadableDataType.DISCONNECTRESPONSE;
        }
    }

    record Message(int correlationId, byte[] topic, byte[] payload, int qos, boolean retain) implements ReadableItem {
        public MvMqttReadableDataType type() {
            return MvMqttReadableDataType.MESSAGERECEIVED;
        }
    }

    record LostMessage(byte[] topic, int messageLength) implements ReadableItem {
        public MvMqttReadableDataType type() {
            return MvMqttReadableDataType.MESSAGELOST;
        }
    }
}
