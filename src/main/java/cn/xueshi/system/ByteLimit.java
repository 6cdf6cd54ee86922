package cn.xueshi.system;

import org.springframework.util.unit.DataSize;

/**
 * How a byte limit is shown to people, everywhere one is (evidence, imports, rule documents, the calendar upload):
 * in the largest unit that keeps it whole, so 512 bytes reads "512 B" and 1536 bytes "1536 B", never a rounded
 * "0 MB" or "1 KB" that would tell the user a limit other than the one applied.
 */
public final class ByteLimit {

    private ByteLimit() {
    }

    public static String shown(long bytes) {
        long mb = DataSize.ofMegabytes(1).toBytes();
        long kb = DataSize.ofKilobytes(1).toBytes();
        if (bytes >= mb && bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        if (bytes >= kb && bytes % kb == 0) {
            return bytes / kb + " KB";
        }
        return bytes + " B";
    }

    public static String shown(DataSize size) {
        return shown(size.toBytes());
    }
}
