package dev.secrets.cli;

/**
 * Every exit code {@code secrets} uses, documented in {@code docs/exit-codes.md}. Numbers are sops's where the
 * condition is the same, so existing scripts keep working.
 */
public enum ExitCode {
    OK(0),
    GENERIC(1),
    /** {@code render --check}: the output would change (same number as GENERIC, as {@code diff} and {@code cmp} do). */
    CHECK_DIFFERS(1),
    INPUT_UNREADABLE(2),
    OUTPUT_UNWRITABLE(3),
    CONFLICTING_OPTIONS(8),
    DOTENV_SYNTAX(12),
    INVALID_METADATA(13),
    NOT_ENCRYPTED(14),
    VALUE_TAMPERED(25),
    INVALID_RECIPIENT(26),
    INVALID_IDENTITY(27),
    /** A recognised key form that cannot be used (an SSH key type age has no stanza for, a bad plugin name...). */
    UNSUPPORTED_KEY(28),
    /** The passphrase of an identity file, encrypted file or SSH key is wrong. */
    WRONG_PASSPHRASE(29),
    /** A passphrase is needed and there is no terminal to ask it on. */
    PASSPHRASE_UNAVAILABLE(30),
    /** An age plugin {@code age-plugin-NAME} is not on {@code PATH}. */
    PLUGIN_NOT_FOUND(31),
    /** An age plugin crashed, timed out, or broke the protocol. */
    PLUGIN_FAILED(32),
    MAC_MISMATCH(51),
    NO_RECIPIENTS(60),
    CONFIG_NOT_FOUND(61),
    CONFIG_INVALID(62),
    NO_MATCHING_RULE(63),
    USAGE(64),
    UNSUPPORTED(65),
    /** {@code doctor}: a check failed; {@code status}: a credential is overdue; {@code scan-history}: a value was found. */
    CHECKS_FAILED(33),
    /** {@code doctor}, {@code scan-history}, {@code revoke-report}: not inside a git repository. */
    NOT_A_REPOSITORY(34),
    ROTATION_FAILED(40),
    ROTATION_PENDING_MANUAL(41),
    PLAYBOOK_INVALID(42),
    NOT_CONFIRMED(85),
    /** {@code render}/{@code exec}: a key or value the chosen format or the environment cannot carry. */
    RENDER_UNSUPPORTED(70),
    /** {@code render --out}: the output is a symbolic link (refused, nothing written). */
    OUTPUT_IS_SYMLINK(71),
    /** {@code render --out}: the output exists and is a folder, device or other non-regular file. */
    OUTPUT_NOT_REGULAR_FILE(72),
    /** The file has merge conflict markers (git's, or the merge driver's marked keys). */
    MERGE_CONFLICT(80),
    /** {@code git hook run}: a staged file was refused. */
    HOOK_REFUSED(81),
    /** {@code git setup --check}: something is not set up. */
    GIT_SETUP_INCOMPLETE(82),
    /** {@code git ...}: not in a git repository, or git is missing or failed. */
    GIT_FAILED(83),
    KEY_NOT_FOUND(90),
    RECIPIENT_NOT_FOUND(92),
    FILE_NOT_FOUND(100),
    /** {@code exec}: the command could not be started (as a shell reports "command not found"). */
    COMMAND_NOT_STARTED(127),
    COULD_NOT_RETRIEVE_KEY(128),
    FILE_NOT_MODIFIED(200),
    EDITOR_FAILED(201),
    ALREADY_ENCRYPTED(203),
    EDIT_REJECTED(204),
    FILE_CHANGED_ON_DISK(205),
    FILE_LOCKED(206);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
