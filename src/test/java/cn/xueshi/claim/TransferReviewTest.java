package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reviewer change on a transfer (人员流动): an open review stays with the old unit's reviewers; a claim submitted after
 * the move goes to whom review-routing names for the new unit — for an Anhui non-public unit the local bureau
 * (art. 14), for an Anhui state-owned unit its own reviewers.
 */
@IntegrationTest
class TransferReviewTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    TaskService tasks;

    private Task taskOf(Claim c) {
        return tasks.createTaskQuery().processInstanceId(fixtures.reload(c).getProcessInstanceId()).singleResult();
    }

    private boolean candidate(Task task, String userId) {
        return tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(userId).count() == 1;
    }

    @Test
    void aMoveFromAStateOwnedUnitToANonPublicOneHandsNewClaimsToTheBureauAndLeavesOpenOnesWithTheOldUnit() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim before = fixtures.exchange(s.employee(), 2);
        assertThat(before.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);

        Unit nonPublic = users.unit("合肥某软件有限公司", UnitType.NON_PUBLIC, "ANHUI", "anhui-2025");
        String ownReviewer = users.reviewerOf(nonPublic, "冯", "审");
        String bureau = users.user("bur", "蒋", "人社", Groups.BUREAU);
        directory.assignOversight(bureau, "ANHUI");
        assertThat(directory.moveToUnit(s.employee(), nonPublic.getId(), LocalDate.of(2026, 7, 1), "admin")).isTrue();

        Claim after = fixtures.submit(s.employee(), ClaimFixtures.form(2026, "TEACHING", LocalDate.of(2026, 9, 1),
                Map.of("count", "3")));
        assertThat(after.getUnitId()).isEqualTo(nonPublic.getId());
        assertThat(after.getReviewerKind()).isEqualTo("BUREAU");
        Task newTask = taskOf(after);
        assertThat(candidate(newTask, bureau)).isTrue();
        assertThat(candidate(newTask, ownReviewer)).isFalse();
        assertThat(candidate(newTask, s.reviewer())).isFalse();

        // the claim submitted before the move stays with the unit that reviews it: its reviewer decides it
        Task oldTask = taskOf(before);
        assertThat(candidate(oldTask, s.reviewer())).isTrue();
        assertThat(candidate(oldTask, bureau)).isFalse();
        assertThat(fixtures.approve(before, s.reviewer()).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(fixtures.reload(before).getUnitId()).isEqualTo(s.unit().getId());
    }

    @Test
    void aMoveToAnAnhuiStateOwnedUnitHandsNewClaimsToItsOwnReviewers() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Unit stateOwned = users.unit("安徽省立医院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        String ownReviewer = users.reviewerOf(stateOwned, "褚", "审");
        assertThat(directory.moveToUnit(s.employee(), stateOwned.getId(), LocalDate.of(2026, 7, 1), "admin")).isTrue();
        Claim after = fixtures.submit(s.employee(), ClaimFixtures.form(2026, "TEACHING", LocalDate.of(2026, 9, 1),
                Map.of("count", "3")));
        assertThat(after.getReviewerKind()).isEqualTo("UNIT");
        Task task = taskOf(after);
        assertThat(candidate(task, ownReviewer)).isTrue();
        assertThat(candidate(task, s.reviewer())).isFalse();
    }
}
