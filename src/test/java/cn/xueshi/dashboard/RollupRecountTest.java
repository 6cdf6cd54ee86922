package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.makeup.HardshipPolicy;
import cn.xueshi.makeup.MakeupDecisionForm;
import cn.xueshi.makeup.MakeupForm;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.makeup.MakeupService;
import cn.xueshi.publicity.PublicityService;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import cn.xueshi.rules.Requirement;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * The dashboard rollups (V95) against a full recount of the claims ({@link FullRecount}, the scanning
 * queries the dashboard ran before): a hand-built fixture, then claims carried through the lifecycle —
 * approval, publicity, return, an objection raised and upheld, a make-up claim and an approved reduction — with
 * both ways compared after every step.
 */
@IntegrationTest
class RollupRecountTest {

    static final List<Integer> YEARS = List.of(2025, 2026, 2027);

    @Autowired DashboardFixture fx;
    @Autowired FullRecount scan;
    @Autowired ComplianceQueries compliance;
    @Autowired ClaimFlowQueries flow;
    @Autowired DashboardService dashboards;
    @Autowired Rollups rollups;
    @Autowired ClaimFixtures fixtures;
    @Autowired ReviewService reviews;
    @Autowired PublicityService publicity;
    @Autowired MakeupService makeups;
    @Autowired CurrentUserService currentUsers;
    @Autowired TaskService tasks;
    @Autowired JdbcTemplate jdbc;
    @Autowired StepTimeBuckets buckets;
    @Autowired cn.xueshi.identity.Directory directory;

    static BigDecimal h(String v) {
        return new BigDecimal(v);
    }

    /** Every rolled-up view of the unit, for each year, equals the recount. */
    void agree(long unitId) {
        for (int year : YEARS) {
            DashboardScope s = new DashboardScope(year, Set.of("JILIN"), unitId);
            Map<String, Requirement> req = dashboards.requirements(s);
            Requirement one = req.get("JILIN");
            LocalDate today = LocalDate.of(2026, 12, 1);
            assertThat(flow.claimsByState(s)).as("claims by state %d", year).isEqualTo(scan.claimsByState(s));
            assertThat(flow.throughput(s)).as("throughput %d", year).isEqualTo(scan.throughput(s));
            assertThat(flow.objections(s)).as("objections %d", year).isEqualTo(scan.objections(s));
            assertThat(compliance.units(s, req, today)).as("units %d", year).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(scan.units(s, req, today));
            assertThat(compliance.hoursByType(s)).as("hours by type %d", year).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(scan.hoursByType(s));
            assertThat(compliance.people(s, one)).as("people %d", year).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(scan.people(s, one));
            tasksAgree(s);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_rollup_dirty", Long.class)).as("every mark folded").isZero();
    }

    /** Backlog, holders (now and a month later, when every task is overdue) and time per step equal the scans. */
    void tasksAgree(DashboardScope s) {
        for (LocalDateTime now : List.of(LocalDateTime.now(), LocalDateTime.now().plusDays(40))) {
            assertThat(flow.backlog(s, now)).as("backlog %s at %s", s, now).isEqualTo(scan.backlog(s, now));
            assertThat(flow.holders(s, now, 20)).as("holders %s at %s", s, now).isEqualTo(scan.holders(s, now, 20));
        }
        assertThat(flow.stepTimes(s)).as("time per step %s", s).usingRecursiveComparison()
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-6 ? 0 : Double.compare(a, b), Double.class)
                .isEqualTo(scan.stepTimes(s, buckets));
        // the p90 read from the buckets is never below the exact one and stays inside the exact one's bucket
        scan.durations(s).forEach((step, d) -> {
            long exact = FullRecount.exactP90(d);
            long read = flow.stepTimes(s).stream().filter(t -> t.taskKey().equals(step)).findFirst().orElseThrow().p90Millis();
            assertThat(read).as("p90 of %s", step).isGreaterThanOrEqualTo(exact)
                    .isLessThan(buckets.upperBound(buckets.of(exact)));
        });
        java.util.Map<Long, Long> rolled = new java.util.TreeMap<>();
        jdbc.query("SELECT unit_id, persons FROM xs_rollup_unit WHERE persons > 0"
                + (s.unitId() == null ? "" : " AND unit_id = " + s.unitId()), rs -> {
                    rolled.put(rs.getLong(1), rs.getLong(2));
                });
        if (s.unitId() != null) {
            assertThat(rolled).as("headcount").isEqualTo(scan.headcounts(s));
        }
    }

    @Test
    void aHandBuiltFixtureCountsTheSameBothWaysAndAfterARebuild() {
        Unit a = fx.unit("汇总甲");
        String p1 = fx.member(a, "赵", "一");
        String p2 = fx.member(a, "钱", "二");
        String p3 = fx.member(a, "孙", "三");
        fx.member(a, "李", "无");
        LocalDateTime march = LocalDateTime.of(2026, 3, 2, 10, 0);
        long c1 = fx.claim(a, p1, 2026, null, "REGISTERED", h("30"), h("40"), march, march.plusDays(9));
        fx.item(c1, "CONFERENCE", h("30"), h("0"));
        fx.item(c1, "PROFESSIONAL_EXCHANGE", h("0"), h("40"));
        fx.claim(a, p1, 2026, null, "IN_REVIEW", null, null, march.plusDays(20), null);
        long c3 = fx.claim(a, p2, 2027, 2026, "FILED", h("10"), h("80"), LocalDateTime.of(2027, 2, 1, 9, 0),
                LocalDateTime.of(2027, 2, 10, 9, 0));
        fx.item(c3, "FULL_TIME_STUDY", h("10"), h("80"));
        fx.claim(a, p2, 2025, null, "REGISTERED", h("20"), h("20"), LocalDateTime.of(2025, 12, 30, 9, 0),
                LocalDateTime.of(2026, 1, 6, 9, 0));
        fx.claim(a, p3, 2026, null, "REJECTED", null, null, march, null);
        fx.claim(a, p3, 2026, null, "REGISTERED", h("5"), h("5"), march, march.plusDays(3));
        fx.reduction(a, p3, 2026, "APPROVED", h("30"), h("0"));
        fx.objection(c1, "OPEN");
        fx.objection(c1, "DISMISSED");
        fx.objection(c3, "UPHELD");
        fx.reduction(a, p1, 2026, "IN_REVIEW", h("99"), h("99"));
        agree(a.getId());

        // the backfill gives the same rows the fold gave, and the recount still agrees (whole jurisdiction too)
        List<Map<String, Object>> folded = jdbc.queryForList(
                "SELECT * FROM xs_rollup_person WHERE unit_id = ? ORDER BY user_id, yr", a.getId());
        assertThat(folded).isNotEmpty();
        assertThat(rollups.rebuild()).isTrue();
        assertThat(jdbc.queryForList("SELECT * FROM xs_rollup_person WHERE unit_id = ? ORDER BY user_id, yr", a.getId()))
                .isEqualTo(folded);
        agree(a.getId());
        DashboardScope jilin = new DashboardScope(2026, Set.of("JILIN"), null);
        Map<String, Requirement> req = dashboards.requirements(jilin);
        assertThat(flow.claimsByState(jilin)).isEqualTo(scan.claimsByState(jilin));
        assertThat(compliance.units(jilin, req, LocalDate.of(2026, 12, 1))).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(scan.units(jilin, req, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void claimsCarriedThroughTheLifecycleKeepTheRollupsEqualToTheRecount() {
        ClaimFixtures.Setup s = fixtures.jilin();
        long unit = s.unit().getId();
        String colleague = fx.member(s.unit(), "周", "同事");
        agree(unit);

        Claim approved = fixtures.exchange(s.employee(), 2);
        agree(unit);
        // the reviewer claims the task (holder: the assignee), gives it back (holder: the candidates), claims it again
        assertThat(flow.backlog(new DashboardScope(2026, Set.of("JILIN"), unit), LocalDateTime.now()))
                .extracting(ClaimFlowQueries.StepBacklog::open).containsExactly(1L);
        reviews.claimTask(reviewTask(approved), currentUsers.load(s.reviewer()));
        agree(unit);
        assertThat(flow.holders(new DashboardScope(2026, Set.of("JILIN"), unit), LocalDateTime.now(), 20))
                .extracting(ClaimFlowQueries.Holder::holder).containsExactly(s.reviewer());
        reviews.unclaimTask(reviewTask(approved), currentUsers.load(s.reviewer()));
        agree(unit);
        reviews.claimTask(reviewTask(approved), currentUsers.load(s.reviewer()));
        agree(unit);
        fixtures.approve(approved, s.reviewer());
        agree(unit);
        assertThat(flow.stepTimes(new DashboardScope(2026, Set.of("JILIN"), unit)))
                .extracting(ClaimFlowQueries.StepTime::taskKey).contains("reviewClaim");
        assertThat(fixtures.endPublicity(approved).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        agree(unit);

        Claim returned = fixtures.exchange(s.employee(), 1);
        reviews.decide(reviewTask(returned), currentUsers.load(s.reviewer()), decision(ReviewForm.Decision.RETURN, "请补充会议日程"));
        assertThat(fixtures.reload(returned).getStatus()).isEqualTo(ClaimStatus.RETURNED);
        agree(unit);

        Claim objected = fixtures.approve(fixtures.exchange(s.employee(), 3), s.reviewer());
        agree(unit);
        publicity.raise(objected.getId(), currentUsers.load(colleague), "该会议本人同去，仅一天");
        agree(unit);
        assertThat(flow.objections(new DashboardScope(2026, Set.of("JILIN"), unit))).containsEntry("OPEN", 1L);
        String objectionTask = tasks.createTaskQuery().processInstanceId(objected.getProcessInstanceId())
                .taskDefinitionKey(PublicityService.OBJECTION_TASK).singleResult().getId();
        publicity.handle(objectionTask, currentUsers.load(s.reviewer()), "UPHOLD", "核实为一天");
        assertThat(fixtures.reload(objected).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        agree(unit);
        // re-reviewed: a second finished review of the same claim, back in publicity
        fixtures.approve(objected, s.reviewer());
        agree(unit);
        foldEqualsRebuild(unit);

        // a reduction (减免) approved through the make-up process moves the person's compliance
        MakeupForm f = new MakeupForm();
        f.setSubmissionKey(UUID.randomUUID().toString());
        f.setYear(2026);
        f.setReason(MakeupRequest.Reason.INJURY);
        f.setRemedy(MakeupRequest.Remedy.REDUCTION);
        f.setPeriodStart(LocalDate.of(2026, 5, 1));
        f.setPeriodEnd(LocalDate.of(2026, 8, 31));
        f.setDescription("腰椎骨折住院治疗，遵医嘱休养");
        f.setRequestedPublic(h("30"));
        f.setRequestedProfessional(h("0"));
        CurrentUser me = currentUsers.load(s.employee());
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(f, "makeupForm");
        Optional<HardshipPolicy.Decision> d = makeups.validate(f, me, s.unit(), errors, null);
        assertThat(errors.getAllErrors()).isEmpty();
        MakeupRequest r = makeups.submit(f, d.orElseThrow(), me, s.unit(), List.of());
        agree(unit);
        MakeupDecisionForm decide = new MakeupDecisionForm();
        decide.setDecision(MakeupDecisionForm.Decision.APPROVE);
        makeups.decide(tasks.createTaskQuery().processInstanceId(r.getProcessInstanceId())
                .taskDefinitionKey(MakeupService.REVIEW_TASK).singleResult().getId(), currentUsers.load(s.reviewer()), decide);
        agree(unit);
        assertThat(jdbc.queryForObject("SELECT rp FROM xs_rollup_person WHERE user_id = ? AND yr = 2026", BigDecimal.class,
                s.employee())).isPositive();
    }

    @Autowired cn.xueshi.claim.ClaimWithdrawal withdrawal;

    /** 撤回 in review and in correction: the state moves to WITHDRAWN, the hours never count, both ways agree. */
    @Test
    void withdrawnClaimsKeepTheRollupsEqualToTheRecount() {
        ClaimFixtures.Setup s = fixtures.jilin();
        long unit = s.unit().getId();
        cn.xueshi.claim.WithdrawalForm reason = new cn.xueshi.claim.WithdrawalForm();
        reason.setReason("与另一份登记重复");
        CurrentUser me = currentUsers.load(s.employee());

        Claim inReview = fixtures.exchange(s.employee(), 2);
        agree(unit);
        withdrawal.withdraw(inReview.getId(), reason, me);
        assertThat(fixtures.reload(inReview).getStatus()).isEqualTo(ClaimStatus.WITHDRAWN);
        agree(unit);

        Claim returned = fixtures.returnForCorrection(fixtures.exchange(s.employee(), 3), s.reviewer());
        agree(unit);
        withdrawal.withdraw(returned.getId(), reason, me);
        agree(unit);

        Claim registered = fixtures.registeredExchange(s, 1);
        agree(unit);
        DashboardScope scope = new DashboardScope(2026, Set.of("JILIN"), unit);
        assertThat(flow.claimsByState(scope)).containsEntry("WITHDRAWN", 2L).containsEntry("REGISTERED", 1L)
                .containsEntry("IN_REVIEW", 0L);
        // only the registered day counts (8 hours of an exchange day), nothing of the two withdrawn claims
        assertThat(jdbc.queryForObject("SELECT pub + prof FROM xs_rollup_person WHERE user_id = ? AND yr = 2026",
                BigDecimal.class, s.employee())).isEqualByComparingTo(fixtures.reload(registered).getApprovedHours());
        assertThat(jdbc.queryForObject("SELECT claims FROM xs_rollup_person WHERE user_id = ? AND yr = 2026",
                Long.class, s.employee())).isEqualTo(1L);
        foldEqualsRebuild(unit);
    }

    @Test
    void aPersonWhoMovesBetweenUnitsTakesTheirFiguresAndHeadcountAlong() {
        ClaimFixtures.Setup s = fixtures.jilin();
        long from = s.unit().getId();
        Unit to = fx.unit("调入单位");
        fx.member(to, "吴", "原有");
        Claim registered = fixtures.approve(fixtures.exchange(s.employee(), 2), s.reviewer());
        fixtures.endPublicity(registered);
        agree(from);
        agree(to.getId());
        long before = jdbc.queryForObject("SELECT COALESCE(SUM(persons), 0) FROM xs_rollup_unit WHERE unit_id = ?", Long.class, from);

        // (a unit nobody belongs to has no headcount row: zero)
        // 人员流动: from the 1st of next month on the employee belongs to the other unit; the move marks the rollups
        assertThat(directory.moveToUnit(s.employee(), to.getId(), LocalDate.now().plusMonths(1).withDayOfMonth(1), "admin"))
                .isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_rollup_dirty WHERE user_id = ?", Long.class, s.employee()))
                .as("marks written by the move").isPositive();
        agree(from);
        agree(to.getId());
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(persons), 0) FROM xs_rollup_unit WHERE unit_id = ?", Long.class, from))
                .isEqualTo(before - 1);
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(persons), 0) FROM xs_rollup_unit WHERE unit_id = ?", Long.class, to.getId()))
                .isEqualTo(2L);
        assertThat(jdbc.queryForObject("SELECT unit_id FROM xs_rollup_person WHERE user_id = ? AND yr = 2026", Long.class,
                s.employee())).isEqualTo(to.getId());
        // the whole jurisdiction agrees too (units view: headcounts and compliance of both units)
        DashboardScope jilin = new DashboardScope(2026, Set.of("JILIN"), null);
        Map<String, Requirement> req = dashboards.requirements(jilin);
        assertThat(compliance.units(jilin, req, LocalDate.of(2026, 12, 1))).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(scan.units(jilin, req, LocalDate.of(2026, 12, 1)));
        foldEqualsRebuild(from, to.getId());
        // the province's time per step comes from the per-jurisdiction sums: the same counts and means as the scan
        for (int year : YEARS) {
            DashboardScope province = new DashboardScope(year, Set.of("JILIN"), null);
            assertThat(flow.stepTimes(province)).as("time per step of the province %d", year)
                    .usingRecursiveComparison().ignoringFields("p90Millis")
                    .withComparatorForType((x, y) -> Math.abs(x - y) < 1e-6 ? 0 : Double.compare(x, y), Double.class)
                    .isEqualTo(scan.stepTimes(province, buckets));
        }
    }

    /**
     * Re-review, a claim's year changed, a claim deleted with its items, objection and task history (the longest
     * review of its step and bucket: the unit row's longest must shrink), an open task claimed and given back:
     * after each, the folded rows equal the scan and a rebuild.
     */
    @Test
    void changesThatTakeFromAUnitYearKeepTheFoldEqualToARebuild() {
        Unit a = fx.unit("汇总乙");
        String p1 = fx.member(a, "郑", "一");
        String p2 = fx.member(a, "王", "二");
        LocalDateTime march = LocalDateTime.of(2026, 3, 2, 10, 0);
        long c1 = fx.claim(a, p1, 2026, null, "REGISTERED", h("10"), h("20"), march, march.plusDays(5));
        fx.item(c1, "CONFERENCE", h("10"), h("20"));
        long c2 = fx.claim(a, p2, 2026, null, "REGISTERED", h("5"), h("5"), march.plusDays(1), march.plusDays(6));
        fx.item(c2, "CONFERENCE", h("5"), h("5"));
        fx.objection(c2, "DISMISSED");
        long c3 = fx.claim(a, p2, 2026, null, "IN_REVIEW", null, null, march.plusDays(2), null);
        fx.historicTask(c1, "reviewClaim", 2L);
        fx.historicTask(c2, "reviewClaim", 3L);
        fx.historicTask(c2, "handleObjection", 4L);
        agree(a.getId());
        foldEqualsRebuild(a.getId());

        // re-reviewed: back in review, and a second finished review in its history
        jdbc.update("UPDATE xs_claim SET status = 'IN_REVIEW', registered_at = NULL WHERE id = ?", c1);
        fx.historicTask(c1, "reviewClaim", 1L);
        fx.touched(p1, 2026);
        agree(a.getId());
        foldEqualsRebuild(a.getId());

        // a claim moved to another year: it leaves 2026's rows and joins 2025's
        jdbc.update("UPDATE xs_claim SET claim_year = 2025 WHERE id = ?", c3);
        fx.touched(p2, 2025, 2026);
        agree(a.getId());

        // a claim deleted with what hangs on it: its hours, objection, days and the step's longest review go
        String process = fx.processOf(c2);
        jdbc.update("DELETE FROM xs_objection WHERE claim_id = ?", c2);
        jdbc.update("DELETE FROM xs_claim_item WHERE claim_id = ?", c2);
        jdbc.update("DELETE FROM ACT_HI_TASKINST WHERE PROC_INST_ID_ = ?", process);
        jdbc.update("DELETE FROM xs_claim WHERE id = ?", c2);
        fx.touched(p2, 2026);
        agree(a.getId());
        foldEqualsRebuild(a.getId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_rollup_part WHERE user_id = ? AND yr = 2026 AND kind = 'O'",
                Long.class, p2)).as("the deleted claim's objection part").isZero();
    }

    /**
     * The fold recounts the marked persons, not their unit-year: a claim written past the marks (no mark) is not
     * counted by a fold of another person's mark in the same unit and year — the whole-unit-year recount of before
     * would have counted it — and is counted once its own person is marked.
     */
    @Test
    void aFoldRecountsTheMarkedPersonsNotTheirWholeUnitYear() {
        Unit a = fx.unit("汇总丙");
        String marked = fx.member(a, "冯", "有标记");
        String unmarked = fx.member(a, "陈", "无标记");
        LocalDateTime march = LocalDateTime.of(2026, 3, 2, 10, 0);
        fx.claim(a, marked, 2026, null, "REGISTERED", h("10"), h("10"), march, march.plusDays(5));
        rollups.catchUp();
        jdbc.update("INSERT INTO xs_claim (claimant, unit_id, rule_set, claim_year, status, submission_key, submitted_at,"
                + " updated_at) VALUES (?, ?, 'jilin-2026', 2026, 'SUBMITTED', ?, ?, ?)", unmarked, a.getId(),
                UUID.randomUUID().toString(), java.sql.Timestamp.valueOf(march), java.sql.Timestamp.valueOf(march));
        fx.claim(a, marked, 2026, null, "SUBMITTED", null, null, march.plusDays(1), null);
        rollups.catchUp();
        DashboardScope s = new DashboardScope(2026, Set.of("JILIN"), a.getId());
        assertThat(flow.claimsByState(s)).as("only the marked person's claims were recounted")
                .containsEntry("SUBMITTED", 1L).containsEntry("REGISTERED", 1L);
        fx.touched(unmarked, 2026);
        agree(a.getId());
        assertThat(flow.claimsByState(s)).containsEntry("SUBMITTED", 2L);
    }

    /**
     * Changes committing while folds run, and two folders at once (two nodes, or a page and the schedule): the lock
     * lets one fold at a time, a mark committed after a fold read the marks (or its data) stays for the next fold,
     * and at the end the rows equal a rebuild — the parts never count a change twice or miss one.
     */
    @Test
    void changesCommittedWhileTwoNodesFoldAreAllCountedOnce() throws Exception {
        Unit a = fx.unit("汇总丁");
        List<String> persons = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            persons.add(fx.member(a, "并", "发" + i));
        }
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.concurrent.Future<?> writer = pool.submit(() -> {
                LocalDateTime march = LocalDateTime.of(2026, 3, 2, 10, 0);
                for (int i = 0; i < 40; i++) {
                    String who = persons.get(i % persons.size());
                    long c = fx.claim(a, who, 2026, null, i % 3 == 0 ? "IN_REVIEW" : "REGISTERED", h("1"), h("2"),
                            march.plusDays(i), i % 3 == 0 ? null : march.plusDays(i + 3));
                    fx.item(c, "CONFERENCE", h("1"), h("2"));
                    fx.historicTask(c, "reviewClaim", 1L + i % 30);
                    if (i % 5 == 4) {
                        jdbc.update("UPDATE xs_claim SET status = 'FILED' WHERE id = ?", c);
                        fx.touched(who, 2026);
                    }
                }
                writing.set(false);
            });
            List<java.util.concurrent.Future<?>> folders = new java.util.ArrayList<>();
            for (int f = 0; f < 2; f++) {
                folders.add(pool.submit(() -> {
                    while (writing.get()) {
                        rollups.catchUp();
                    }
                }));
            }
            writer.get(2, java.util.concurrent.TimeUnit.MINUTES);
            for (var f : folders) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        agree(a.getId());
        foldEqualsRebuild(a.getId());
        assertThat(flow.claimsByState(new DashboardScope(2026, Set.of("JILIN"), a.getId())).values().stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(40L);
    }

    /** The rollup rows and parts of these units as folded equal what a rebuild counts from the data. */
    void foldEqualsRebuild(long... units) {
        rollups.catchUp();
        Map<String, List<Map<String, Object>>> folded = rollupTables(units);
        assertThat(folded.get("xs_rollup_part")).isNotEmpty();
        assertThat(rollups.rebuild()).isTrue();
        assertThat(rollupTables(units)).as("folded rollups against a rebuild").isEqualTo(folded);
    }

    private Map<String, List<Map<String, Object>>> rollupTables(long... units) {
        String mine = " WHERE unit_id IN (" + String.join(", ", java.util.Arrays.stream(units).mapToObj(String::valueOf).toList())
                + ")";
        Map<String, List<Map<String, Object>>> rows = new java.util.TreeMap<>();
        for (String[] t : new String[][] {{"xs_rollup_person", "user_id, yr"}, {"xs_rollup_state", "unit_id, yr, status"},
                {"xs_rollup_type", "unit_id, yr, activity_type"}, {"xs_rollup_objection", "unit_id, yr, status"},
                {"xs_rollup_day", "unit_id, on_day, kind"}, {"xs_rollup_step_time", "unit_id, yr, task_key, bucket"},
                {"xs_rollup_open_task", "unit_id, yr, task_key, due"}, {"xs_rollup_holder", "unit_id, yr, holder, due"},
                {"xs_rollup_unit", "unit_id"}, {"xs_rollup_part", "user_id, yr, kind, unit_id, k, bucket, due, on_day"}}) {
            rows.put(t[0], jdbc.queryForList("SELECT * FROM " + t[0] + mine + " ORDER BY " + t[1]));
        }
        return rows;
    }

    private String reviewTask(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(fixtures.reload(claim).getProcessInstanceId())
                .taskDefinitionKey("reviewClaim").singleResult().getId();
    }

    private static ReviewForm decision(ReviewForm.Decision d, String comment) {
        ReviewForm f = new ReviewForm();
        f.setDecision(d);
        f.setComment(comment);
        return f;
    }
}
