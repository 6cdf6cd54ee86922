package cn.xueshi.document;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.TestUsers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * A Jilin unit whose employee 王小明 has a complete 2026: two registered claims (one approved as
 * proposed, one adjusted by the reviewer), one still in review, and a second member 欧阳娜娜 without
 * hours. Claims reach 登记完成 the way the process takes them there: after approval the publicity
 * timer's job is executed (公示期满); only if the process has no such step is the claim registered directly.
 */
@Component
class DocumentFixtures {

    static final int YEAR = 2026;

    private final ClaimFixtures claims;
    private final ClaimRepository repository;
    private final ReviewService reviews;
    private final TaskService tasks;
    private final CurrentUserService currentUsers;
    private final TestUsers users;
    private final ManagementService management;

    DocumentFixtures(ClaimFixtures claims, ClaimRepository repository, ReviewService reviews, TaskService tasks,
            CurrentUserService currentUsers, TestUsers users, ManagementService management) {
        this.management = management;
        this.claims = claims;
        this.repository = repository;
        this.reviews = reviews;
        this.tasks = tasks;
        this.currentUsers = currentUsers;
        this.users = users;
    }

    record Year(ClaimFixtures.Setup setup, String secondMember, Claim approved, Claim adjusted, Claim pending) {
    }

    /** 王小明: 24 professional (as proposed) + 30 public / 40 professional (adjusted) = 94, compliant in Jilin. */
    Year compliantYear() {
        ClaimFixtures.Setup s = claims.jilin();
        String second = users.member(s.unit(), "欧阳", "娜娜");
        Claim adjusted = claims.submit(s.employee(), ClaimFixtures.form(YEAR, "PROFESSIONAL_EXCHANGE",
                LocalDate.of(YEAR, 2, 10), Map.of("days", "10")));
        ReviewForm adjust = decision(ReviewForm.Decision.ADJUST, "其中公需讲座30学时");
        adjust.setAdjustedPublic(new BigDecimal("30"));
        adjust.setAdjustedProfessional(new BigDecimal("40"));
        decide(s, adjusted, adjust);
        Claim approved = registered(s, claims.exchange(s.employee(), 3), "材料齐全，同意");
        Claim pending = claims.submit(s.employee(), ClaimFixtures.form(YEAR, "PROFESSIONAL_EXCHANGE",
                LocalDate.of(YEAR, 4, 1), Map.of("days", "1")));
        return new Year(s, second, approved, register(adjusted), pending);
    }

    /** Approves the claim as proposed and registers it (publicity over). */
    Claim registered(ClaimFixtures.Setup s, Claim claim, String comment) {
        decide(s, claim, decision(ReviewForm.Decision.APPROVE, comment));
        return register(claim);
    }

    private void decide(ClaimFixtures.Setup s, Claim claim, ReviewForm form) {
        String task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).singleResult().getId();
        reviews.decide(task, currentUsers.load(s.reviewer()), form);
    }

    /** Runs the instance's pending jobs (the publicity timer among them, whatever its due date) until the claim counts. */
    private Claim register(Claim claim) {
        for (int round = 0; round < 5; round++) {
            Claim c = repository.findById(claim.getId()).orElseThrow();
            if (c.getStatus().counts()) {
                return c;
            }
            java.util.List<Job> jobs = management.createJobQuery().processInstanceId(c.getProcessInstanceId()).list();
            if (jobs.isEmpty()) {
                break;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
        Claim c = repository.findById(claim.getId()).orElseThrow();
        if (!c.getStatus().counts()) {
            c.register();
            c = repository.save(c);
        }
        return c;
    }

    private static ReviewForm decision(ReviewForm.Decision d, String comment) {
        ReviewForm f = new ReviewForm();
        f.setDecision(d);
        f.setComment(comment);
        return f;
    }
}
