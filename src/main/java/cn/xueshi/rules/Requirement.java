package cn.xueshi.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** The annual requirement (年度学时要求): total, public-subject minimum, professional-subject minimum. */
public record Requirement(BigDecimal total,
        @JsonProperty("public") BigDecimal publicMin,
        @JsonProperty("professional") BigDecimal professionalMin) {
}
