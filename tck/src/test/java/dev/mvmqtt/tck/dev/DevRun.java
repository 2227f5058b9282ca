package dev.mvmqtt.tck.dev;

import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TckRunner;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.util.ArrayList;
import java.util.List;

/**
 * A developer's loop, not a test: runs a subset of the TCK against an implementation and prints
 * what failed. {@code java -cp ... dev.mvmqtt.tck.dev.DevRun 'CLASS-PATTERN' [targets] [implementation]}
 * where the pattern is a JUnit class-name regex such as {@code .*ConnectTest}.
 */
public final class DevRun {
    private DevRun() {}

    public static void main(String[] args) {
        String pattern = args.length > 0 ? args[0] : ".*";
        List<TargetId> targets = new ArrayList<>();
        if (args.length > 1 && !args[1].equals("all")) {
            for (String t : args[1].split(",")) {
                targets.add(TargetId.parse(t.trim()));
            }
        } else {
            targets.addAll(TargetId.MATRIX);
        }
        String implementation = args.length > 2 ? args[2] : "reference";
        TckSettings settings = TckSettings.defaults().toBuilder()
                .implementation(implementation)
                .targets(targets)
                .build();
        TckRunResult result = TckRunner.builder(settings)
                .includeClasses(pattern)
                .progress(System.out)
                .build()
                .run();
        int failed = 0;
        for (TestRecord r : result.records()) {
            if (r.outcome() == Outcome.FAILED) {
                failed++;
                System.out.println("FAILED " + r.testName() + " " + r.displayName() + " [" + r.target() + "] " + r.ids()
                        + "\n    " + r.message()
                        + (r.counterexample() == null ? "" : "\n    counterexample: " + r.counterexample()));
            } else if (r.outcome() != Outcome.PASSED) {
                System.out.println(r.outcome() + " " + r.testName() + " [" + r.target() + "] " + r.reason());
            }
        }
        System.out.println("DevRun: " + result.records().size() + " records, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
