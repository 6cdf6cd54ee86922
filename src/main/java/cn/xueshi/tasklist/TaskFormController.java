package cn.xueshi.tasklist;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.filing.UnitFiling;
import cn.xueshi.filing.UnitFilingRepository;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.makeup.MakeupRequestRepository;
import cn.xueshi.system.NotFound;
import cn.xueshi.task.TaskForm;
import cn.xueshi.task.TaskForms;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where a form key leads: Camunda Tasklist's "open form" link ({@code /task-form/<form>?taskId=…&callbackUrl=…})
 * and any other link built from a form key. Signed in through the product's login (the login returns here),
 * the person is sent to the product page for that task if they may work on it (a candidate, directly or by
 * group, or its assignee: the same reach as the product's own task lists); otherwise the answer is 404. The
 * form is the task's own key, not the path of the link. {@code callbackUrl} is ignored: the product pages go
 * back to their own lists, and following a URL from a link would be an open redirect.
 */
@Controller
class TaskFormController {

    private final TaskService tasks;
    private final TaskForms forms;
    private final CurrentUserService currentUsers;
    private final ClaimRepository claims;
    private final UnitFilingRepository filings;
    private final MakeupRequestRepository requests;

    TaskFormController(TaskService tasks, TaskForms forms, CurrentUserService currentUsers, ClaimRepository claims,
            UnitFilingRepository filings, MakeupRequestRepository requests) {
        this.tasks = tasks;
        this.forms = forms;
        this.currentUsers = currentUsers;
        this.claims = claims;
        this.filings = filings;
        this.requests = requests;
    }

    @GetMapping(TaskForm.PATH + "**")
    String open(@RequestParam(required = false) String taskId) {
        if (taskId == null || taskId.isBlank()) {
            throw new NotFound();
        }
        String me = currentUsers.current().userId();
        Task task = tasks.createTaskQuery().taskId(taskId.trim())
                .or().taskCandidateUser(me).taskAssignee(me).endOr().singleResult();
        if (task == null) {
            throw new NotFound();
        }
        TaskForm form = forms.of(task);
        return "redirect:" + form.page(task.getId(), recordOf(form, task));
    }

    /** The id of the record the page is addressed by (null if it takes the task): the record this instance carries. */
    private Long recordOf(TaskForm form, Task task) {
        String instance = task.getProcessInstanceId();
        Optional<Long> id = switch (form.record()) {
            case NONE -> Optional.empty();
            case CLAIM -> claims.findByProcessInstanceId(instance).map(Claim::getId);
            case FILING -> filings.findByProcessInstanceId(instance).map(UnitFiling::getId);
            case MAKEUP_REQUEST -> requests.findByProcessInstanceId(instance).map(MakeupRequest::getId);
        };
        if (form.record() != TaskForm.Record.NONE && id.isEmpty()) {
            throw new NotFound();
        }
        return id.orElse(null);
    }
}
