package cn.xueshi.importing;

import java.util.Map;
import java.util.Set;

/**
 * One data row of an uploaded sheet: its number as the person sees it in Excel (header = row 1), the cell texts by
 * column header, and the headers whose cell held a formula (refused: the product stores what people typed, never
 * what a formula computes).
 */
public record SheetRow(int row, Map<String, String> cells, Set<String> formulaColumns) {
}
