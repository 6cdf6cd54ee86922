package cn.xueshi.publicity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12, finding 5: several objections open at once, each task carrying its own objection and each
 * decided on its own; and the repair of instances started on the earlier model, where every task
 * showed the latest objection.
 */
@IntegrationTest
class ObjectionScopeTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    PublicityService publicity;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    TestUsers users;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    ObjectionScopeRepair repair;
    @Autowired
    ObjectionRepository objectionRepository;

    private List<Task> objectionTasks(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(fixtures.reload(claim).getProcessInstanceId())
                .taskDefinitionKey(PublicityService.OBJECTION_TASK).orderByTaskCreateTime().asc().list();
    }

    /** The task that carries this objection, found through what the handler shows. */
    private Task taskOf(Claim claim, Objection objection) {
        return objectionTasks(claim).stream().filter(t -> publicity.objectionOf(t).getId().equals(objection.getId()))
                .findFirst().orElseThrow();
    }

    private Objection raise(Claim claim, ClaimFixtures.Setup s, String lastName, String reason) {
        String colleague = users.member(s.unit(), lastName, "同事");
        return publicity.raise(claim.getId(), currentUsers.load(colleague), reason);
    }

    private void decide(Claim claim, Objection o, ClaimFixtures.Setup s, String decision) {
        publicity.handle(taskOf(claim, o).getId(), currentUsers.load(s.reviewer()), decision, "处理：" + o.getReason());
    }

    private Objection.Status status(Objection o) {
        return objectionRepository.findById(o.getId()).orElseThrow().getStatus();
    }

    /** A claim in publicity with one objection per colleague, each raised in turn with its reason. */
    private record Objected(ClaimFixtures.Setup setup, Claim claim, List<Objection> objections) {

        Objection first() {
            return objections.get(0);
        }

        Objection second() {
            return objections.get(1);
        }

        Objection third() {
            return objections.get(2);
        }
    }

    /** An approved claim of {@code days} days in publicity, then objections: surname, reason, surname, reason… */
    private Objected objected(int days, String... surnamesAndReasons) {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), days), s.reviewer());
        List<Objection> raised = new ArrayList<>();
        for (int i = 0; i < surnamesAndReasons.length; i += 2) {
            raised.add(raise(claim, s, surnamesAndReasons[i], surnamesAndReasons[i + 1]));
        }
        return new Objected(s, claim, raised);
    }

    private void decide(Objected on, Objection o, String decision) {
        decide(on.claim(), o, on.setup(), decision);
    }

    @Test
    void twoObjectionsOpenAtOnceEachShowAndDecideTheirOwn() {
        Objected two = objected(2, "甲", "第一条：会议只有一天", "乙", "第二条：未见签到表");

        List<Task> open = objectionTasks(two.claim());
        assertThat(open).hasSize(2);
        assertThat(open).extracting(t -> publicity.objectionOf(t).getId())
                .containsExactly(two.first().getId(), two.second().getId());

        decide(two, two.first(), "DISMISS");
        assertThat(status(two.first())).isEqualTo(Objection.Status.DISMISSED);
        assertThat(status(two.second())).isEqualTo(Objection.Status.OPEN);
        assertThat(publicity.objectionOf(objectionTasks(two.claim()).get(0)).getId()).isEqualTo(two.second().getId());
        decide(two, two.second(), "DISMISS");
        assertThat(status(two.second())).isEqualTo(Objection.Status.DISMISSED);
        assertThat(objectionTasks(two.claim())).isEmpty();

        assertThat(fixtures.endPublicity(two.claim()).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
    }

    @Test
    void thePeriodEndingWhileTwoObjectionsAreOpenWaitsForBothThenRegisters() {
        Objected two = objected(1, "丙", "请核实一", "丁", "请核实二");
        assertThat(fixtures.endPublicity(two.claim()).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);

        decide(two, two.second(), "DISMISS"); // the later one first
        assertThat(fixtures.reload(two.claim()).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(publicity.objectionOf(objectionTasks(two.claim()).get(0)).getId()).isEqualTo(two.first().getId());
        decide(two, two.first(), "DISMISS");
        assertThat(fixtures.reload(two.claim()).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        assertThat(two.objections()).extracting(this::status).containsOnly(Objection.Status.DISMISSED);
    }

    @Test
    void threeObjectionsOneDismissedOneUpheldTheThirdEndsWithThePeriodAndTheClaimIsRegisteredAfterReview() {
        Objected three = objected(3, "戊", "一：天数不符", "己", "二：本人同去，仅两天", "庚", "三：证明材料模糊");
        assertThat(objectionTasks(three.claim())).extracting(t -> publicity.objectionOf(t).getId())
                .containsExactly(three.first().getId(), three.second().getId(), three.third().getId());

        decide(three, three.first(), "DISMISS");
        decide(three, three.second(), "UPHOLD");
        assertThat(status(three.first())).isEqualTo(Objection.Status.DISMISSED);
        assertThat(status(three.second())).isEqualTo(Objection.Status.UPHELD);
        // the claim is reviewed again: the third objection's task ends with the publicity period
        assertThat(status(three.third())).isEqualTo(Objection.Status.SUPERSEDED);
        assertThat(objectionTasks(three.claim())).isEmpty();
        Claim back = fixtures.reload(three.claim());
        assertThat(back.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);

        Claim again = fixtures.approve(back, three.setup().reviewer());
        assertThat(again.getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        Objection fourth = raise(again, three.setup(), "辛", "四：仍有疑问");
        decide(again, fourth, three.setup(), "DISMISS");
        assertThat(fixtures.endPublicity(again).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
    }

    @Test
    void threeColleaguesObjectingAtTheSameMomentEachGetTheirOwnTaskDecidedOnItsOwn() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 2), s.reviewer());
        List<String> colleagues = List.of(users.member(s.unit(), "赵", "同事"), users.member(s.unit(), "钱", "同事"),
                users.member(s.unit(), "孙", "同事"));

        List<Objection> raised = cn.xueshi.support.Parallel.run(3, i -> publicity.raise(claim.getId(),
                currentUsers.load(colleagues.get(i)), "同时提出的第 " + i + " 条"));

        assertThat(raised).extracting(Objection::getId).doesNotHaveDuplicates();
        assertThat(objectionTasks(claim)).hasSize(3)
                .extracting(t -> publicity.objectionOf(t).getId())
                .containsExactlyInAnyOrderElementsOf(raised.stream().map(Objection::getId).toList());
        decide(claim, raised.get(2), s, "DISMISS");
        decide(claim, raised.get(0), s, "DISMISS");
        decide(claim, raised.get(1), s, "DISMISS");
        assertThat(raised).extracting(this::status).containsOnly(Objection.Status.DISMISSED);
        assertThat(fixtures.endPublicity(claim).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
    }

    @Test
    void upholdingTheFirstOfTwoSendsTheClaimBackAndClosesTheOther() {
        Objected two = objected(2, "壬", "一：会议取消", "癸", "二：同上");
        decide(two, two.first(), "UPHOLD");
        assertThat(status(two.first())).isEqualTo(Objection.Status.UPHELD);
        assertThat(status(two.second())).isEqualTo(Objection.Status.SUPERSEDED);
        Claim back = fixtures.reload(two.claim());
        assertThat(back.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(fixtures.endPublicity(fixtures.approve(back, two.setup().reviewer())).getStatus())
                .isEqualTo(ClaimStatus.REGISTERED);
    }

    /**
     * An instance started on the model before this fix, with two objections raised the way the earlier
     * release did (the id set on the publicity scope): both tasks show the second objection. The repair
     * pins each task's own objection and migrates the instance; both are then decided and the claim is
     * registered.
     */
    @Test
    void instancesOfTheEarlierModelAreRepairedAndMigrated() throws Exception {
        ProcessDefinition current = latest();
        Deployment old;
        try (InputStream model = getClass().getResourceAsStream("/publicity/claim-lifecycle-before-objection-scope.bpmn.txt")) {
            old = repository.createDeployment().name("claim-lifecycle before issue 12")
                    .addInputStream("claim-lifecycle.bpmn", model).deploy();
        }
        Deployment again = null;
        try {
            ProcessDefinition oldDefinition = latest();
            assertThat(oldDefinition.getDeploymentId()).isEqualTo(old.getId());
            assertThat(repair.pins(oldDefinition)).isFalse();
            assertThat(repair.pins(current)).isTrue();

            ClaimFixtures.Setup s = fixtures.jilin();
            Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 2), s.reviewer());
            ProcessInstance instance = runtime.createProcessInstanceQuery()
                    .processInstanceId(claim.getProcessInstanceId()).singleResult();
            assertThat(instance.getProcessDefinitionId()).isEqualTo(oldDefinition.getId());
            Objection first = raiseTheOldWay(claim, s, "子", "旧版一");
            Objection second = raiseTheOldWay(claim, s, "丑", "旧版二");
            // the bug: both tasks show the latest objection
            assertThat(objectionTasks(claim)).extracting(t -> publicity.objectionOf(t).getId())
                    .containsExactly(second.getId(), second.getId());

            // the shipped model becomes the newest version again (as on the first start after the fix)
            try (InputStream model = getClass().getResourceAsStream("/bpmn/claim-lifecycle.bpmn")) {
                again = repository.createDeployment().name("claim-lifecycle after issue 12")
                        .addInputStream("claim-lifecycle.bpmn", model).deploy();
            }
            assertThat(repair.pairObjections()).isGreaterThanOrEqualTo(2);
            assertThat(repair.migrate()).isGreaterThanOrEqualTo(1);
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId())
                    .singleResult().getProcessDefinitionId()).isEqualTo(latest().getId());
            assertThat(objectionTasks(claim)).extracting(t -> publicity.objectionOf(t).getId())
                    .containsExactly(first.getId(), second.getId());
            assertThat(repair.pairObjections()).isZero(); // idempotent
            assertThat(repair.migrate()).isZero();

            decide(claim, first, s, "DISMISS");
            assertThat(status(first)).isEqualTo(Objection.Status.DISMISSED);
            assertThat(status(second)).isEqualTo(Objection.Status.OPEN);
            // a new objection on the migrated instance gets its own scope
            Objection third = raise(claim, s, "寅", "迁移后新异议");
            decide(claim, third, s, "DISMISS");
            decide(claim, second, s, "DISMISS");
            assertThat(status(second)).isEqualTo(Objection.Status.DISMISSED);
            assertThat(fixtures.endPublicity(claim).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        } finally {
            // nothing runs on the old version any more; the shipped model stays the newest
            repository.deleteDeployment(old.getId(), true);
            if (again == null) {
                try (InputStream model = getClass().getResourceAsStream("/bpmn/claim-lifecycle.bpmn")) {
                    repository.createDeployment().addInputStream("claim-lifecycle.bpmn", model).deploy();
                }
            }
        }
    }

    /** What PublicityService.raise did before the fix: the id set local to the scope receiving the message. */
    private Objection raiseTheOldWay(Claim claim, ClaimFixtures.Setup s, String lastName, String reason) {
        String colleague = users.member(s.unit(), lastName, "同事");
        Objection o = objectionRepository.saveAndFlush(new Objection(claim.getId(), colleague, reason));
        runtime.createMessageCorrelation("objectionRaised").processInstanceId(claim.getProcessInstanceId())
                .setVariableLocal("objectionId", o.getId()).correlate();
        return o;
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("claim-lifecycle").latestVersion()
                .singleResult();
    }
}
