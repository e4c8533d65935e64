package dev.secrets.rotate;

/** What a server says about one candidate value of a credential. */
public enum Acceptance {
    /** The server logs in / authenticates with it. */
    ACCEPTED,
    /** The server positively refuses it (wrong password), as opposed to being unreachable. */
    REFUSED,
    /** This applier cannot tell (no server, or a command without a {@code verify} step). */
    UNKNOWN
}
