package dev.secrets.rotate.appliers;

import dev.secrets.rotate.Acceptance;
import dev.secrets.rotate.ApplyContext;
import dev.secrets.rotate.CredentialApplier;
import dev.secrets.secret.SecretBytes;

/** For values only the app reads (signing secrets) and manual ones: nothing to apply, nothing to check. */
final class NoneApplier implements CredentialApplier {
    @Override
    public String describe() {
        return "none (the file only)";
    }

    @Override
    public void apply(ApplyContext context) {
        // Nothing outside the file holds this value.
    }

    @Override
    public void verify(ApplyContext context) {
        // Nothing to check.
    }

    @Override
    public boolean rollback(ApplyContext context) {
        return true; // the server side never changed
    }

    @Override
    public Acceptance probe(ApplyContext context, SecretBytes candidate) {
        return Acceptance.UNKNOWN;
    }
}
