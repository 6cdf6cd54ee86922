package cn.xueshi.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An activity type of a rule set as the deployed DMN describes it: names, parameters, subjects and
 * the rates of its rows in words (so forms and the standards page follow table changes).
 */
public record ActivityType(String code, String nameZh, String nameEn, String subjectZh, List<Parameter> parameters,
        List<Rate> rates, String basis) {

    public enum Kind { INTEGER, NUMBER, ENUM }

    /** A parameter: required, optional, or one of a group of which at least one must be given. */
    public record Parameter(String name, String nameZh, String nameEn, Kind kind, List<EnumValue> values,
            boolean required, String oneOfGroup, BigDecimal min, BigDecimal max, String defaultValue) {

        public boolean accepts(String value) {
            return values.stream().anyMatch(v -> v.code().equals(value));
        }

        /** The parameter's name in the page's language ("en" or Chinese). */
        public String name(String language) {
            return "en".equals(language) ? nameEn : nameZh;
        }

        /**
         * A value as people read it: an enum value's name from the rule set (省级, 第一作者), in the page's
         * language; numbers and values the rule set does not list as given.
         */
        public String valueName(String value, String language) {
            return values.stream().filter(v -> v.code().equals(value)).findFirst()
                    .map(v -> "en".equals(language) ? v.nameEn() : v.nameZh()).orElse(value);
        }

        public String acceptedZh() {
            return values.stream().map(v -> v.code() + "（" + v.nameZh() + "）").collect(Collectors.joining("、"));
        }
    }

    public record EnumValue(String code, String nameZh, String nameEn) {
    }

    /** One DMN row of this type: its conditions and formula in Chinese words, and the clause it rests on. */
    public record Rate(String ruleId, String conditionZh, String formulaZh, String basis) {
    }

    /** All rates in one line, e.g. for a form's help text. */
    public String rateText() {
        return rates.stream().map(r -> r.conditionZh().isEmpty() ? r.formulaZh() : r.conditionZh() + "：" + r.formulaZh())
                .collect(Collectors.joining("；"));
    }

    /** The type's name in the page's language ("en" or Chinese). */
    public String name(String language) {
        return "en".equals(language) ? nameEn : nameZh;
    }

    public Parameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
