package dev.mvmqtt.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** How one recorded test (or container) ended. */
@API(status = STABLE, since = "0.1")
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
