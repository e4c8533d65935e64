package dev.secrets.rotate;

import dev.secrets.testsupport.RedisServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The applier contract over a real Redis (default user, requirepass in a config file). */
class RedisApplierContractTest extends CredentialApplierContract {
    private RedisServer server;

    @Override
    void startSystem(Path folder, String initial) throws Exception {
        server = RedisServer.start(folder, initial);
    }

    @Override
    void stopSystem() throws Exception {
        server.close();
    }

    @Override
    ApplySpec spec() {
        return new ApplySpec.Redis("R_HOST", "R_PORT", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Override
    Map<String, String> settings() {
        return Map.of("R_HOST", server.host(), "R_PORT", String.valueOf(server.port()));
    }

    @Override
    boolean tellsAcceptance() {
        return true;
    }

    @Override
    boolean systemAccepts(String value) throws Exception {
        return server.canAuth("default", value);
    }
}
