package dev.mvmqtt.tck.run;

/** Whether a target could be used in a run, as the run's records show it. */
public enum Availability {
    /** At least one test ran on it. */
    AVAILABLE,
    /** Its broker could not be started or reached; every test on it was aborted with the reason. */
    UNAVAILABLE,
    /** Selected, but no test ran on it (for example no test in the run needs a broker). */
    NOT_RUN
}
