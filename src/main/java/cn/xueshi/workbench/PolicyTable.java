package cn.xueshi.workbench;

import cn.xueshi.identity.UnitType;
import cn.xueshi.makeup.MakeupRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The policy tables (政策表) the workbench edits besides the recognition rule sets: one DRD
 * {@code dmn/<key>.dmn} with one decision of the same key, read by the application as named here.
 * This is the contract between a table and the Java that reads it (which inputs the application
 * passes, which outputs it reads, of which type and values); the rules themselves, the numbers
 * included, stay in the table.
 */
enum PolicyTable {

    /**
     * Read by the claim lifecycle's businessRuleTask {@code routeReview}; ClaimDelegates assigns by reviewerKind.
     * titleSeries is the claimant's 职称系列 ("" none; codes from xueshi.title-series); reviewerDepartment is the
     * hierarchy code of the department a DEPARTMENT row sends the claim to ("" for the other kinds; 青人社字〔2023〕14号 五).
     */
    REVIEW_ROUTING("review-routing", true,
            List.of(Input.RULE_SET, new Input("unitType", rs -> names(UnitType.values())),
                    new Input("titleSeries", rs -> TitleSeriesDomain.values())),
            List.of(Output.oneOf("reviewerKind", "UNIT", "BUREAU", "DEPARTMENT"), Output.whole("reviewWorkingDays", 1),
                    Output.BASIS, new Output("reviewerDepartment", "string", null, null, false))),
    /** Read on every submission and withdrawal (撤回) by claim/RegistrationPolicy. */
    REGISTRATION_POLICY("registration-policy", true, List.of(Input.RULE_SET),
            List.of(Output.flag("annualDeclaration"), Output.flag("correctable"), Output.BASIS,
                    Output.flag("withdrawable"))),
    /** Read by the lifecycle's businessRuleTask {@code publicityPolicy}; 0 working days means no publicity. */
    PUBLICITY_POLICY("publicity-policy", true, List.of(Input.RULE_SET),
            List.of(Output.whole("publicityWorkingDays", 0), Output.BASIS)),
    /** Read by makeup/HardshipPolicy for every make-up or reduction request. */
    HARDSHIP_POLICY("hardship-policy", true,
            List.of(Input.RULE_SET, new Input("reason", rs -> names(MakeupRequest.Reason.values())),
                    new Input("remedy", rs -> names(MakeupRequest.Remedy.values()))),
            List.of(Output.flag("allowed"), Output.oneOf("reductionMode", "", "REQUESTED", "LONG_ABSENCE"),
                    // the reason parameter of the rule set's LONG_ABSENCE row (CATALOG.md), or none
                    Output.oneOf("absenceReason", "", "SICK_LEAVE", "MATERNITY", "ABROAD"), Output.BASIS,
                    // MakeupController requires at least one evidence file when true (the text asks for 证明材料)
                    Output.flag("evidenceRequired"))),
    /** Read by title/WindowPolicy for every title-application check (职称申报学时核验). */
    TITLE_APPLICATION_WINDOW("title-application-window", true, List.of(Input.RULE_SET),
            List.of(Output.whole("windowYears", 1), Output.oneOf("windowBasis", "ROLLING", "NAMED"),
                    Output.oneOf("aggregation", "EACH_YEAR", "WINDOW_TOTAL"), Output.BASIS)),
    /**
     * Read by claim/AchievementIdentity on every claim form: whether an achievement item needs its number and whether
     * the same number counts once per person across years (青岛 四（三）, 安徽 第十二条（四）).
     */
    ACHIEVEMENT_IDENTITY_POLICY("achievement-identity-policy", true,
            List.of(Input.RULE_SET, new Input("activityType", rs -> List.of("RESEARCH_PROJECT", "AWARD", "PATENT",
                    "STANDARD", "PAPER", "BOOK", "POLICY_REPORT", "TRAINING"))),
            List.of(Output.flag("identifierRequired"), Output.flag("countOnce"), new Output("scope", "string", null, null,
                    false), Output.BASIS)),
    /**
     * Read by selfstudy/SelfStudyArchivePolicy on every claim item (form, correction, rosters, provider reports): whether
     * the item counts only when the claimant's unit keeps a self-study archive (吉林 附件 二（九）). ruleSet is the
     * reference rule set a derived set is based on.
     */
    SELF_STUDY_ARCHIVE_POLICY("self-study-archive-policy", true,
            List.of(Input.RULE_SET, new Input("activityType", rs -> List.of("SELF_STUDY", "PUBLIC_COURSE", "TRAINING",
                    "PAPER"))),
            List.of(Output.flag("archiveRequired"), Output.BASIS)),
    /** Read by claim/TransferYearPolicy for a year a person spent in more than one unit (人员流动). */
    TRANSFER_YEAR_POLICY("transfer-year-policy", true, List.of(Input.RULE_SET),
            List.of(Output.oneOf("splitBasis", "YEAR_END", "PERIOD"), Output.BASIS)),
    /**
     * Read by the recognition service (jurisdiction and year → rule set). Not complete by design: a year
     * before a rule set's first year has no rule ("not in force").
     */
    RULE_SET_SELECTION("rule-set-selection", false,
            List.of(new Input("jurisdiction", null), new Input("year", null)),
            List.of(Output.ruleSet("ruleSet"), Output.BASIS));

    /** An input variable the application passes; {@code domain} lists its values (from the rule sets), null: open. */
    record Input(String variable, Function<List<String>, List<String>> domain) {
        static final Input RULE_SET = new Input("ruleSet", rs -> rs);
    }

    /**
     * An output the application reads: its type, the values it may take (null: any), the least whole
     * number, or (ruleSet) one of the configured rule sets. Every output must be filled in every rule.
     */
    record Output(String name, String typeRef, List<String> values, Integer min, boolean ruleSet) {
        static final Output BASIS = new Output("basis", "string", null, null, false);

        static Output oneOf(String name, String... values) {
            return new Output(name, "string", List.of(values), null, false);
        }

        static Output whole(String name, int min) {
            return new Output(name, "integer", null, min, false);
        }

        static Output flag(String name) {
            return new Output(name, "boolean", null, null, false);
        }

        static Output ruleSet(String name) {
            return new Output(name, "string", null, null, true);
        }
    }

    final String key;
    /** Every combination of the inputs' values must hit a rule (the reader has no answer otherwise). */
    final boolean complete;
    final List<Input> inputs;
    final List<Output> outputs;

    PolicyTable(String key, boolean complete, List<Input> inputs, List<Output> outputs) {
        this.key = key;
        this.complete = complete;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public String getKey() {
        return key;
    }

    /** Message key of the table's Chinese name. */
    public String getNameKey() {
        return "wb.policy." + key;
    }

    public List<String> getVariables() {
        return inputs.stream().map(Input::variable).toList();
    }

    static Optional<PolicyTable> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(t -> t.key).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
