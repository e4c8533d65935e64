package dev.secrets.rotate;

/** Makes the applier for a playbook {@link ApplySpec}; see {@code dev.secrets.rotate.appliers.StandardAppliers}. */
@FunctionalInterface
public interface ApplierFactory {
    /** The applier for {@code spec}. */
    CredentialApplier create(ApplySpec spec);
}
