package dev.secrets.audit;

import dev.secrets.io.PipedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Streams objects out of {@code git cat-file --batch}: ids are written by a background thread while contents are
 * read, so any number of blobs pass through without a process each and without holding more than one buffer.
 */
final class CatFile {
    private static final int MAX_HEADER = 512;

    private CatFile() {
    }

    /** Receives each object's content in chunks. */
    interface Sink {
        /** A new object begins. */
        void begin(String id, long size);

        /** The next chunk of the current object. */
        void chunk(byte[] buffer, int length);
    }

    /** Feeds every id of {@code ids} to {@code git cat-file --batch} and passes the contents to {@code sink}. */
    static void each(Git git, Iterator<String> ids, Sink sink) throws IOException {
        try (PipedProcess process = git.stream("cat-file", "--batch")) {
            Thread writer = new Thread(() -> writeIds(process.stdin(), ids), "cat-file-ids");
            writer.setDaemon(true);
            writer.start();
            read(process.stdout(), sink);
            process.finish();
        }
    }

    /** Parses {@code git cat-file --batch} output from {@code in}; malformed output fails with an IOException. */
    static void read(InputStream in, Sink sink) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try {
            String header;
            while ((header = readLine(in)) != null) {
                String[] parts = header.split(" ");
                if (parts.length == 2 && parts[1].equals("missing")) {
                    continue;
                }
                if (parts.length != 3) {
                    throw new RawLog.MalformedException("a cat-file header of an unknown shape");
                }
                long size;
                try {
                    size = Long.parseLong(parts[2]);
                } catch (NumberFormatException e) {
                    throw new RawLog.MalformedException("a cat-file size that is not a number");
                }
                if (size < 0) {
                    throw new RawLog.MalformedException("a negative cat-file size");
                }
                sink.begin(parts[0], size);
                long left = size;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new RawLog.MalformedException("cat-file output ends inside an object");
                    }
                    sink.chunk(buffer, n);
                    left -= n;
                }
                if (in.read() != '\n') {
                    throw new RawLog.MalformedException("cat-file object not followed by a newline");
                }
            }
        } finally {
            // Blob contents may be plaintext secrets.
            java.util.Arrays.fill(buffer, (byte) 0);
        }
    }

    private static void writeIds(OutputStream out, Iterator<String> ids) {
        try (out) {
            while (ids.hasNext()) {
                out.write((ids.next() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // git exited early; the reader reports it.
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString();
            }
            if (line.length() >= MAX_HEADER) {
                throw new RawLog.MalformedException("a cat-file header too long");
            }
            line.append((char) b);
        }
        if (line.length() > 0) {
            throw new RawLog.MalformedException("cat-file output ends inside a header");
        }
        return null;
    }
}
