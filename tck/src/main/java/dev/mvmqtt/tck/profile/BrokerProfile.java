package dev.mvmqtt.tck.profile;

import java.util.List;

/**
 * What one target's broker did where MQTT leaves the choice to the broker. Immutable.
 *
 * @param target       the target id, e.g. {@code external-v5-plain}
 * @param broker       the broker as the kit knows it (family, provisioning, version or where it was reached)
 * @param observations one answer per question, in {@link BrokerProfiler#QUESTIONS} order
 */
public record BrokerProfile(String target, String broker, List<Observation> observations) {
    public BrokerProfile {
        observations = List.copyOf(observations);
    }

    /**
     * One observation.
     *
     * @param key      stable name, e.g. {@code pubackNoSubscribers}
     * @param question what was asked of the broker, for people
     * @param answer   what it did, for people; {@code n/a (...)} where the MQTT version has no such thing,
     *                 {@code not observed (...)} where the kit did not look
     */
    public record Observation(String key, String question, String answer) {}
}
