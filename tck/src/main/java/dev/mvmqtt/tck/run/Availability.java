package dev.mvmqtt.tck.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Whether a target could be used in a run, as the run's records show it. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Availability {
    /** At least one test ran on it. */
    AVAILABLE,
    /** Its broker could not be started or reached; every test on it was aborted with the reason. */
    UNAVAILABLE,
    /** Selected, but no test ran on it (for example no test in the run needs a broker). */
    NOT_RUN
}
