package cn.xueshi.workbench;

/** The workbench refuses an action (a message key of the workbench bundle and its arguments). */
class WorkbenchRefusal extends RuntimeException {

    final String key;
    final Object[] args;

    WorkbenchRefusal(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args;
    }
}
