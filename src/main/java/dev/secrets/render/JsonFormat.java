package dev.secrets.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A JSON object of string values, two-space indented, ending with LF, written by jackson's streaming generator
 * (this class is the only one in the package that touches jackson, and {@link RenderFormats} creates it only
 * when {@code json} is asked for). Duplicate keys: one member per key holding the last value, at the place of
 * the key's first occurrence. Refused: values that are not valid UTF-8 (a JSON string holds text only).
 */
final class JsonFormat implements RenderFormat {
    @Override
    public String name() {
        return "json";
    }

    @Override
    public byte[] render(List<RenderEntry> entries) throws RenderException {
        List<RenderEntry> unique = Keys.lastWins(entries);
        String[] values = new String[unique.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Keys.strictUtf8(unique.get(i).value());
            if (values[i] == null) {
                throw new RenderException.UnsupportedValue(name(), unique.get(i).key(), "it is not valid UTF-8",
                        "use --format shell or dotenv for binary values");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(printer);
            json.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                json.writeStringField(unique.get(i).key(), values[i]);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
