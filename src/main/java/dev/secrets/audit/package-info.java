/**
 * Audits of a repository of encrypted files: git hygiene, weak or reused values, production flags, identity file
 * permissions, the rotation record, and the search of git history for secret values. Values are compared in
 * memory and never printed, logged or put in a message; findings name the file, key and commit only.
 */
package dev.secrets.audit;
