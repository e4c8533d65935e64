package dev.secrets.vcs;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.util.Arrays;
import java.util.List;

/** Deep equality of plain tree items and values (type and bytes of every scalar and comment), for the merge. */
final class TreeEquality {
    private TreeEquality() {
    }

    static boolean sameUnit(List<TreeItem> comments, TreeItem item, List<TreeItem> otherComments, TreeItem other) {
        return sameItem(item, other) && sameItems(comments, otherComments);
    }

    static boolean sameItems(List<TreeItem> a, List<TreeItem> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameItem(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameItem(TreeItem x, TreeItem y) {
        if (x instanceof TreeItem.Entry ex) {
            return y instanceof TreeItem.Entry ey && ex.key().equals(ey.key()) && sameValue(ex.value(), ey.value());
        }
        if (x instanceof TreeItem.Nested nx) {
            return y instanceof TreeItem.Nested ny && nx.key().equals(ny.key()) && sameValue(nx.value(), ny.value());
        }
        if (x instanceof TreeItem.Comment cx) {
            return y instanceof TreeItem.Comment cy && sameValue(cx, cy);
        }
        return x.getClass().equals(y.getClass());
    }

    static boolean sameValue(TreeValue x, TreeValue y) {
        if (x instanceof Scalar sx) {
            return y instanceof Scalar sy && sameScalar(sx, sy);
        }
        if (x instanceof TreeItem.Comment cx) {
            return y instanceof TreeItem.Comment cy && cx.inline() == cy.inline() && sameScalar(cx.value(), cy.value());
        }
        if (x instanceof TreeValue.Mapping mx) {
            return y instanceof TreeValue.Mapping my && sameItems(mx.items(), my.items());
        }
        if (x instanceof TreeValue.Sequence sx) {
            if (!(y instanceof TreeValue.Sequence sy) || sx.items().size() != sy.items().size()) {
                return false;
            }
            for (int i = 0; i < sx.items().size(); i++) {
                if (!sameValue(sx.items().get(i), sy.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return y instanceof TreeValue.Null;
    }

    private static boolean sameScalar(Scalar a, Scalar b) {
        byte[] x = a.bytes();
        byte[] y = b.bytes();
        try {
            return a.type().equals(b.type()) && Arrays.equals(x, y);
        } finally {
            Arrays.fill(x, (byte) 0);
            Arrays.fill(y, (byte) 0);
        }
    }
}
