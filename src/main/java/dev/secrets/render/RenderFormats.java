package dev.secrets.render;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one factory for render formats. Formats are created on demand so that, for example, jackson is only
 * loaded when {@code json} is actually asked for.
 */
public final class RenderFormats {
    /** Every format name, in the order help text should list them. */
    public static final List<String> NAMES = List.of("dotenv", "docker", "shell", "json", "k8s-secret");

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private RenderFormats() {
    }

    /**
     * The format called {@code name}.
     *
     * @param k8sName the Secret's {@code metadata.name}; required for {@code k8s-secret}, ignored otherwise
     * @param k8sNamespace the Secret's {@code metadata.namespace}, or null to leave it out
     * @throws RenderException.InvalidOption for an unknown name, a missing or invalid Kubernetes name or namespace
     */
    public static RenderFormat named(String name, String k8sName, String k8sNamespace) throws RenderException {
        switch (name) {
            case "dotenv":
                return dotenv();
            case "docker":
                return docker();
            case "shell":
                return shell();
            case "json":
                return json();
            case "k8s-secret":
                return k8sSecret(k8sName, k8sNamespace);
            default:
                throw new RenderException.InvalidOption("unknown format [" + Keys.display(name) + "]",
                        "use one of " + String.join(", ", NAMES));
        }
    }

    /** What {@code sops -d} prints for a dotenv file: {@code KEY=value} lines, newlines written as {@code \n}. */
    public static RenderFormat dotenv() {
        return new DotenvFormat();
    }

    /** An {@code env_file} for docker compose, every value double-quoted and escaped. */
    public static RenderFormat docker() {
        return new DockerEnvFormat();
    }

    /** {@code export KEY='value'} lines for {@code source} in bash or any POSIX shell. */
    public static RenderFormat shell() {
        return new ShellFormat();
    }

    /** A JSON object of string values (written with jackson, loaded only now). */
    public static RenderFormat json() {
        return new JsonFormat();
    }

    /**
     * A Kubernetes {@code v1 Secret} manifest with {@code stringData}.
     *
     * @param name the Secret's name, a DNS-1123 subdomain
     * @param namespace the namespace (a DNS-1123 label), or null to leave it to {@code kubectl}
     * @throws RenderException.InvalidOption when the name is missing or either is invalid
     */
    public static RenderFormat k8sSecret(String name, String namespace) throws RenderException {
        if (name == null || name.isEmpty()) {
            throw new RenderException.InvalidOption("format [k8s-secret] needs a Secret name",
                    "pass --name, a lowercase DNS-1123 name such as my-app-env");
        }
        if (!isDns1123Subdomain(name)) {
            throw new RenderException.InvalidOption("Secret name [" + Keys.display(name)
                    + "] is not a DNS-1123 subdomain",
                    "use at most 253 characters: lowercase letters, digits, '-' and '.', starting and ending "
                            + "with a letter or digit");
        }
        if (namespace != null && !(namespace.length() <= 63 && DNS1123_LABEL.matcher(namespace).matches())) {
            throw new RenderException.InvalidOption("namespace [" + Keys.display(namespace)
                    + "] is not a DNS-1123 label",
                    "use at most 63 characters: lowercase letters, digits and '-', starting and ending with a "
                            + "letter or digit");
        }
        return new K8sSecretFormat(name, namespace);
    }

    /** Kubernetes' {@code IsDNS1123Subdomain}: dot-separated DNS-1123 labels, at most 253 characters. */
    static boolean isDns1123Subdomain(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!DNS1123_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
