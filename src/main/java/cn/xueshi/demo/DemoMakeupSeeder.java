package cn.xueshi.demo;

import cn.xueshi.makeup.HardshipPolicy;
import cn.xueshi.makeup.MakeupDecisionForm;
import cn.xueshi.makeup.MakeupForm;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.makeup.MakeupRequestRepository;
import cn.xueshi.makeup.MakeupService;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * Demo hardship requests: an approved maternity reduction (陈静, 2026), a make-up request waiting for
 * the employer (刘洋, 2026) and an approved make-up with its open obligation (杨帆, 2026).
 * Idempotent by submission key.
 */
@Component
@Order(25)
@ConditionalOnProperty(name = "xueshi.demo-data.enabled", havingValue = "true")
class DemoMakeupSeeder implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMakeupSeeder.class);

    private final MakeupService makeups;
    private final MakeupRequestRepository requests;
    private final CurrentUserService currentUsers;
    private final TaskService tasks;

    DemoMakeupSeeder(MakeupService makeups, MakeupRequestRepository requests, CurrentUserService currentUsers,
            TaskService tasks) {
        this.makeups = makeups;
        this.requests = requests;
        this.currentUsers = currentUsers;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed("demo-makeup-1", "chenjing", MakeupRequest.Reason.PREGNANCY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 9, 30), "产假，期间无法参加继续教育", "15", "30", true);
        seed("demo-makeup-2", "liuyang", MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2026, 6, 1), LocalDate.of(2026, 11, 15), "患病住院治疗，申请下一年度补学", null, null, false);
        seed("demo-makeup-3", "yangfan", MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2026, 2, 10), LocalDate.of(2026, 8, 31), "工伤骨折，申请下一年度补学", null, null, true);
    }

    private void seed(String key, String who, MakeupRequest.Reason reason, MakeupRequest.Remedy remedy,
            LocalDate from, LocalDate to, String description, String pub, String prof, boolean approve) {
        if (requests.findBySubmissionKey(key).isPresent()) {
            return;
        }
        try {
            CurrentUser me = currentUsers.load(who);
            MakeupForm form = new MakeupForm();
            form.setSubmissionKey(key);
            form.setYear(2026);
            form.setReason(reason);
            form.setRemedy(remedy);
            form.setPeriodStart(from);
            form.setPeriodEnd(to);
            form.setDescription(description);
            form.setRequestedPublic(pub == null ? null : new BigDecimal(pub));
            form.setRequestedProfessional(prof == null ? null : new BigDecimal(prof));
            BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "makeupForm");
            HardshipPolicy.Decision decision = makeups.validate(form, me, me.unit().orElseThrow(), errors, null)
                    .orElseThrow(() -> new IllegalStateException(errors.getAllErrors().toString()));
            MakeupRequest request = makeups.submit(form, decision, me, me.unit().orElseThrow(), List.of());
            if (approve) {
                String task = tasks.createTaskQuery().processInstanceId(request.getProcessInstanceId()).singleResult()
                        .getId();
                MakeupDecisionForm d = new MakeupDecisionForm();
                d.setDecision(MakeupDecisionForm.Decision.APPROVE);
                makeups.decide(task, currentUsers.load("reviewer"), d);
            }
        } catch (RuntimeException e) {
            LOG.warn("Demo make-up request {} not created: {}", key, e.getMessage());
        }
    }
}
