package dev.secrets.rotate;

import java.nio.file.Path;
import java.util.Map;

/** The applier contract for {@code none}: applies nothing, can tell nothing, never fails. */
class NoneApplierContractTest extends CredentialApplierContract {
    @Override
    void startSystem(Path folder, String initial) {
    }

    @Override
    void stopSystem() {
    }

    @Override
    ApplySpec spec() {
        return new ApplySpec.None();
    }

    @Override
    Map<String, String> settings() {
        return Map.of();
    }

    @Override
    boolean tellsAcceptance() {
        return false;
    }

    @Override
    boolean systemAccepts(String value) {
        return true;
    }
}
