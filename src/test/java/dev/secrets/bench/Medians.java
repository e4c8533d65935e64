package dev.secrets.bench;

import java.util.Arrays;
import java.util.function.Supplier;

/** The warm-up-then-median timing every in-JVM benchmark here reports. */
final class Medians {
    private Medians() {
    }

    /** Runs {@code work} twice {@code rounds} times to warm up, then {@code rounds} times; the median in ms. */
    static double median(int rounds, Supplier<Object> work) {
        for (int i = 0; i < rounds * 2; i++) {
            work.get();
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }
}
