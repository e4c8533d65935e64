package dev.secrets.cli;

import dev.secrets.audit.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints {@code doctor} findings as a table (check, status, where, how to fix) or as JSON for CI. */
final class FindingsPrinter {
    private FindingsPrinter() {
    }

    static String table(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "no problems found\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CHECK", "STATUS", "WHERE", "HOW TO FIX"});
        for (Finding f : findings) {
            rows.add(new String[] {f.check(), f.severity().name().toLowerCase(Locale.ROOT), f.where(), f.fix()});
        }
        int[] width = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                out.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
            }
            out.append(row[3]).append('\n');
        }
        return out.toString();
    }

    static String json(List<Finding> findings, boolean failed) {
        List<Object> list = new ArrayList<>();
        for (Finding f : findings) {
            list.add(Json.object("check", f.check(), "status", f.severity().name().toLowerCase(Locale.ROOT),
                    "where", f.where(), "fix", f.fix()));
        }
        return Json.line(Json.object("ok", !failed, "findings", list));
    }
}
