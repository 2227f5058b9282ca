package dev.mvmqtt.reports;

import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.broker.TargetStatus;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.profile.BrokerProfile;
import dev.mvmqtt.tck.profile.BrokerProfiler;
import dev.mvmqtt.tck.run.Redactor;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The broker profile of a run, as the reports show it: what each selected target's broker did where MQTT lets
 * brokers differ ({@link BrokerProfiler}), one column per target. Every text has been through the redactor.
 *
 * @param questions every question, by key, in profile order
 * @param targets   one entry per selected target, in selection order
 */
public record BrokerProfiles(Map<String, String> questions, List<TargetProfile> targets) {
    public BrokerProfiles {
        questions = Collections.unmodifiableMap(new LinkedHashMap<>(questions));
        targets = List.copyOf(targets);
    }

    /**
     * One target's answers.
     *
     * @param target      the target id
     * @param broker      the broker as the kit knows it, or null when the target was not available
     * @param unavailable why it could not be profiled, or null
     * @param answers     by question key; empty when not available
     */
    public record TargetProfile(String target, String broker, String unavailable, Map<String, String> answers) {
        public TargetProfile {
            answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        }

        /** The answer to {@code key}, or empty text. */
        public String answer(String key) {
            return answers.getOrDefault(key, "");
        }
    }

    /**
     * Profiles every selected target's broker through the {@linkplain BrokerPool#shared() shared pool} (so a TCK run
     * that follows reuses the brokers started here), printing one progress line per target to {@code progress}.
     */
    public static BrokerProfiles observe(TckSettings settings, PrintStream progress) {
        BrokerPool pool = BrokerPool.shared();
        List<TargetId> selected = settings.targets();
        if (selected.isEmpty()) {
            return new BrokerProfiles(BrokerProfiler.QUESTIONS, List.of());
        }
        // every target at once, as the TCK runs them: a TLS target's profile is mostly handshakes
        ExecutorService threads = Executors.newFixedThreadPool(selected.size());
        try {
            List<Future<TargetProfile>> rows = new ArrayList<>();
            for (TargetId target : selected) {
                rows.add(threads.submit(() -> profile(pool, target, settings, progress)));
            }
            List<TargetProfile> done = new ArrayList<>();
            for (Future<TargetProfile> row : rows) {
                done.add(row.get());
            }
            return new BrokerProfiles(BrokerProfiler.QUESTIONS, done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while profiling the brokers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("profiling the brokers failed: " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    private static TargetProfile profile(BrokerPool pool, TargetId target, TckSettings settings, PrintStream progress) {
        TargetStatus status = pool.status(target, settings);
        if (status.broker().isEmpty()) {
            String why = Redactor.redact(status.unavailableReason().orElse("not available"));
            progress.println("[" + target.id() + "] broker not profiled: " + why);
            return new TargetProfile(target.id(), null, why, Map.of());
        }
        long started = System.nanoTime();
        BrokerProfile p =
                BrokerProfiler.profile(new TckTarget(target, status.broker().get(), settings));
        progress.println(
                "[" + target.id() + "] broker profiled in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        Map<String, String> answers = new LinkedHashMap<>();
        p.observations().forEach(o -> answers.put(o.key(), Redactor.redact(o.answer())));
        return new TargetProfile(target.id(), Redactor.redact(p.broker()), null, answers);
    }

    /** True when no target could be profiled. */
    public boolean noneProfiled() {
        return targets.stream().allMatch(t -> t.broker() == null);
    }

    /** The profile as a Markdown table: one row per question, one column per target. */
    public String markdownTable() {
        StringBuilder m = new StringBuilder("| question |");
        targets.forEach(t -> m.append(' ').append(cell(t.target())).append(" |"));
        m.append("\n|---|");
        targets.forEach(t -> m.append("---|"));
        m.append("\n| broker |");
        targets.forEach(t -> m.append(' ')
                .append(cell(t.broker() == null ? "not available: " + t.unavailable() : t.broker()))
                .append(" |"));
        m.append('\n');
        questions.forEach((key, question) -> {
            m.append("| ").append(cell(question)).append(" |");
            targets.forEach(t -> m.append(' ').append(cell(t.answer(key))).append(" |"));
            m.append('\n');
        });
        return m.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replaceAll("\\s+", " ");
    }
}
