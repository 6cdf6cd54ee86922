package cn.xueshi.ruleedit;

import java.util.List;

/** A decision table as the workbench shows it: Chinese labels, hit policy, typed columns, rules with their basis. */
public record TableView(String key, String name, String hitPolicy, String description, List<Column> inputs,
        List<Column> outputs, List<Row> rows) {

    /** An input (expression = the variable) or output (expression = the output name) column. */
    public record Column(String id, String label, String expression, String typeRef) {
    }

    /** One rule; {@code number} counts from 1 as the analyst sees it. */
    public record Row(int number, String id, String description, List<String> inputs, List<String> outputs) {
    }
}
