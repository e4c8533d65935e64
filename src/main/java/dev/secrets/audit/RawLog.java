package dev.secrets.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code git log -z --raw --no-abbrev --no-renames --format=%x01%H%x20%ct} as a stream of changes: one
 * {@link Change} per path a commit adds, modifies or deletes. Fails with {@link MalformedException} (an
 * {@link IOException}) on anything else, never with another exception type.
 */
public final class RawLog {
    /** The longest token (a path, a header) accepted; git paths are far shorter. */
    static final int MAX_TOKEN = 64 * 1024;
    private static final String ZERO_ID = "0".repeat(40);
    private final InputStream in;
    private final byte[] token = new byte[MAX_TOKEN];
    private String commit;
    private long time;
    private long commits;

    /** A reader over {@code in}. */
    public RawLog(InputStream in) {
        this.in = in;
    }

    /**
     * One path changed by one commit.
     *
     * @param commit the commit id (hex)
     * @param time the committer time, seconds since the epoch
     * @param status the git status letter (A, M, D, T, ...)
     * @param blob the path's new blob id, or null when the commit deletes it
     * @param oldBlob the path's previous blob id, or null when the commit adds it
     * @param path the path, relative to the repository root
     */
    public record Change(String commit, long time, char status, String blob, String oldBlob, String path) {
    }

    /** The output is not what the git command prints. */
    public static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super("unexpected git log output: " + message);
        }
    }

    /** The next change, or null at the end. */
    public Change next() throws IOException {
        while (true) {
            int length = readToken();
            if (length < 0) {
                return null;
            }
            int start = 0;
            while (start < length && token[start] == '\n') {
                start++;
            }
            if (start == length) {
                continue;
            }
            if (token[start] == 1) {
                header(start + 1, length);
            } else if (token[start] == ':') {
                String meta = new String(token, start + 1, length - start - 1, StandardCharsets.US_ASCII);
                int pathLength = readToken();
                if (pathLength <= 0) {
                    throw new MalformedException("a raw entry without a path");
                }
                String path = new String(token, 0, pathLength, StandardCharsets.UTF_8);
                return change(meta, path);
            } else {
                throw new MalformedException("a token that is neither a commit nor a raw entry");
            }
        }
    }

    private void header(int from, int to) throws MalformedException {
        String text = new String(token, from, to - from, StandardCharsets.US_ASCII);
        int space = text.indexOf(' ');
        if (space != 40 || !isHex(text.substring(0, 40))) {
            throw new MalformedException("a commit header without a commit id");
        }
        try {
            time = Long.parseLong(text.substring(41).strip());
        } catch (NumberFormatException e) {
            throw new MalformedException("a commit header without a time");
        }
        String id = text.substring(0, 40);
        if (!id.equals(commit)) {
            commits++;
        }
        commit = id;
    }

    /** How many commit headers were read so far (a merge shown against each parent counts once). */
    public long commits() {
        return commits;
    }

    private Change change(String meta, String path) throws MalformedException {
        if (commit == null) {
            throw new MalformedException("a raw entry before any commit");
        }
        String[] parts = meta.split(" ");
        if (parts.length != 5 || parts[4].isEmpty() || !isHex(parts[2]) || !isHex(parts[3])
                || parts[2].length() != 40 || parts[3].length() != 40) {
            throw new MalformedException("a raw entry of an unknown shape");
        }
        String blob = parts[3].equals(ZERO_ID) ? null : parts[3];
        String oldBlob = parts[2].equals(ZERO_ID) ? null : parts[2];
        return new Change(commit, time, parts[4].charAt(0), blob, oldBlob, path);
    }

    private static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Reads up to the next NUL into {@link #token}; -1 at the end of the stream. */
    private int readToken() throws IOException {
        int n = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (b == 0) {
                return n;
            }
            if (n == MAX_TOKEN) {
                throw new MalformedException("a token longer than " + MAX_TOKEN + " bytes");
            }
            token[n++] = (byte) b;
        }
        return n == 0 ? -1 : n;
    }
}
