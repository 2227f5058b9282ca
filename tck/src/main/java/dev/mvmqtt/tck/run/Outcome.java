package dev.mvmqtt.tck.run;

/** How one recorded test (or container) ended. */
public enum Outcome {
    /** Ran and every check held. */
    PASSED,
    /** Ran and a check failed, or it threw. */
    FAILED,
    /** Not run at all (disabled, or filtered by a condition); the record carries the reason. */
    SKIPPED,
    /** Started but gave up before deciding, e.g. its target is unavailable; the record carries the reason. */
    ABORTED
}
