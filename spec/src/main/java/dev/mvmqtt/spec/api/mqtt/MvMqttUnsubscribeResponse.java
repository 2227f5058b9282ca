package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.U32Ref;
import java.nio.ByteBuffer;

/** C {@code struct MvMqttUnsubscribeResponse}, written by {@code mvMqttReadUnsubscribeResponse}. */
public final class MvMqttUnsubscribeResponse extends ReasonCodesResponse {
    public MvMqttUnsubscribeResponse(
            U32Ref requestState,
            U32Ref correlationId,
            ByteBuffer reasonCodes,
            int reasonCodesSize,
            U32Ref reasonCodesLen) {
        super(requestState, correlationId, reasonCodes, reasonCodesSize, reasonCodesLen);
    }

    /** Fresh cells and a buffer with room for {@code maxCodes} codes ({@code 4 * maxCodes} bytes). */
    public static MvMqttUnsubscribeResponse withRoomFor(int maxCodes) {
        // reason_codes_size counts codes, as the guide says and both official demos pass it.
        return new MvMqttUnsubscribeResponse(
                new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(4 * maxCodes), maxCodes, new U32Ref(-1));
    }
}
