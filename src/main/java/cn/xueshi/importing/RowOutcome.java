package cn.xueshi.importing;

/** What became of one input row: it would be (or was) written, with a warning, or not at all (duplicate, error). */
public enum RowOutcome {
    VALID,
    WARNING,
    DUPLICATE,
    ERROR;

    public boolean writes() {
        return this == VALID || this == WARNING;
    }
}
