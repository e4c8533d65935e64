package dev.secrets.keys;

/**
 * One master key's copy of the data key, as stored in the file's metadata.
 *
 * @param type the master key type, e.g. {@code age}
 * @param recipient the public identifier of the master key (an age recipient string)
 * @param enc the wrapped data key (for age: an armored age file, ending with a line feed)
 */
public record WrappedKey(String type, String recipient, String enc) {
}
