package dev.secrets.dotenv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A whole dotenv file as an ordered, lossless list of lines; duplicate keys are kept. */
public record DotenvDocument(List<DotenvLine> lines) {
    /** Copies {@code lines} so the document cannot change under its holder. */
    public DotenvDocument {
        lines = List.copyOf(lines);
    }

    /** The entries in file order. */
    public List<DotenvLine.Entry> entries() {
        List<DotenvLine.Entry> entries = new ArrayList<>();
        for (DotenvLine line : lines) {
            if (line instanceof DotenvLine.Entry entry) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The first entry named {@code key}, as sops's {@code --extract} and {@code set} find it. */
    public Optional<DotenvLine.Entry> first(String key) {
        return entries().stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
