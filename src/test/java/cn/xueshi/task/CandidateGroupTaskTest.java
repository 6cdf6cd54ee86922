package cn.xueshi.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.claim.Claim;
import cn.xueshi.review.ReviewService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.system.NotFound;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A task offered to a candidate group. No shipped model names one (every user task has camunda:candidateUsers, the
 * unit's reviewers and so on), so a group link comes only from the engine's API: Camunda's Tasklist or Cockpit, or a
 * later model. {@link HumanTasks#actionable}'s one statement must then answer like the engine's candidate query and
 * {@link HumanTasks#findAsCandidate}: a member of the group may act on the unassigned task, nobody else may, and
 * once someone claimed it only they may.
 */
@IntegrationTest
class CandidateGroupTaskTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    HumanTasks humanTasks;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    TestUsers users;

    @Test
    void aTaskOfferedToAGroupIsTheirMembersAndNobodyElses() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.reload(fixtures.exchange(s.employee(), 1));
        Task task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).singleResult();
        // offered to the group only: the unit's reviewers are no longer candidates themselves
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null) {
                tasks.deleteCandidateUser(task.getId(), link.getUserId());
            }
        }
        String group = TestUsers.uniqueId("cg");
        Group g = identity.newGroup(group);
        g.setName("候选组");
        identity.saveGroup(g);
        tasks.addCandidateGroup(task.getId(), group);
        String member = users.user("cgm", "组", "员", group);
        String otherGroupsMember = users.user("cgo", "别", "组", "reviewer");

        assertThat(humanTasks.actionable(task.getId(), ReviewService.REVIEW_TASK, member).id()).isEqualTo(task.getId());
        assertThat(humanTasks.findAsCandidate(task.getId(), ReviewService.REVIEW_TASK, member).getId())
                .isEqualTo(task.getId());
        assertThat(humanTasks.find(task.getId(), ReviewService.REVIEW_TASK, member).getId()).isEqualTo(task.getId());
        for (String outsider : new String[] {otherGroupsMember, s.reviewer(), s.employee()}) {
            assertThatThrownBy(() -> humanTasks.actionable(task.getId(), ReviewService.REVIEW_TASK, outsider))
                    .as(outsider).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> humanTasks.findAsCandidate(task.getId(), ReviewService.REVIEW_TASK, outsider))
                    .as(outsider).isInstanceOf(NotFound.class);
        }
        // another step's key is not this task, even for a member
        assertThatThrownBy(() -> humanTasks.actionable(task.getId(), "handleObjection", member))
                .isInstanceOf(NotFound.class);

        // claimed by another member of the group: theirs alone, as in the engine's candidate query
        String colleague = users.user("cgc", "同", "组", group);
        tasks.claim(task.getId(), colleague);
        assertThat(humanTasks.actionable(task.getId(), ReviewService.REVIEW_TASK, colleague).assignee())
                .isEqualTo(colleague);
        assertThatThrownBy(() -> humanTasks.actionable(task.getId(), ReviewService.REVIEW_TASK, member))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> humanTasks.findAsCandidate(task.getId(), ReviewService.REVIEW_TASK, member))
                .isInstanceOf(NotFound.class);
    }
}
