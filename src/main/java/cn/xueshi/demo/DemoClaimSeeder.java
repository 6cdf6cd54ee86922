package cn.xueshi.demo;

import cn.xueshi.claim.ClaimValidation;
import cn.xueshi.claim.ClaimWithdrawal;
import cn.xueshi.claim.WithdrawalForm;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.claim.ItemForm;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * Demo claims in every state of the lifecycle (in review, returned, approved, approved with
 * adjusted hours, rejected) across the four jurisdictions, made through the same services as the
 * pages. Idempotent: each demo claim has a fixed submission key and is made once.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "xueshi.demo-data.enabled", havingValue = "true")
class DemoClaimSeeder implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoClaimSeeder.class);

    /** APPROVE leaves the claim in publicity; REGISTER and ADJUST also end its publicity period. */
    enum Outcome { IN_REVIEW, APPROVE, REGISTER, ADJUST, REJECT, RETURN, WITHDRAW }

    record DemoItem(String type, LocalDate date, String title, Map<String, String> params) {
    }

    record DemoClaim(String key, String employee, String reviewer, int year, String description, Outcome outcome,
            List<DemoItem> items) {
    }

    static Map<String, String> p(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static final List<DemoClaim> CLAIMS = List.of(
            new DemoClaim("demo-claim-01", "employee", "reviewer", 2026, "参加吉林省医学会年会交流", Outcome.REGISTER,
                    List.of(new DemoItem("PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 4, 14), "吉林省医学会2026年学术年会",
                            p("days", "3")))),
            new DemoClaim("demo-claim-02", "employee", "reviewer", 2026, "医院消防安全教育", Outcome.REGISTER,
                    List.of(new DemoItem("UNIT_ACTIVITY", LocalDate.of(2026, 6, 18), "2026年消防安全培训",
                            p("minutes", "240", "characters", "2000")))),
            new DemoClaim("demo-claim-03", "employee", "reviewer", 2026, "发表论文一篇", Outcome.IN_REVIEW,
                    List.of(new DemoItem("PAPER", LocalDate.of(2026, 9, 2), "基层医院急诊分诊流程优化研究",
                            p("journal", "PROVINCIAL", "role", "FIRST_AUTHOR")))),
            new DemoClaim("demo-claim-04", "employee", "reviewer", 2026, "参加省级高级研修班", Outcome.RETURN,
                    List.of(new DemoItem("ADVANCED_SEMINAR", LocalDate.of(2026, 10, 12), "省级卫生健康高级研修班",
                            p("days", "5")))),
            new DemoClaim("demo-claim-05", "employee", "reviewer", 2026, "个人自学", Outcome.REJECT,
                    List.of(new DemoItem("SELF_STUDY", LocalDate.of(2026, 5, 20), null, p("hours", "20")))),
            new DemoClaim("demo-claim-06", "liuyang", "reviewer", 2026, "到长春市中心医院进修交流", Outcome.IN_REVIEW,
                    List.of(new DemoItem("PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 11, 3), null, p("days", "2")))),
            new DemoClaim("demo-claim-07", "huangmin", "reviewer", 2026, "公需科目网络学习", Outcome.REGISTER,
                    List.of(new DemoItem("PUBLIC_COURSE", LocalDate.of(2026, 3, 30), "2026年公需科目", p("hours", "24")))),
            new DemoClaim("demo-claim-08", "huangmin", "reviewer", 2026, "岗位培训", Outcome.IN_REVIEW,
                    List.of(new DemoItem("TRAINING", LocalDate.of(2026, 8, 10), "青岛市护理岗位培训",
                            p("hours", "20", "days", "3")))),
            new DemoClaim("demo-claim-09", "mayan", "reviewer", 2026, "省级脱产培训", Outcome.ADJUST,
                    List.of(new DemoItem("TRAINING", LocalDate.of(2026, 7, 6), "云南省中小学教师培训",
                            p("days", "4", "level", "PROVINCIAL")))),
            new DemoClaim("demo-claim-10", "mayan", "reviewer", 2026, "参加学术会议", Outcome.IN_REVIEW,
                    List.of(new DemoItem("CONFERENCE", LocalDate.of(2026, 10, 20), "全国基础教育学术会议",
                            p("days", "2", "level", "NATIONAL")))),
            new DemoClaim("demo-claim-11", "heping", "reviewer", 2026, "2026年度学时申报", Outcome.IN_REVIEW,
                    List.of(new DemoItem("TEACHING", LocalDate.of(2026, 5, 8), "农技推广讲座", p("count", "3")),
                            new DemoItem("ONLINE_COURSE", LocalDate.of(2026, 6, 1), "安徽省公需科目网络课程",
                                    p("hours", "30", "subject", "PUBLIC")))),
            new DemoClaim("demo-claim-12", "zhengkai", "bureauah", 2025, "2025年度学时申报", Outcome.REGISTER,
                    List.of(new DemoItem("PATENT", LocalDate.of(2025, 8, 15), "一种分布式任务调度方法",
                            p("patentType", "INVENTION", "rank", "2")))),
            new DemoClaim("demo-claim-13", "songtao", "bureauah", 2026, "2026年度学时申报", Outcome.IN_REVIEW,
                    List.of(new DemoItem("TRAINING", LocalDate.of(2026, 9, 14), "合肥市专业技术人员研修班",
                            p("days", "5", "partialDays", "1")))),
            // 撤回: withdrawn by the claimant while in review
            new DemoClaim("demo-claim-14", "liuyang", "reviewer", 2026, "赴吉林大学第一医院交流", Outcome.WITHDRAW,
                    List.of(new DemoItem("PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 10, 15), "吉林大学第一医院学术交流",
                            p("days", "1")))));

    private final ClaimService claims;
    private final ClaimValidation validation;
    private final ClaimRepository repository;
    private final ReviewService reviews;
    private final CurrentUserService currentUsers;
    private final ManagementService management;
    private final TaskService tasks;
    private final ClaimWithdrawal withdrawal;

    DemoClaimSeeder(ClaimService claims, ClaimValidation validation, ClaimRepository repository, ReviewService reviews,
            CurrentUserService currentUsers, ManagementService management, TaskService tasks, ClaimWithdrawal withdrawal) {
        this.withdrawal = withdrawal;
        this.claims = claims;
        this.validation = validation;
        this.repository = repository;
        this.reviews = reviews;
        this.currentUsers = currentUsers;
        this.management = management;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoClaim demo : CLAIMS) {
            if (repository.findBySubmissionKey(demo.key()).isPresent()) {
                continue;
            }
            try {
                seed(demo);
            } catch (RuntimeException e) {
                LOG.warn("Demo claim {} not created: {}", demo.key(), e.getMessage());
            }
        }
    }

    private void seed(DemoClaim demo) {
        CurrentUser me = currentUsers.load(demo.employee());
        Unit unit = me.unit().orElseThrow();
        ClaimForm form = new ClaimForm();
        form.setSubmissionKey(demo.key());
        form.setYear(demo.year());
        form.setDescription(demo.description());
        form.setPledge(true);
        for (DemoItem d : demo.items()) {
            ItemForm item = new ItemForm();
            item.setActivityType(d.type());
            item.setActivityDate(d.date());
            item.setTitle(d.title());
            item.getParams().putAll(d.params());
            form.getItems().add(item);
        }
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        String ruleSet = validation.validate(form, unit, errors).orElseThrow();
        if (errors.hasErrors()) {
            throw new IllegalStateException(errors.getAllErrors().toString());
        }
        Claim claim = claims.submit(form, ruleSet, unit, me);
        for (Job job : management.createJobQuery().processInstanceId(claim.getProcessInstanceId()).executable().list()) {
            management.executeJob(job.getId());
        }
        if (demo.outcome() == Outcome.IN_REVIEW) {
            return;
        }
        if (demo.outcome() == Outcome.WITHDRAW) {
            WithdrawalForm reason = new WithdrawalForm();
            reason.setReason("交流活动临时取消，撤回本次登记");
            withdrawal.withdraw(claim.getId(), reason, me);
            return;
        }
        Task task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).singleResult();
        ReviewForm decision = new ReviewForm();
        decision.setDecision(demo.outcome() == Outcome.REGISTER ? ReviewForm.Decision.APPROVE
                : ReviewForm.Decision.valueOf(demo.outcome().name()));
        switch (demo.outcome()) {
            case ADJUST -> {
                decision.setAdjustedPublic(BigDecimal.ZERO);
                decision.setAdjustedProfessional(new BigDecimal("18"));
                decision.setComment("第4天为报到日，按3天认定");
            }
            case REJECT -> decision.setComment("自学学时须附单位自学档案，本次未提供");
            case RETURN -> decision.setComment("请上传研修班结业证书");
            default -> decision.setComment(null);
        }
        reviews.decide(task.getId(), currentUsers.load(demo.reviewer()), decision);
        if (demo.outcome() == Outcome.REGISTER || demo.outcome() == Outcome.ADJUST) {
            // the publicity period is over for these: fire its timer now
            management.createJobQuery().processInstanceId(claim.getProcessInstanceId()).activityId("publicityEnds")
                    .list().forEach(job -> management.executeJob(job.getId()));
        }
    }
}
