package cn.xueshi.importing;

/** Where an import stands: checking rows, checked (a dry run, ready to commit), writing, committed, or failed. */
public enum ImportStatus {
    CHECKING,
    CHECKED,
    WRITING,
    COMMITTED,
    FAILED;

    public boolean running() {
        return this == CHECKING || this == WRITING;
    }
}
