package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.IrqHandler;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import java.util.Objects;
import java.util.Optional;

/**
 * Forwards every call to another {@link Microvisor} unchanged. Each broken implementation extends it and
 * overrides the one thing it gets wrong. Channel handles pass through {@link #channel(int)}, identity here,
 * so a wrapper that changes what handles the application sees has one place to map them back.
 */
public class DelegatingMicrovisor implements Microvisor {
    protected final Microvisor delegate;

    public DelegatingMicrovisor(Microvisor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The delegate's channel handle for one the application passes; identity unless overridden. */
    protected int channel(int applicationHandle) {
        return applicationHandle;
    }

    @Override
    public MvStatus mvSetupNotifications(MvNotificationSetup setup, U32Ref handle) {
        return delegate.mvSetupNotifications(setup, handle);
    }

    @Override
    public MvStatus mvCloseNotifications(U32Ref handle) {
        return delegate.mvCloseNotifications(handle);
    }

    @Override
    public void registerIrqHandler(int irq, IrqHandler handler) {
        delegate.registerIrqHandler(irq, handler);
    }

    @Override
    public MvStatus mvRequestNetwork(MvRequestNetworkParams params, U32Ref handle) {
        return delegate.mvRequestNetwork(params, handle);
    }

    @Override
    public MvStatus mvGetNetworkStatus(int networkHandle, U32Ref status) {
        return delegate.mvGetNetworkStatus(networkHandle, status);
    }

    @Override
    public MvStatus mvReleaseNetwork(U32Ref handle) {
        return delegate.mvReleaseNetwork(handle);
    }

    @Override
    public MvStatus mvOpenChannel(MvOpenChannelParams params, U32Ref handle) {
        return delegate.mvOpenChannel(params, handle);
    }

    @Override
    public MvStatus mvCloseChannel(U32Ref handle) {
        return delegate.mvCloseChannel(handle);
    }

    @Override
    public MvStatus mvGetChannelClosureReason(int channelHandle, U32Ref reason) {
        return delegate.mvGetChannelClosureReason(channel(channelHandle), reason);
    }

    @Override
    public MvStatus mvMqttGetNextReadableDataType(int channelHandle, U32Ref dataType) {
        return delegate.mvMqttGetNextReadableDataType(channel(channelHandle), dataType);
    }

    @Override
    public MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request) {
        return delegate.mvMqttRequestConnect(channel(channelHandle), request);
    }

    @Override
    public MvStatus mvMqttReadConnectResponse(int channelHandle, MvMqttConnectResponse response) {
        return delegate.mvMqttReadConnectResponse(channel(channelHandle), response);
    }

    @Override
    public MvStatus mvMqttRequestSubscribe(int channelHandle, MvMqttSubscribeRequest request) {
        return delegate.mvMqttRequestSubscribe(channel(channelHandle), request);
    }

    @Override
    public MvStatus mvMqttReadSubscribeResponse(int channelHandle, MvMqttSubscribeResponse response) {
        return delegate.mvMqttReadSubscribeResponse(channel(channelHandle), response);
    }

    @Override
    public MvStatus mvMqttRequestUnsubscribe(int channelHandle, MvMqttUnsubscribeRequest request) {
        return delegate.mvMqttRequestUnsubscribe(channel(channelHandle), request);
    }

    @Override
    public MvStatus mvMqttReadUnsubscribeResponse(int channelHandle, MvMqttUnsubscribeResponse response) {
        return delegate.mvMqttReadUnsubscribeResponse(channel(channelHandle), response);
    }

    @Override
    public MvStatus mvMqttRequestPublish(int channelHandle, MvMqttPublishRequest request) {
        return delegate.mvMqttRequestPublish(channel(channelHandle), request);
    }

    @Override
    public MvStatus mvMqttReadPublishResponse(int channelHandle, MvMqttPublishResponse response) {
        return delegate.mvMqttReadPublishResponse(channel(channelHandle), response);
    }

    @Override
    public MvStatus mvMqttReceiveMessage(int channelHandle, MvMqttMessage message) {
        return delegate.mvMqttReceiveMessage(channel(channelHandle), message);
    }

    @Override
    public MvStatus mvMqttReceiveLostMessageInfo(int channelHandle, MvMqttLostMessageInfo info) {
        return delegate.mvMqttReceiveLostMessageInfo(channel(channelHandle), info);
    }

    @Override
    public MvStatus mvMqttAcknowledgeMessage(int channelHandle, int correlationId) {
        return delegate.mvMqttAcknowledgeMessage(channel(channelHandle), correlationId);
    }

    @Override
    public MvStatus mvMqttRequestDisconnect(int channelHandle) {
        return delegate.mvMqttRequestDisconnect(channel(channelHandle));
    }

    @Override
    public MvStatus mvMqttReadDisconnectResponse(int channelHandle, MvMqttDisconnectResponse response) {
        return delegate.mvMqttReadDisconnectResponse(channel(channelHandle), response);
    }

    @Override
    public Optional<NetworkLink> networkLink() {
        return delegate.networkLink();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
