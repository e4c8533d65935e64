package dev.secrets.audit;

/**
 * One problem found: which check, how bad, where (a file, {@code file:KEY}, or a commit), and how to fix it.
 * Never holds a secret value.
 *
 * @param check the check's name, as listed in docs/doctor.md (e.g. {@code git.plaintext-tracked})
 * @param severity fail or warn
 * @param where the file, key or commit concerned
 * @param fix what to do about it (a command where there is one)
 */
public record Finding(String check, Severity severity, String where, String fix) {
    /** A failure. */
    public static Finding fail(String check, String where, String fix) {
        return new Finding(check, Severity.FAIL, where, fix);
    }

    /** A warning. */
    public static Finding warn(String check, String where, String fix) {
        return new Finding(check, Severity.WARN, where, fix);
    }
}
