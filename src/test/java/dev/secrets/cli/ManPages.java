package dev.secrets.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Man pages from the command model: picocli's generator writes one AsciiDoc page per visible command
 * ({@code secrets.adoc}, {@code secrets-render.adoc}, ...), which asciidoctor turns into troff. Run by the build
 * at prepare-package ({@code main DIR}) and by {@link ManPagesTest}. It lives with the tests so that the generator
 * (picocli-codegen) is a build-time dependency only and never in the shipped jar.
 */
public final class ManPages {
    private ManPages() {
    }

    /** The generator writes the footer only under a heading: the "Examples:" of --help becomes an EXAMPLES section. */
    private static void examplesSection(CommandSpec spec) {
        String[] footer = spec.usageMessage().footer();
        int start = footer.length > 0 && footer[0].isEmpty() ? 1 : 0;
        boolean examples = footer.length > start && footer[start].equals("Examples:");
        spec.usageMessage().footerHeading(examples ? "Examples" : "Notes")
                .footer(java.util.Arrays.copyOfRange(footer, examples ? start + 1 : start, footer.length));
    }

    /** {@link #examplesSection} for {@code spec} and every command below it ({@code git setup}, ...). */
    private static void examplesSections(CommandSpec spec) {
        examplesSection(spec);
        spec.subcommands().values().forEach(c -> examplesSections(c.getCommandSpec()));
    }

    /** Writes the AsciiDoc pages into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        generate(Path.of(args[0]));
    }

    /** Writes the AsciiDoc pages into {@code dir} and returns them. */
    static List<Path> generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        CommandSpec root = Main.model().getCommandSpec();
        examplesSections(root);
        ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, root);
        for (CommandSpec hidden : root.subcommands().values().stream().map(c -> c.getCommandSpec())
                .filter(c -> c.usageMessage().hidden()).toList()) {
            Files.deleteIfExists(dir.resolve("secrets-" + hidden.name() + ".adoc"));
        }
        try (Stream<Path> pages = Files.list(dir)) {
            return pages.filter(p -> p.toString().endsWith(".adoc")).sorted().toList();
        }
    }
}
