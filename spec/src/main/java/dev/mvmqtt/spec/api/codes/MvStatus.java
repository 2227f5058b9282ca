package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvStatus}, constants {@code MV_STATUS_*}: the result of every system call; {@code OKAY} (0) is success and any other value means the call issued nothing.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvStatus extends CodedValue {
    private static final Registry<MvStatus> REGISTRY =
            new Registry<>((c, n) -> new MvStatus(c, n, true), (c, n) -> new MvStatus(c, n, false));

    /** {@code MV_STATUS_OKAY} = 0x00. */
    public static final MvStatus OKAY = REGISTRY.define(0x00, "OKAY");
    /** {@code MV_STATUS_TIMENOTSET} = 0x01. */
    public static final MvStatus TIMENOTSET = REGISTRY.define(0x01, "TIMENOTSET");
    /** {@code MV_STATUS_PARAMETERFAULT} = 0x02. */
    public static final MvStatus PARAMETERFAULT = REGISTRY.define(0x02, "PARAMETERFAULT");
    /** {@code MV_STATUS_INVALIDBUFFERSIZE} = 0x03. */
    public static final MvStatus INVALIDBUFFERSIZE = REGISTRY.define(0x03, "INVALIDBUFFERSIZE");
    /** {@code MV_STATUS_PERIPHERALACCESSFAULT} = 0x04. */
    public static final MvStatus PERIPHERALACCESSFAULT = REGISTRY.define(0x04, "PERIPHERALACCESSFAULT");
    /** {@code MV_STATUS_BUFFERALREADYINUSE} = 0x05. */
    public static final MvStatus BUFFERALREADYINUSE = REGISTRY.define(0x05, "BUFFERALREADYINUSE");
    /** {@code MV_STATUS_INVALIDINTERRUPT} = 0x06. */
    public static final MvStatus INVALIDINTERRUPT = REGISTRY.define(0x06, "INVALIDINTERRUPT");
    /** {@code MV_STATUS_INVALIDHANDLE} = 0x07. */
    public static final MvStatus INVALIDHANDLE = REGISTRY.define(0x07, "INVALIDHANDLE");
    /** {@code MV_STATUS_TOOMANYNOTIFICATIONBUFFERS} = 0x08. */
    public static final MvStatus TOOMANYNOTIFICATIONBUFFERS = REGISTRY.define(0x08, "TOOMANYNOTIFICATIONBUFFERS");
    /** {@code MV_STATUS_INVALIDVECTOR} = 0x09. */
    public static final MvStatus INVALIDVECTOR = REGISTRY.define(0x09, "INVALIDVECTOR");
    /** {@code MV_STATUS_UNAVAILABLE} = 0x0a. */
    public static final MvStatus UNAVAILABLE = REGISTRY.define(0x0a, "UNAVAILABLE");
    /** {@code MV_STATUS_UNSUPPORTEDSTRUCTUREVERSION} = 0x0b. */
    public static final MvStatus UNSUPPORTEDSTRUCTUREVERSION = REGISTRY.define(0x0b, "UNSUPPORTEDSTRUCTUREVERSION");
    /** {@code MV_STATUS_TOOMANYCHANNELS} = 0x0c. */
    public static final MvStatus TOOMANYCHANNELS = REGISTRY.define(0x0c, "TOOMANYCHANNELS");
    /** {@code MV_STATUS_UNKNOWNCHANNELENDPOINT} = 0x0d. */
    public static final MvStatus UNKNOWNCHANNELENDPOINT = REGISTRY.define(0x0d, "UNKNOWNCHANNELENDPOINT");
    /** {@code MV_STATUS_UNKNOWNCHANNELTYPE} = 0x0e. */
    public static final MvStatus UNKNOWNCHANNELTYPE = REGISTRY.define(0x0e, "UNKNOWNCHANNELTYPE");
    /** {@code MV_STATUS_CHANNELCLOSED} = 0x0f. */
    public static final MvStatus CHANNELCLOSED = REGISTRY.define(0x0f, "CHANNELCLOSED");
    /** {@code MV_STATUS_NETWORKNOTCONNECTED} = 0x10. */
    public static final MvStatus NETWORKNOTCONNECTED = REGISTRY.define(0x10, "NETWORKNOTCONNECTED");
    /** {@code MV_STATUS_RATELIMITED} = 0x11. */
    public static final MvStatus RATELIMITED = REGISTRY.define(0x11, "RATELIMITED");
    /** {@code MV_STATUS_INVALIDBUFFERALIGNMENT} = 0x12. */
    public static final MvStatus INVALIDBUFFERALIGNMENT = REGISTRY.define(0x12, "INVALIDBUFFERALIGNMENT");
    /** {@code MV_STATUS_LATEFAULT} = 0x13. */
    public static final MvStatus LATEFAULT = REGISTRY.define(0x13, "LATEFAULT");
    /** {@code MV_STATUS_RESPONSENOTPRESENT} = 0x14. */
    public static final MvStatus RESPONSENOTPRESENT = REGISTRY.define(0x14, "RESPONSENOTPRESENT");
    /** {@code MV_STATUS_INDEXINVALID} = 0x15. */
    public static final MvStatus INDEXINVALID = REGISTRY.define(0x15, "INDEXINVALID");
    /** {@code MV_STATUS_OFFSETINVALID} = 0x16. */
    public static final MvStatus OFFSETINVALID = REGISTRY.define(0x16, "OFFSETINVALID");
    /** {@code MV_STATUS_REQUESTALREADYSENT} = 0x17. */
    public static final MvStatus REQUESTALREADYSENT = REGISTRY.define(0x17, "REQUESTALREADYSENT");
    /** {@code MV_STATUS_REQUESTUNSUCCESSFUL} = 0x18. */
    public static final MvStatus REQUESTUNSUCCESSFUL = REGISTRY.define(0x18, "REQUESTUNSUCCESSFUL");
    /** {@code MV_STATUS_LOGMESSAGETOOLONG} = 0x19. */
    public static final MvStatus LOGMESSAGETOOLONG = REGISTRY.define(0x19, "LOGMESSAGETOOLONG");
    /** {@code MV_STATUS_LOGGINGDISABLEDBYSERVER} = 0x1a. */
    public static final MvStatus LOGGINGDISABLEDBYSERVER = REGISTRY.define(0x1a, "LOGGINGDISABLEDBYSERVER");
    /** {@code MV_STATUS_TOOMANYCONFIGKEYS} = 0x1b. */
    public static final MvStatus TOOMANYCONFIGKEYS = REGISTRY.define(0x1b, "TOOMANYCONFIGKEYS");
    /** {@code MV_STATUS_UNKNOWNCONFIGSTORE} = 0x1c. */
    public static final MvStatus UNKNOWNCONFIGSTORE = REGISTRY.define(0x1c, "UNKNOWNCONFIGSTORE");
    /** {@code MV_STATUS_UNKNOWNCONFIGSCOPE} = 0x1d. */
    public static final MvStatus UNKNOWNCONFIGSCOPE = REGISTRY.define(0x1d, "UNKNOWNCONFIGSCOPE");
    /** {@code MV_STATUS_INVALIDCONFIGKEY} = 0x1e. */
    public static final MvStatus INVALIDCONFIGKEY = REGISTRY.define(0x1e, "INVALIDCONFIGKEY");
    /** {@code MV_STATUS_INVALIDAUTHENTICATION} = 0x1f. */
    public static final MvStatus INVALIDAUTHENTICATION = REGISTRY.define(0x1f, "INVALIDAUTHENTICATION");
    /** {@code MV_STATUS_WRONGDATAREQUESTED} = 0x20. */
    public static final MvStatus WRONGDATAREQUESTED = REGISTRY.define(0x20, "WRONGDATAREQUESTED");
    /** {@code MV_STATUS_INTERNALERROR} = 0x21. */
    public static final MvStatus INTERNALERROR = REGISTRY.define(0x21, "INTERNALERROR");
    /** {@code MV_STATUS_TOOMANYELEMENTS} = 0x22. */
    public static final MvStatus TOOMANYELEMENTS = REGISTRY.define(0x22, "TOOMANYELEMENTS");
    /** {@code MV_STATUS_REQUIREDELEMENTMISSING} = 0x23. */
    public static final MvStatus REQUIREDELEMENTMISSING = REGISTRY.define(0x23, "REQUIREDELEMENTMISSING");
    /** {@code MV_STATUS_MICROVISORBUSY} = 0x24. */
    public static final MvStatus MICROVISORBUSY = REGISTRY.define(0x24, "MICROVISORBUSY");
    /** {@code MV_STATUS_ADDRESSOUTOFRANGE} = 0x25. */
    public static final MvStatus ADDRESSOUTOFRANGE = REGISTRY.define(0x25, "ADDRESSOUTOFRANGE");
    /** {@code MV_STATUS_INPUTTOOLONG} = 0x26. */
    public static final MvStatus INPUTTOOLONG = REGISTRY.define(0x26, "INPUTTOOLONG");

    private MvStatus(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvStatus of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvStatus named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvStatus> values() {
        return REGISTRY.values();
    }
}
