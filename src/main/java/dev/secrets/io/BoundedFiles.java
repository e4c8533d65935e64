package dev.secrets.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads with an upper bound, so a wrong path (a device, a huge log) cannot exhaust memory. */
public final class BoundedFiles {
    /** Largest encrypted or plain secrets file accepted. */
    public static final int MAX_SECRETS_FILE = 64 * 1024 * 1024;
    /** Largest key or config file accepted. */
    public static final int MAX_SMALL_FILE = 1024 * 1024;

    private BoundedFiles() {
    }

    /**
     * Reads all of {@code path}, failing with {@link TooLargeException} past {@code limit} bytes.
     *
     * @throws IOException when the file is missing, unreadable, or too large
     */
    public static byte[] read(Path path, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, limit, path.toString());
        }
    }

    /** Reads a stream to its end, failing past {@code limit} bytes; {@code name} goes into the error. */
    public static byte[] read(InputStream in, int limit, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                throw new TooLargeException(name, limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A read went past its bound. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String name, int limit) {
            super("[" + name + "] is larger than " + limit + " bytes");
        }
    }
}
