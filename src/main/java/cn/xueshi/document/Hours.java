package cn.xueshi.document;

import java.math.BigDecimal;

/** Hours as people write them: 24, 7.5 (no trailing zeros). */
final class Hours {

    static String text(BigDecimal h) {
        return h == null ? "0" : h.stripTrailingZeros().toPlainString();
    }

    static double value(BigDecimal h) {
        return h == null ? 0 : h.doubleValue();
    }

    private Hours() {
    }
}
