package dev.secrets.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Test program for {@link ChildProcessTest}: runs, through {@link ChildProcess}, a bash command that records
 * which signal reached it, waits a moment (so a JVM that did not wait would be noticed) and exits 42 on SIGTERM,
 * 43 on SIGINT. Exits with the command's status. Arguments: {@code plain|file} and the folder to write to.
 */
public final class SignalForwardingMain {
    private SignalForwardingMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        String script = "trap 'sleep 0.2; printf term > got; exit 42' TERM;"
                + " trap 'sleep 0.2; printf int > got; exit 43' INT;"
                + " printf %s $$ > pid; printf %s \"$1\" > ready.tmp; mv ready.tmp ready;"
                + " while :; do sleep 0.02; done";
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"));
        int code;
        if (args[0].equals("file")) {
            Environment environment = new Environment(Map.of(), dir, dir);
            code = ChildProcess.runWithFile(List.of("bash", "-c", script, "_", "{}"), env, dir, environment,
                    "app.env", "SECRET=1\n".getBytes(StandardCharsets.UTF_8));
        } else {
            code = ChildProcess.run(List.of("bash", "-c", script, "_", "started"), env, dir);
        }
        System.exit(code);
    }
}
