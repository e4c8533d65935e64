package dev.secrets.sops;

/**
 * The {@code sops_version} check sops makes before it decrypts a file: the stored version must be a strict
 * semantic version (one leading {@code v} allowed), else sops refuses the file with "Version string empty",
 * "No Major.Minor.Patch elements found" and the like. sops 1.x files, whose versions were not semver, pass.
 */
public final class SopsVersion {
    private static final String ALPHANUM = "[0-9A-Za-z-]+";

    private SopsVersion() {
    }

    /** True when sops would accept {@code stored} as the version of an encrypted file. */
    public static boolean isAccepted(String stored) {
        if (stored.startsWith("1.")) {
            return true;
        }
        String v = stored.startsWith("v") ? stored.substring(1) : stored;
        String[] parts = v.split("\\.", 3);
        if (parts.length != 3 || !isNumber(parts[0]) || !isNumber(parts[1])) {
            return false;
        }
        String patch = parts[2];
        int plus = patch.indexOf('+');
        if (plus >= 0) {
            for (String build : patch.substring(plus + 1).split("\\.", -1)) {
                if (!build.matches(ALPHANUM)) {
                    return false;
                }
            }
            patch = patch.substring(0, plus);
        }
        int dash = patch.indexOf('-');
        if (dash >= 0) {
            for (String pre : patch.substring(dash + 1).split("\\.", -1)) {
                boolean numeric = pre.matches("[0-9]+");
                if (!pre.matches(ALPHANUM) || numeric && !isNumber(pre)) {
                    return false;
                }
            }
            patch = patch.substring(0, dash);
        }
        return isNumber(patch);
    }

    private static boolean isNumber(String part) {
        if (!part.matches("[0-9]+") || part.length() > 1 && part.charAt(0) == '0') {
            return false;
        }
        try {
            Long.parseUnsignedLong(part);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
