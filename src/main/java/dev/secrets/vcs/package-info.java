/**
 * Git support for encrypted files: the per-key (per-path in nested trees) three-way merge of decrypted trees,
 * conflict markers (git's in raw files, ours in merged trees), recipient-set and key-group merging, and the git
 * process and set-up files ({@code .gitattributes}, the pre-commit hook). Knows the sops tree model, never the
 * stores or the keys.
 */
package dev.secrets.vcs;
