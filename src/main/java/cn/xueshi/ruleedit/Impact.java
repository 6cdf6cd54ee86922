package cn.xueshi.ruleedit;

import java.math.BigDecimal;
import java.util.List;

/**
 * 影响预览: the last 12 months of a rule set's approved claim items replayed against a draft, per
 * activity type: how many items, how many change, the hours before and after.
 */
public record Impact(int items, int changed, int failed, BigDecimal hoursBefore, BigDecimal hoursAfter,
        List<TypeImpact> types) {

    public record TypeImpact(String activityType, int items, int changed, int failed, BigDecimal hoursBefore,
            BigDecimal hoursAfter) {

        public BigDecimal delta() {
            return hoursAfter.subtract(hoursBefore);
        }
    }

    public BigDecimal delta() {
        return hoursAfter.subtract(hoursBefore);
    }
}
