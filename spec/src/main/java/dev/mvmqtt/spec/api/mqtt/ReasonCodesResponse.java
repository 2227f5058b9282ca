package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The shape shared by C {@code struct MvMqttSubscribeResponse} and {@code MvMqttUnsubscribeResponse}:
 * pointers for request state, correlation id and code count, and a caller buffer that receives one
 * 32-bit reason code per topic, in request order. {@code reasonCodesSize} is how many codes the buffer
 * holds, as the guide says and both official demos pass it (SUB-RESP-4, SUB-REF-2); the header's word is
 * bytes, which gives a larger number and so is served too. A null pointer here is a LATEFAULT.
 */
public abstract class ReasonCodesResponse {
    private final U32Ref requestState;
    private final U32Ref correlationId;
    private final ByteBuffer reasonCodes;
    private final int reasonCodesSize;
    private final U32Ref reasonCodesLen;

    protected ReasonCodesResponse(
            U32Ref requestState,
            U32Ref correlationId,
            ByteBuffer reasonCodes,
            int reasonCodesSize,
            U32Ref reasonCodesLen) {
        this.requestState = requestState;
        this.correlationId = correlationId;
        this.reasonCodes = reasonCodes;
        this.reasonCodesSize = reasonCodesSize;
        this.reasonCodesLen = reasonCodesLen;
    }

    public U32Ref requestState() {
        return requestState;
    }

    public U32Ref correlationId() {
        return correlationId;
    }

    public ByteBuffer reasonCodes() {
        return reasonCodes;
    }

    /** How many 32-bit codes {@link #reasonCodes()} holds, as the application declares it (C {@code reason_codes_size}). */
    public int reasonCodesSize() {
        return reasonCodesSize;
    }

    public U32Ref reasonCodesLen() {
        return reasonCodesLen;
    }

    public MvMqttRequestState state() {
        return MvMqttRequestState.of(requestState.get());
    }

    /** Reason code {@code i} as written, read in native order as the device would. */
    public int reasonCode(int i) {
        return reasonCodes.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(i * 4);
    }

    /** The codes written, {@code reasonCodesLen} of them. */
    public int[] writtenReasonCodes() {
        int n = reasonCodesLen.get();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = reasonCode(i);
        }
        return out;
    }

    /** Writes code {@code i} little-endian, as the device's memory holds a {@code uint32_t}. */
    public void writeReasonCode(int i, int code) {
        reasonCodes.duplicate().order(ByteOrder.LITTLE_ENDIAN).putInt(i * 4, code);
    }
}
