package cn.xueshi.variable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.filing.FilingService;
import cn.xueshi.filing.UnitFiling;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.makeup.HardshipPolicy;
import cn.xueshi.makeup.MakeupDecisionForm;
import cn.xueshi.makeup.MakeupForm;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.makeup.MakeupRequestRepository;
import cn.xueshi.makeup.MakeupService;
import cn.xueshi.publicity.PublicityService;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * Process variables Cockpit can read: after every human step of every process, no variable of the instances
 * (runtime, history, every historic update) is Java-serialized; hours are plain decimal strings, lists and
 * decision results JSON. Instances started the old way (Java-serialized variables) keep working, and the
 * start-up repair converts them.
 */
@IntegrationTest
class ProcessVariableFormatTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimService claims;
    @Autowired
    ReviewService reviews;
    @Autowired
    PublicityService publicity;
    @Autowired
    FilingService filings;
    @Autowired
    MakeupService makeups;
    @Autowired
    MakeupRequestRepository requests;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JavaSerializedVariableRepair repair;

    private String task(String instance, String step) {
        return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(step).singleResult().getId();
    }

    private static ReviewForm decision(ReviewForm.Decision d, String comment) {
        ReviewForm f = new ReviewForm();
        f.setDecision(d);
        f.setComment(comment);
        return f;
    }

    private static boolean javaSerialized(TypedValue value) {
        return value instanceof SerializableValue s
                && SerializationDataFormats.JAVA.getName().equals(s.getSerializationDataFormat());
    }

    private static String format(TypedValue value) {
        return value instanceof SerializableValue s ? s.getSerializationDataFormat() : value.getType().getName();
    }

    @Test
    void noVariableOfAClaimItsObjectionFilingOrMakeupIsJavaSerialized() {
        ClaimFixtures.Setup s = fixtures.jilin();
        String bureau = users.user("bur", "王", "验证", Groups.BUREAU);
        directory.assignOversight(bureau, "JILIN");
        String colleague = users.member(s.unit(), "韩", "同事");
        CurrentUser reviewer = currentUsers.load(s.reviewer());

        // claim: returned, corrected, approved with adjusted hours, an objection dismissed, registered
        Claim claim = fixtures.exchange(s.employee(), 2);
        String instance = claim.getProcessInstanceId();
        reviews.decide(task(instance, "reviewClaim"), reviewer, decision(ReviewForm.Decision.RETURN, "请补充证明"));
        ClaimForm again = claims.formOf(fixtures.reload(claim));
        again.setSubmissionKey(UUID.randomUUID().toString());
        claims.correct(claim.getId(), again, claim.getRuleSet(), currentUsers.load(s.employee()));
        fixtures.runJobs(claim);
        ReviewForm adjust = decision(ReviewForm.Decision.ADJUST, "按实际天数核减");
        adjust.setAdjustedPublic(new BigDecimal("0"));
        adjust.setAdjustedProfessional(new BigDecimal("10.5"));
        reviews.decide(task(instance, "reviewClaim"), reviewer, adjust);
        publicity.raise(claim.getId(), currentUsers.load(colleague), "请核实天数");
        publicity.handle(task(instance, "handleObjection"), reviewer, "DISMISS", "已核实");
        assertThat(fixtures.endPublicity(claim).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        assertThat(fixtures.reload(claim).getApprovedProfessional()).isEqualByComparingTo("10.5");

        // make-up: a reduction approved with other hours, a make-up obligation with its reminder dates
        MakeupRequest reduction = makeup(s, MakeupRequest.Remedy.REDUCTION, "30", "60");
        MakeupDecisionForm different = new MakeupDecisionForm();
        different.setDecision(MakeupDecisionForm.Decision.APPROVE_DIFFERENT);
        different.setComment("产假六个月，减免一半");
        different.setApprovedPublic(new BigDecimal("15"));
        different.setApprovedProfessional(new BigDecimal("30.5"));
        makeups.decide(task(reduction.getProcessInstanceId(), MakeupService.REVIEW_TASK), reviewer, different);
        assertThat(requests.findById(reduction.getId()).orElseThrow().getApprovedProfessional())
                .isEqualByComparingTo("30.5");
        ClaimFixtures.Setup t = fixtures.jilin();
        MakeupRequest obligation = makeup(t, MakeupRequest.Remedy.MAKEUP, null, null);
        MakeupDecisionForm approve = new MakeupDecisionForm();
        approve.setDecision(MakeupDecisionForm.Decision.APPROVE);
        makeups.decide(task(obligation.getProcessInstanceId(), MakeupService.REVIEW_TASK),
                currentUsers.load(t.reviewer()), approve);

        // the unit's filing: compiled, verified; the claim is filed
        UnitFiling filing = filings.start(s.unit().getId(), 2026, reviewer);
        filings.submit(filing.getId(), reviewer);
        filings.verify(filing.getId(), currentUsers.load(bureau), true, "同意备案");
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.FILED);

        List<String> instances = List.of(instance, filing.getProcessInstanceId(), reduction.getProcessInstanceId(),
                obligation.getProcessInstanceId());
        List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(instances.toArray(String[]::new)).disableCustomObjectDeserialization().list();
        assertThat(variables).hasSizeGreaterThan(30);
        assertThat(variables).filteredOn(v -> javaSerialized(v.getTypedValue()))
                .extracting(HistoricVariableInstance::getName).isEmpty();
        for (String i : instances) {
            List<HistoricDetail> updates = history.createHistoricDetailQuery().variableUpdates().processInstanceId(i)
                    .disableCustomObjectDeserialization().list();
            assertThat(updates).isNotEmpty();
            assertThat(updates).filteredOn(u -> javaSerialized(((HistoricVariableUpdate) u).getTypedValue()))
                    .extracting(u -> ((HistoricVariableUpdate) u).getVariableName()).isEmpty();
        }
        List<VariableInstance> running = runtime.createVariableInstanceQuery()
                .processInstanceIdIn(instances.toArray(String[]::new)).disableCustomObjectDeserialization().list();
        assertThat(running).isNotEmpty().filteredOn(v -> javaSerialized(v.getTypedValue())).isEmpty();

        // the shapes, as Cockpit shows them
        Map<String, String> shapes = new HashMap<>();
        variables.stream().filter(v -> v.getProcessInstanceId().equals(instance))
                .forEach(v -> shapes.put(v.getName(), format(v.getTypedValue())));
        // the claim lifecycle keeps no object variable: the reviewers a comma-separated string, the decisions' outputs
        // plain variables (a later decision step would deserialize every JSON variable in scope again)
        assertThat(shapes).containsEntry("adjustedProfessional", "string").containsEntry("reviewers", "string")
                .containsEntry("reviewerKind", "string").containsEntry("reviewWorkingDays", "integer")
                .containsEntry("publicityWorkingDays", "integer").containsEntry("claimId", "long")
                .doesNotContainKeys("routing", "publicity");
        assertThat(variables).filteredOn(v -> v.getProcessInstanceId().equals(instance))
                .filteredOn(v -> v.getTypedValue() instanceof ObjectValue).extracting(HistoricVariableInstance::getName)
                .isEmpty();
        assertThat(variables).filteredOn(v -> v.getProcessInstanceId().equals(instance)
                && v.getName().equals("adjustedProfessional")).singleElement()
                .satisfies(v -> assertThat(v.getValue()).isEqualTo("10.5"));
        assertThat(variables).filteredOn(v -> v.getProcessInstanceId().equals(reduction.getProcessInstanceId())
                && v.getName().equals("approvedProfessional")).singleElement()
                .satisfies(v -> assertThat(v.getValue()).isEqualTo("30.5"));
        assertThat(variables).filteredOn(v -> v.getProcessInstanceId().equals(obligation.getProcessInstanceId())
                && v.getName().equals("reminders")).singleElement()
                .satisfies(v -> assertThat(format(v.getTypedValue())).isEqualTo("application/json"));
        assertThat(((ObjectValue) runtime.getVariableTyped(obligation.getProcessInstanceId(), "reminders"))
                .getValue()).asList().isNotEmpty().allSatisfy(d -> assertThat(d).isInstanceOf(java.util.Date.class));
    }

    private MakeupRequest makeup(ClaimFixtures.Setup s, MakeupRequest.Remedy remedy, String pub, String prof) {
        MakeupForm f = new MakeupForm();
        f.setSubmissionKey(UUID.randomUUID().toString());
        f.setYear(2026);
        f.setReason(MakeupRequest.Reason.PREGNANCY);
        f.setRemedy(remedy);
        f.setPeriodStart(LocalDate.of(2026, 3, 1));
        f.setPeriodEnd(LocalDate.of(2026, 9, 1));
        f.setDescription("产假");
        f.setRequestedPublic(pub == null ? null : new BigDecimal(pub));
        f.setRequestedProfessional(prof == null ? null : new BigDecimal(prof));
        CurrentUser me = currentUsers.load(s.employee());
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(f, "makeupForm");
        HardshipPolicy.Decision d = makeups.validate(f, me, s.unit(), errors, null).orElseThrow();
        assertThat(errors.getAllErrors()).isEmpty();
        return makeups.submit(f, d, me, s.unit(), List.of());
    }

    @Test
    void theEngineRefusesJavaSerializedValuesAndWritesUntypedObjectsAsJson() throws Exception {
        Claim claim = fixtures.exchange(fixtures.jilin().employee(), 1);
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .isJavaSerializationFormatEnabled()).isFalse();
        // serialized Java bytes, as engine-rest or Cockpit would pass them: refused
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("a")));
        }
        assertThatThrownBy(() -> runtime.setVariable(claim.getProcessInstanceId(), "legacy",
                Variables.serializedObjectValue(java.util.Base64.getEncoder().encodeToString(bytes.toByteArray()))
                        .serializationDataFormat(SerializationDataFormats.JAVA).objectTypeName("java.util.ArrayList")
                        .create()))
                .isInstanceOf(ProcessEngineException.class);
        // an untyped object becomes JSON
        runtime.setVariable(claim.getProcessInstanceId(), "untyped", new ArrayList<>(List.of("a", "b")));
        assertThat(format(runtime.getVariableTyped(claim.getProcessInstanceId(), "untyped", false)))
                .isEqualTo("application/json");
        assertThat(runtime.getVariable(claim.getProcessInstanceId(), "untyped")).isEqualTo(List.of("a", "b"));
    }

    /**
     * A value as versions before this one wrote it (untyped, Java serialization the engine's default then). The
     * engine's switch refuses only serialized Java bytes handed in (engine-rest, Cockpit), so a test can still
     * write the old shape from Java.
     */
    private static ObjectValue java(Object value) {
        return Variables.objectValue(value).serializationDataFormat(SerializationDataFormats.JAVA).create();
    }

    /** The reviewers as a list and the routing decision's result as one map, as versions before this one kept them. */
    private void oldShapes(String instance) {
        List<String> reviewers = new ArrayList<>(ProcessVariables.peopleOf(runtime.getVariable(instance, "reviewers")));
        Map<String, Object> routing = new HashMap<>();
        routing.put("reviewerKind", runtime.getVariable(instance, "reviewerKind"));
        routing.put("reviewWorkingDays", runtime.getVariable(instance, "reviewWorkingDays"));
        runtime.removeVariables(instance, List.of("reviewerKind", "reviewWorkingDays"));
        runtime.setVariable(instance, "reviewers", java(reviewers));
        runtime.setVariable(instance, "routing", java(routing));
        assertThat(javaSerialized(runtime.getVariableTyped(instance, "reviewers", false))).isTrue();
        assertThat(javaSerialized(runtime.getVariableTyped(instance, "routing", false))).isTrue();
    }

    @Test
    void anInstanceWithJavaSerializedVariablesOfAnEarlierVersionStillCompletes() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        String instance = claim.getProcessInstanceId();
        oldShapes(instance);
        // the review completed as the earlier version did: the adjusted hours as Java-serialized BigDecimals
        String review = task(instance, "reviewClaim");
        tasks.complete(review, Variables.createVariables().putValue("decision", "ADJUST")
                .putValue("reviewer", s.reviewer()).putValue("reviewComment", "按实际天数核减")
                .putValue("adjustedPublic", java(new BigDecimal("0")))
                .putValue("adjustedProfessional", java(new BigDecimal("12.5"))));
        assertThat(javaSerialized(runtime.getVariableTyped(instance, "adjustedProfessional", false))).isTrue();

        Claim approved = fixtures.reload(claim);
        assertThat(approved.getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(approved.getApprovedProfessional()).isEqualByComparingTo("12.5");
        assertThat(fixtures.endPublicity(claim).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
    }

    @Test
    void theStartUpRepairConvertsJavaSerializedVariablesAndTheInstanceGoesOn() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        String instance = claim.getProcessInstanceId();
        List<String> reviewersBefore = ProcessVariables.peopleOf(runtime.getVariable(instance, "reviewers"));
        oldShapes(instance);
        runtime.setVariable(instance, "adjustedPublic", java(new BigDecimal("7.50")));

        assertThat(repair.convertAll()).isGreaterThanOrEqualTo(3);

        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(instance)
                .disableCustomObjectDeserialization().list()).filteredOn(v -> javaSerialized(v.getTypedValue()))
                .isEmpty();
        assertThat(format(runtime.getVariableTyped(instance, "reviewers", false))).isEqualTo("application/json");
        assertThat(runtime.getVariable(instance, "reviewers")).isEqualTo(reviewersBefore);
        assertThat(format(runtime.getVariableTyped(instance, "routing", false))).isEqualTo("application/json");
        assertThat(((Map<?, ?>) runtime.getVariable(instance, "routing")).get("reviewerKind")).isEqualTo("UNIT");
        assertThat(runtime.getVariable(instance, "adjustedPublic")).isEqualTo("7.50");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("routing")
                .disableCustomObjectDeserialization().singleResult().getTypedValue())
                .satisfies(v -> assertThat(format(v)).isEqualTo("application/json"));
        assertThat(repair.convertAll()).isZero();

        assertThat(fixtures.endPublicity(fixtures.approve(claim, s.reviewer())).getStatus())
                .isEqualTo(ClaimStatus.REGISTERED);
    }
}
