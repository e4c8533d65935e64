package dev.secrets.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds any of many byte strings in a stream in one pass (Aho-Corasick as a DFA over the bytes the needles use),
 * so scanning every blob of a repository costs one table look-up per byte whatever the number of secrets.
 * The tables encode the needles: {@link #wipe()} zeroes them.
 */
public final class MultiMatcher {
    private final int[] classOf = new int[256];
    private final int classes;
    private int[] delta;
    private int[][] outputs;

    private MultiMatcher(List<byte[]> needles) {
        int next = 1;
        for (byte[] needle : needles) {
            for (byte b : needle) {
                if (classOf[b & 0xff] == 0) {
                    classOf[b & 0xff] = next++;
                }
            }
        }
        classes = next;
        build(needles);
    }

    /** A matcher for {@code needles} (none may be empty); hits report the needle's index in the list. */
    public static MultiMatcher of(List<byte[]> needles) {
        for (byte[] needle : needles) {
            if (needle.length == 0) {
                throw new IllegalArgumentException("empty needle");
            }
        }
        return new MultiMatcher(needles);
    }

    /** Receives the index of each needle found. */
    @FunctionalInterface
    public interface Hits {
        /** {@code needle} ends at the current position. */
        void found(int needle);
    }

    /** A position in a stream being scanned: feed it the stream's bytes in order. */
    public final class Cursor {
        private int state;

        /** Scans {@code length} bytes of {@code buffer} from {@code offset}. */
        public void feed(byte[] buffer, int offset, int length, Hits hits) {
            int s = state;
            int[] d = delta;
            int k = classes;
            for (int i = offset; i < offset + length; i++) {
                s = d[s * k + classOf[buffer[i] & 0xff]];
                int[] out = outputs[s];
                if (out != null) {
                    for (int needle : out) {
                        hits.found(needle);
                    }
                }
            }
            state = s;
        }
    }

    /** A cursor at the start of a stream. */
    public Cursor start() {
        return new Cursor();
    }

    /** Zeroes the tables; the matcher must not be used afterwards. */
    public void wipe() {
        Arrays.fill(delta, 0);
        Arrays.fill(classOf, 0);
        Arrays.fill(outputs, null);
    }

    private void build(List<byte[]> needles) {
        int total = 1;
        for (byte[] needle : needles) {
            total += needle.length;
        }
        int[] table = new int[total * classes];
        Arrays.fill(table, -1);
        List<List<Integer>> out = new ArrayList<>();
        out.add(null);
        int states = 1;
        for (int n = 0; n < needles.size(); n++) {
            int s = 0;
            for (byte b : needles.get(n)) {
                int c = classOf[b & 0xff];
                if (table[s * classes + c] < 0) {
                    table[s * classes + c] = states;
                    out.add(null);
                    states++;
                }
                s = table[s * classes + c];
            }
            if (out.get(s) == null) {
                out.set(s, new ArrayList<>());
            }
            out.get(s).add(n);
        }
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int t = table[c];
            if (c == 0 || t < 0) {
                table[c] = 0;
            } else {
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            List<Integer> inherited = out.get(fail[s]);
            if (inherited != null) {
                if (out.get(s) == null) {
                    out.set(s, new ArrayList<>());
                }
                out.get(s).addAll(inherited);
            }
            for (int c = 0; c < classes; c++) {
                int t = table[s * classes + c];
                if (t > 0 && c != 0) {
                    fail[t] = table[fail[s] * classes + c];
                    queue.add(t);
                } else {
                    table[s * classes + c] = c == 0 ? 0 : table[fail[s] * classes + c];
                }
            }
        }
        delta = Arrays.copyOf(table, states * classes);
        Arrays.fill(table, 0);
        outputs = new int[states][];
        for (int s = 0; s < states; s++) {
            List<Integer> list = out.get(s);
            outputs[s] = list == null ? null : list.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
    }
}
