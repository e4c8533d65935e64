package dev.secrets.audit;

/** How bad a finding is: a failure makes {@code doctor} exit non-zero, a warning only reports. */
public enum Severity {
    /** Must be fixed. */
    FAIL,
    /** Worth fixing; does not fail the run. */
    WARN
}
