package dev.secrets.app;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import dev.secrets.sops.TypedPlaintext;
import dev.secrets.sops.store.SopsStores;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What value {@code set} stores: with {@code --json-value} the value parsed as JSON, as {@code sops set} reads it
 * (a string, number, boolean, null, mapping or list); otherwise a string, except that an existing {@code int},
 * {@code float} or {@code bool} value keeps its type when the new text is one (so {@code set port 8080} on a
 * sops-typed {@code port} stays {@code type:int}).
 */
final class SetValueTypes {
    private SetValueTypes() {
    }

    /** The value to store for {@code raw}, given the value it replaces ({@code old}, null when added). */
    static TreeValue plain(byte[] raw, TreeValue old) {
        if (old instanceof Scalar scalar && keepsType(scalar.type(), raw)) {
            return Scalar.of(scalar.type(), raw.clone());
        }
        return Scalar.str(raw.clone());
    }

    private static boolean keepsType(String type, byte[] raw) {
        switch (type) {
            case Scalar.INT:
            case Scalar.FLOAT:
                return TypedPlaintext.matches(type, raw);
            case Scalar.BOOL:
                String text = new String(raw, StandardCharsets.UTF_8);
                return text.equals("true") || text.equals("false");
            default:
                return false;
        }
    }

    /**
     * {@code raw} parsed as one JSON value, with sops's number rules.
     *
     * @throws UsageException when it is not JSON; the message never quotes the value
     */
    static TreeValue json(byte[] raw, String key) throws UsageException {
        byte[] wrapped = new byte[raw.length + 6];
        wrapped[0] = '{';
        wrapped[1] = '"';
        wrapped[2] = 'v';
        wrapped[3] = '"';
        wrapped[4] = ':';
        System.arraycopy(raw, 0, wrapped, 5, raw.length);
        wrapped[wrapped.length - 1] = '}';
        SopsTree tree = null;
        try {
            tree = SopsStores.named("json").parsePlain(wrapped, "--json-value");
            if (tree.items().size() != 1) {
                throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "the value for [" + key
                        + "] is not one JSON value (--json-value)");
            }
            TreeItem item = tree.items().get(0);
            TreeValue value = item instanceof TreeItem.Entry e ? e.value() : ((TreeItem.Nested) item).value();
            tree = null;
            return value;
        } catch (SopsException | dev.secrets.dotenv.DotenvSyntaxException | RuntimeException e) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "the value for [" + key
                    + "] is not valid JSON (--json-value): write a string as \"text\", or a number, true, false, "
                    + "null, {...} or [...]");
        } finally {
            Arrays.fill(wrapped, (byte) 0);
            if (tree != null) {
                tree.wipe();
            }
        }
    }
}
