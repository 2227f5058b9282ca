package dev.mvmqtt.spec.api.net;

/**
 * C {@code struct MvRequestNetworkParams}: structure version (1), and the notification centre and
 * tag that network status changes are reported to.
 */
public final class MvRequestNetworkParams {
    /** The only structure version the header defines. */
    public static final int VERSION_1 = 1;

    private final int version;
    private final int notificationHandle;
    private final int notificationTag;

    public MvRequestNetworkParams(int version, int notificationHandle, int notificationTag) {
        this.version = version;
        this.notificationHandle = notificationHandle;
        this.notificationTag = notificationTag;
    }

    /** Version 1 params. */
    public static MvRequestNetworkParams v1(int notificationHandle, int notificationTag) {
        return new MvRequestNetworkParams(VERSION_1, notificationHandle, notificationTag);
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
}
