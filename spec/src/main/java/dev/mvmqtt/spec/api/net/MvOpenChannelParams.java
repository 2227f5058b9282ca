package dev.mvmqtt.spec.api.net;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.codes.MvChannelType;
import java.nio.ByteBuffer;

/**
 * C {@code struct MvOpenChannelParams} (version 1): notification centre and tag, network handle,
 * receive and send buffers with their declared lengths, channel type and endpoint.
 *
 * <p>Immutable; the buffers are the application's memory and their alignment is their real address
 * alignment ({@link ByteBuffer#alignmentOffset}), so they should be direct buffers. The builder does
 * not validate: malformed params are how the tests reach the error paths.
 */
public final class MvOpenChannelParams {
    public static final int VERSION_1 = 1;

    private final int version;
    private final int notificationHandle;
    private final int notificationTag;
    private final int networkHandle;
    private final ByteBuffer receiveBuffer;
    private final int receiveBufferLen;
    private final ByteBuffer sendBuffer;
    private final int sendBufferLen;
    private final int channelType;
    private final MvSizedString endpoint;

    private MvOpenChannelParams(Builder b) {
        this.version = b.version;
        this.notificationHandle = b.notificationHandle;
        this.notificationTag = b.notificationTag;
        this.networkHandle = b.networkHandle;
        this.receiveBuffer = b.receiveBuffer;
        this.receiveBufferLen = b.receiveBufferLen;
        this.sendBuffer = b.sendBuffer;
        this.sendBufferLen = b.sendBufferLen;
        this.channelType = b.channelType;
        this.endpoint = b.endpoint;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.notificationHandle = notificationHandle;
        b.notificationTag = notificationTag;
        b.networkHandle = networkHandle;
        b.receiveBuffer = receiveBuffer;
        b.receiveBufferLen = receiveBufferLen;
        b.sendBuffer = sendBuffer;
        b.sendBufferLen = sendBufferLen;
        b.channelType = channelType;
        b.endpoint = endpoint;
        return b;
    }

    public int version() {
        return version;
    }

    public int notificationHandle() {
        return notificationHandle;
    }

    public int notificationTag() {
        return notificationTag;
    }

    public int networkHandle() {
        return networkHandle;
    }

    public ByteBuffer receiveBuffer() {
        return receiveBuffer;
    }

    public int receiveBufferLen() {
        return receiveBufferLen;
    }

    public ByteBuffer sendBuffer() {
        return sendBuffer;
    }

    public int sendBufferLen() {
        return sendBufferLen;
    }

    /** The raw channel type code (C {@code enum MvChannelType}). */
    public int channelType() {
        return channelType;
    }

    public MvSizedString endpoint() {
        return endpoint;
    }

    public static final class Builder {
        private int version = VERSION_1;
        private int notificationHandle;
        private int notificationTag;
        private int networkHandle;
        private ByteBuffer receiveBuffer;
        private int receiveBufferLen;
        private ByteBuffer sendBuffer;
        private int sendBufferLen;
        private int channelType = MvChannelType.MQTT.code();
        private MvSizedString endpoint = MvSizedString.EMPTY;

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public Builder notificationHandle(int handle) {
            this.notificationHandle = handle;
            return this;
        }

        public Builder notificationTag(int tag) {
            this.notificationTag = tag;
            return this;
        }

        public Builder networkHandle(int handle) {
            this.networkHandle = handle;
            return this;
        }

        /** The receive buffer; its declared length is set to its capacity. */
        public Builder receiveBuffer(ByteBuffer buffer) {
            return receiveBuffer(buffer, buffer == null ? 0 : buffer.capacity());
        }

        public Builder receiveBuffer(ByteBuffer buffer, int declaredLength) {
            this.receiveBuffer = buffer;
            this.receiveBufferLen = declaredLength;
            return this;
        }

        /** The send buffer; its declared length is set to its capacity. */
        public Builder sendBuffer(ByteBuffer buffer) {
            return sendBuffer(buffer, buffer == null ? 0 : buffer.capacity());
        }

        public Builder sendBuffer(ByteBuffer buffer, int declaredLength) {
            this.sendBuffer = buffer;
            this.sendBufferLen = declaredLength;
            return this;
        }

        public Builder channelType(MvChannelType type) {
            this.channelType = type.code();
            return this;
        }

        public Builder channelType(int rawType) {
            this.channelType = rawType;
            return this;
        }

        public Builder endpoint(MvSizedString endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public MvOpenChannelParams build() {
            return new MvOpenChannelParams(this);
        }
    }
}
