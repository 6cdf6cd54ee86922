package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.DecisionTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a new version changes against the old one, cell by cell, for the audit trail. */
final class TableDiff {

    private TableDiff() {
    }

    static List<String> describe(String oldXml, String newXml) {
        List<String> lines = new ArrayList<>();
        Map<String, TableView> before = DecisionTables.parse(oldXml).views().stream()
                .collect(Collectors.toMap(TableView::key, Function.identity()));
        for (TableView now : DecisionTables.parse(newXml).views()) {
            TableView was = before.get(now.key());
            if (was == null) {
                lines.add("+ " + now.key());
                continue;
            }
            Map<String, TableView.Row> oldRows = was.rows().stream()
                    .collect(Collectors.toMap(TableView.Row::id, Function.identity(), (a, b) -> a));
            List<String> oldOrder = was.rows().stream().map(TableView.Row::id).filter(id -> now.rows().stream()
                    .anyMatch(r -> r.id().equals(id))).toList();
            List<String> newOrder = now.rows().stream().map(TableView.Row::id).filter(oldRows::containsKey).toList();
            if (!oldOrder.equals(newOrder)) {
                lines.add(now.key() + ": ↕");
            }
            for (TableView.Row r : now.rows()) {
                TableView.Row o = oldRows.get(r.id());
                if (o == null) {
                    lines.add(now.key() + " #" + r.number() + " + " + r.id());
                    continue;
                }
                cells(lines, now, r, now.inputs(), o.inputs(), r.inputs());
                cells(lines, now, r, now.outputs(), o.outputs(), r.outputs());
                if (!o.description().equals(r.description())) {
                    lines.add(now.key() + " #" + r.number() + " [description]: " + o.description() + " → " + r.description());
                }
            }
            for (TableView.Row o : was.rows()) {
                if (now.rows().stream().noneMatch(r -> r.id().equals(o.id()))) {
                    lines.add(now.key() + " − " + o.id());
                }
            }
        }
        return lines;
    }

    private static void cells(List<String> lines, TableView t, TableView.Row r, List<TableView.Column> cols,
            List<String> old, List<String> now) {
        for (int i = 0; i < Math.min(cols.size(), Math.min(old.size(), now.size())); i++) {
            if (!old.get(i).trim().equals(now.get(i).trim())) {
                lines.add(t.key() + " #" + r.number() + " " + r.id() + " [" + cols.get(i).label() + "]: "
                        + old.get(i) + " → " + now.get(i));
            }
        }
    }
}
