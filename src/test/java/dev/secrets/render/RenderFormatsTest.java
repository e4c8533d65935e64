package dev.secrets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderFormatsTest {
    @Test
    void named_everyName_formatWithThatName() throws Exception {
        for (String name : RenderFormats.NAMES) {
            assertEquals(name, RenderFormats.named(name, "app", null).name());
        }
    }

    @Test
    void named_unknownName_invalidOptionListingNames() {
        RenderException e = assertThrows(RenderException.InvalidOption.class,
                () -> RenderFormats.named("yaml", null, null));
        assertTrue(e.getMessage().contains("[yaml]"));
        assertTrue(e.hint().contains("k8s-secret"));
    }

    @Test
    void named_k8sWithoutName_invalidOption() {
        assertThrows(RenderException.InvalidOption.class, () -> RenderFormats.named("k8s-secret", null, null));
    }

    @Test
    void render_nonJsonFormats_neverLoadJackson() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
                RenderWithoutJacksonMain.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("dev.secrets.render.K8sSecretFormat"), "the formats ran");
        assertFalse(output.contains("com.fasterxml"), "jackson was loaded");
        assertFalse(output.contains("dev.secrets.render.JsonFormat "), "JsonFormat was loaded");
    }

    /** Renders with every format but json in a fresh JVM. */
    public static final class RenderWithoutJacksonMain {
        public static void main(String[] args) throws Exception {
            List<RenderEntry> entries = List.of(RenderEntry.ofUtf8("A", "b"));
            for (String name : List.of("dotenv", "docker", "shell", "k8s-secret")) {
                RenderFormats.named(name, "app", "ns").render(entries);
            }
        }
    }
}
