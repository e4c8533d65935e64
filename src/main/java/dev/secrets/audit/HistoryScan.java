package dev.secrets.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searches every blob git has — each version of each path in every commit of every ref and reflog (deleted
 * files included), and objects no ref reaches that git still lists — for any of a set of byte strings, in one
 * streaming pass: {@code git log --raw} says which commit and path first brought each blob, {@code git cat-file
 * --batch} streams the blobs through one {@link MultiMatcher}. Reports where, never what.
 */
public final class HistoryScan {
    /** The commit given for a blob that no ref or reflog reaches. */
    public static final String UNREACHABLE = "unreachable";

    private HistoryScan() {
    }

    /**
     * One byte string to look for.
     *
     * @param secret the caller's number for the secret it encodes
     * @param encoding how it is encoded ({@code plain}, {@code base64}, {@code url})
     * @param bytes the bytes (secret: wiped by the caller)
     */
    public record Needle(int secret, String encoding, byte[] bytes) {
    }

    /**
     * A secret found in a blob.
     *
     * @param commit the oldest commit that brought the blob, or {@link #UNREACHABLE}
     * @param path the path the blob had there (empty for an unreachable blob)
     * @param secret the needle's secret number
     * @param encoding how the secret was written there
     */
    public record Hit(String commit, String path, int secret, String encoding) {
    }

    /**
     * What a scan found and covered.
     *
     * @param hits every (blob, secret) found, once each
     * @param commits commits walked
     * @param blobs distinct blobs read
     * @param bytes bytes of blob content searched
     */
    public record Result(List<Hit> hits, long commits, long blobs, long bytes) {
    }

    private record Origin(String commit, String path, long time) {
    }

    /** Scans {@code git}'s whole object store for {@code needles}. */
    public static Result scan(Git git, List<Needle> needles) throws IOException {
        Map<String, Origin> origins = new LinkedHashMap<>();
        long commits = origins(git, origins);
        unreachable(git, origins);
        if (needles.isEmpty()) {
            return new Result(List.of(), commits, origins.size(), 0);
        }
        MultiMatcher matcher = MultiMatcher.of(needles.stream().map(Needle::bytes).toList());
        List<Hit> hits = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        long[] bytes = {0};
        try {
            CatFile.each(git, origins.keySet().iterator(), new CatFile.Sink() {
                private MultiMatcher.Cursor cursor;
                private Origin origin;

                @Override
                public void begin(String id, long size) {
                    cursor = matcher.start();
                    origin = origins.get(id);
                }

                @Override
                public void chunk(byte[] buffer, int length) {
                    bytes[0] += length;
                    cursor.feed(buffer, 0, length, needle -> {
                        Needle n = needles.get(needle);
                        String key = origin.commit() + "\0" + origin.path() + "\0" + n.secret();
                        if (seen.add(key)) {
                            hits.add(new Hit(origin.commit(), origin.path(), n.secret(), n.encoding()));
                        }
                    });
                }
            });
        } finally {
            matcher.wipe();
        }
        return new Result(hits, commits, origins.size(), bytes[0]);
    }

    private static long origins(Git git, Map<String, Origin> origins) throws IOException {
        return git.rawLog(change -> {
            if (change.blob() != null) {
                origins.merge(change.blob(), new Origin(change.commit(), change.path(), change.time()),
                        (a, b) -> b.time() < a.time() ? b : a);
            }
        }, "--all", "--reflog", "-m");
    }

    private static void unreachable(Git git, Map<String, Origin> origins) throws IOException {
        byte[] listing = git.run("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)");
        for (String line : new String(listing, StandardCharsets.US_ASCII).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.endsWith(" blob")) {
                origins.putIfAbsent(line.substring(0, space), new Origin(UNREACHABLE, "", Long.MAX_VALUE));
            }
        }
    }
}
