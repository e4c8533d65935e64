package dev.secrets.dotenv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes dotenv lines back: each line as it was read ({@link #emit}), or normalized to what sops itself emits
 * ({@link #emitAsSops}: LF endings, blank lines dropped, a final LF on every line).
 */
public final class DotenvWriter {
    private DotenvWriter() {
    }

    /** The exact text {@code document} was parsed from: {@code emit(parse(s))} equals {@code s}. */
    public static byte[] emit(DotenvDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DotenvLine line : document.lines()) {
            writeContent(out, line);
            out.writeBytes(line.eol().getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** What {@code sops decrypt} prints for this document: comments and entries, each ending in LF. */
    public static byte[] emitAsSops(DotenvDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DotenvLine line : document.lines()) {
            if (!(line instanceof DotenvLine.Blank)) {
                writeContent(out, line);
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** One entry line without its ending: {@code KEY=value} with line feeds escaped. */
    public static byte[] entryLine(String key, Bytes value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
        out.write('=');
        writeEscaped(out, value);
        return out.toByteArray();
    }

    private static void writeContent(ByteArrayOutputStream out, DotenvLine line) {
        if (line instanceof DotenvLine.Blank blank) {
            out.writeBytes(blank.whitespace().getBytes(StandardCharsets.US_ASCII));
        } else if (line instanceof DotenvLine.Comment comment) {
            out.write('#');
            out.writeBytes(comment.text().toArray());
        } else if (line instanceof DotenvLine.Entry entry) {
            out.writeBytes(entryLine(entry.key(), entry.value()));
        }
    }

    private static void writeEscaped(ByteArrayOutputStream out, Bytes value) {
        byte[] bytes = value.toArray();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                out.write(bytes, start, i - start);
                out.write(ESCAPED_LF, 0, 2);
                start = i + 1;
            }
        }
        out.write(bytes, start, bytes.length - start);
    }

    private static final byte[] ESCAPED_LF = {'\\', 'n'};
}
