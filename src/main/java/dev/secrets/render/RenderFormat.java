package dev.secrets.render;

import java.util.List;

/**
 * One output format. Implementations are stateless apart from their options and obtained from
 * {@link RenderFormats}.
 *
 * <p>Guarantee: the bytes returned, read by the format's consumer, give back exactly the selected values (for
 * formats that keep one value per key: the last value of each key). A key or value the format cannot carry fails
 * the whole render with a {@link RenderException} naming the key; nothing is partially rendered.
 */
public interface RenderFormat {
    /** The format's name as given to {@code --format}. */
    String name();

    /**
     * Renders {@code entries} in order. The result holds plaintext: the caller wipes it when done.
     *
     * @throws RenderException.UnsupportedKey when a key cannot be written in this format
     * @throws RenderException.UnsupportedValue when a value cannot be carried by this format
     */
    byte[] render(List<RenderEntry> entries) throws RenderException;
}
