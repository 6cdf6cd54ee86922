package cn.xueshi.hierarchy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a derived rule set does to its parent (自行调整或补充): cells of parent rows it changes, parent rows it removes,
 * rows of its own it adds. Tables are named by their part of the rule set's DRD ({@code facts}, {@code activity-types},
 * {@code items}, {@code caps}); rows by their rule id; cells by their column (the output name, or the input variable).
 * Cell values are FEEL text, as in the DMN. Everything the delta does not name is the parent's.
 */
public record Delta(List<Change> changes, List<Removal> removals, List<Addition> additions) {

    public static final List<String> TABLES = List.of("facts", "activity-types", "items", "caps");

    /** One cell of a parent row, set to a new FEEL value. */
    public record Change(String table, String rule, String column, String value) {
    }

    /** A parent row the derived set does not have. */
    public record Removal(String table, String rule) {
    }

    /** A row of the derived set's own; {@code cells} by column, FEEL text; blank columns are "-" or empty. */
    public record Addition(String table, String rule, String description, Map<String, String> cells) {
    }

    public Delta {
        changes = changes == null ? List.of() : List.copyOf(changes);
        removals = removals == null ? List.of() : List.copyOf(removals);
        additions = additions == null ? List.of() : List.copyOf(additions);
    }

    public static Delta empty() {
        return new Delta(List.of(), List.of(), List.of());
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return changes.isEmpty() && removals.isEmpty() && additions.isEmpty();
    }

    /** This delta with one cell set (an earlier change of the same cell is replaced). */
    public Delta withChange(Change change) {
        List<Change> next = new ArrayList<>();
        for (Change c : changes) {
            if (!(c.table().equals(change.table()) && c.rule().equals(change.rule())
                    && c.column().equals(change.column()))) {
                next.add(c);
            }
        }
        next.add(change);
        return new Delta(next, removals, additions);
    }

    public Delta withRemoval(Removal removal) {
        List<Removal> next = new ArrayList<>(removals);
        if (!next.contains(removal)) {
            next.add(removal);
        }
        List<Change> kept = changes.stream()
                .filter(c -> !(c.table().equals(removal.table()) && c.rule().equals(removal.rule()))).toList();
        return new Delta(kept, next, additions);
    }

    public Delta withAddition(Addition addition) {
        List<Addition> next = new ArrayList<>(additions);
        next.removeIf(a -> a.rule().equals(addition.rule()));
        next.add(addition);
        return new Delta(changes, removals, next);
    }

    /** The changed cells of one row, by column. */
    Map<String, String> changesOf(String table, String rule) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.table().equals(table) && c.rule().equals(rule)) {
                cells.put(c.column(), c.value());
            }
        }
        return cells;
    }

    boolean removes(String table, String rule) {
        return removals.stream().anyMatch(r -> r.table().equals(table) && r.rule().equals(rule));
    }
}
