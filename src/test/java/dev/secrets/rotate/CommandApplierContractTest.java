package dev.secrets.rotate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The applier contract over a command whose "server" is a state file, with a verify command. */
class CommandApplierContractTest extends CredentialApplierContract {
    private Path state;

    @Override
    void startSystem(Path folder, String initial) throws Exception {
        state = folder.resolve("state");
        Files.writeString(state, initial, StandardCharsets.UTF_8);
    }

    @Override
    void stopSystem() {
    }

    @Override
    ApplySpec spec() {
        return new ApplySpec.Command(List.of("sh", "-c", "printf %s \"$NEW_VALUE\" > \"$1\"", "sh", state.toString()),
                Optional.of(List.of("sh", "-c", "[ \"$CANDIDATE_VALUE\" = \"$(cat \"$1\")\" ]", "sh",
                        state.toString())), Duration.ofSeconds(10));
    }

    @Override
    Map<String, String> settings() {
        return Map.of();
    }

    @Override
    boolean tellsAcceptance() {
        return true;
    }

    @Override
    boolean systemAccepts(String value) throws Exception {
        return Files.readString(state, StandardCharsets.UTF_8).equals(value);
    }
}
