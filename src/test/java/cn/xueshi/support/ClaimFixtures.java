package cn.xueshi.support;

import cn.xueshi.claim.ClaimValidation;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.claim.ItemForm;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;

/** Builds a unit with an employee and a reviewer, and submits claims the way the form does. */
@Component
public class ClaimFixtures {

    private final TestUsers users;
    private final ClaimService claims;
    private final ClaimValidation validation;
    private final ClaimRepository repository;
    private final CurrentUserService currentUsers;
    private final ManagementService management;
    private final org.camunda.bpm.engine.TaskService tasks;
    private final cn.xueshi.review.ReviewService reviews;

    public ClaimFixtures(TestUsers users, ClaimService claims, ClaimValidation validation, ClaimRepository repository,
            CurrentUserService currentUsers, ManagementService management, org.camunda.bpm.engine.TaskService tasks,
            @org.springframework.context.annotation.Lazy cn.xueshi.review.ReviewService reviews) {
        this.tasks = tasks;
        this.reviews = reviews;
        this.users = users;
        this.claims = claims;
        this.validation = validation;
        this.repository = repository;
        this.currentUsers = currentUsers;
        this.management = management;
    }

    /** A unit with one employee and one reviewer. */
    public record Setup(Unit unit, String employee, String reviewer) {
    }

    public Setup unit(String name, UnitType type, String jurisdiction, String ruleSet) {
        Unit unit = users.unit(name, type, jurisdiction, ruleSet);
        return new Setup(unit, users.member(unit, "王", "小明"), users.reviewerOf(unit, "李", "审核"));
    }

    public Setup jilin() {
        return unit("长春市第一医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
    }

    public static ClaimForm form(int year, String activityType, LocalDate date, Map<String, String> params) {
        ClaimForm form = new ClaimForm();
        form.setSubmissionKey(UUID.randomUUID().toString());
        form.setYear(year);
        form.setPledge(true);
        ItemForm item = new ItemForm();
        item.setActivityType(activityType);
        item.setActivityDate(date);
        item.getParams().putAll(params);
        form.getItems().add(item);
        return form;
    }

    /** Submits a valid claim (checked like the form) and runs the async hour proposal. */
    public Claim submit(String employee, ClaimForm form) {
        CurrentUser me = currentUsers.load(employee);
        Unit unit = me.unit().orElseThrow();
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        String ruleSet = validation.validate(form, unit, errors).orElseThrow();
        if (errors.hasErrors()) {
            throw new IllegalArgumentException(errors.toString());
        }
        Claim claim = claims.submit(form, ruleSet, unit, me);
        runJobs(claim);
        return repository.findById(claim.getId()).orElseThrow();
    }

    /** A Jilin professional exchange of {@code days} days in 2026 (8 hours a day). */
    public Claim exchange(String employee, int days) {
        return submit(employee, form(2026, "PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 3, 2),
                Map.of("days", String.valueOf(days))));
    }

    /** Executes the claim's due async jobs (the job executor is off in tests). */
    public void runJobs(Claim claim) {
        String instance = repository.findById(claim.getId()).orElseThrow().getProcessInstanceId();
        for (Job job : management.createJobQuery().processInstanceId(instance).executable().list()) {
            if (job.getDuedate() == null || !job.getDuedate().after(new java.util.Date())) {
                management.executeJob(job.getId());
            }
        }
    }

    /** Approves the claim's review task as the given reviewer: the claim goes on the publicity board. */
    public Claim approve(Claim claim, String reviewer) {
        org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery()
                .processInstanceId(reload(claim).getProcessInstanceId()).taskDefinitionKey("reviewClaim").singleResult();
        cn.xueshi.review.ReviewForm form = new cn.xueshi.review.ReviewForm();
        form.setDecision(cn.xueshi.review.ReviewForm.Decision.APPROVE);
        reviews.decide(task.getId(), currentUsers.load(reviewer), form);
        return reload(claim);
    }

    /** Returns the claim in review to its claimant for correction (退回修改). */
    public Claim returnForCorrection(Claim claim, String reviewer) {
        org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery()
                .processInstanceId(reload(claim).getProcessInstanceId()).taskDefinitionKey("reviewClaim").singleResult();
        cn.xueshi.review.ReviewForm form = new cn.xueshi.review.ReviewForm();
        form.setDecision(cn.xueshi.review.ReviewForm.Decision.RETURN);
        form.setComment("请补充材料");
        reviews.decide(task.getId(), currentUsers.load(reviewer), form);
        return reload(claim);
    }

    /** Rejects the claim in review as the given reviewer (不予认定). */
    public Claim reject(Claim claim, String reviewer) {
        org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery()
                .processInstanceId(reload(claim).getProcessInstanceId()).taskDefinitionKey("reviewClaim").singleResult();
        cn.xueshi.review.ReviewForm form = new cn.xueshi.review.ReviewForm();
        form.setDecision(cn.xueshi.review.ReviewForm.Decision.REJECT);
        form.setComment("不予认定");
        reviews.decide(task.getId(), currentUsers.load(reviewer), form);
        return reload(claim);
    }

    /** Fires the publicity timer (the period is over): the claim is registered. */
    public Claim endPublicity(Claim claim) {
        Job timer = management.createJobQuery().processInstanceId(reload(claim).getProcessInstanceId())
                .activityId("publicityEnds").singleResult();
        management.executeJob(timer.getId());
        return reload(claim);
    }

    /** Submitted, approved and through publicity: a registered claim of {@code days} exchange days. */
    public Claim registeredExchange(Setup s, int days) {
        return endPublicity(approve(exchange(s.employee(), days), s.reviewer()));
    }

    public Claim reload(Claim claim) {
        return repository.findById(claim.getId()).orElseThrow();
    }
}
