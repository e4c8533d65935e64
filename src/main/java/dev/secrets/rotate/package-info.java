/**
 * Credential rotation: the playbook, value generation, the applier interface, the crash journal and the
 * {@link dev.secrets.rotate.CredentialRotation} orchestrator. Independent of the encrypted file format: the file
 * layer implements {@link dev.secrets.rotate.RotationStore} and seals journal values
 * ({@link dev.secrets.rotate.FileJournal.Sealer}).
 *
 * <h2>Playbook schema (version 1)</h2>
 * <pre>
 * version: 1                      # required, must be 1
 * credentials:                    # list, rotated in this order (after depends_on / order)
 *   - key: NAME                   # required: the key in the encrypted file
 *     generate:                   # optional; default {bytes: 32, encoding: base64url}
 *       bytes: 32                 #   random bytes (at least 16 unless allow_weak) ...
 *       encoding: base64url       #   hex | base64 (padded) | base64url (unpadded) | alnum
 *       # or a password policy:
 *       length: 40                #   characters ...
 *       alphabet: alnum           #   preset (alnum, lower, upper, digits, hex, alnum-symbols, printable)
 *                                 #   or the literal characters; at least 128 bits unless allow_weak
 *     allow_weak: false           # accept fewer than 128 bits
 *     apply:                      # optional; default none. Exactly one of:
 *       postgres: {host_key, port_key, role_key, database_key?, admin_user_key?, admin_password_key?}
 *                 # or {url_key, ...}: host, port, role, database from a postgres:// URL
 *       redis: {host_key, port_key, user? | username_key?, admin_user_key?, admin_password_key?}
 *                 # or {url_key, ...}: from a redis:// or rediss:// URL
 *       command: {run: [argv...], verify?: [argv...], timeout?: 60 | 30s | 2m}
 *       none: {}                  # or `apply: none`
 *     manual: "instructions"      # a person issues the value; excludes generate and apply
 *     also_in: [DATABASE_URL]     # keys holding copies, rewritten in the same commit (found anyway)
 *     depends_on: [OTHER_KEY]     # rotate these first (a string or a list)
 *     order: 0                    # lower first among entries whose dependencies are done
 * </pre>
 * Every {@code *_key} field names a key of the decrypted file whose value is read at rotation time, so the
 * playbook holds no secret. Unknown fields, duplicate keys, unknown encodings, {@code manual} with
 * {@code apply}/{@code generate} and dependency cycles are rejected with the file, line and field.
 * The {@code command} applier passes {@code KEY}, {@code OLD_VALUE}, {@code NEW_VALUE} and
 * {@code SECRETS_ROTATE_PHASE} in the environment only; {@code verify} gets {@code CANDIDATE_VALUE} and exits 0
 * (accepted) or 1 (refused).
 */
package dev.secrets.rotate;
