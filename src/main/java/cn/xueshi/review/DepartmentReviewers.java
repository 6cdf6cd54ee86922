package cn.xueshi.review;

import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.DirectoryAudit;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.JurisdictionRepository;
import cn.xueshi.system.InLists;
import cn.xueshi.system.NotFound;
import cn.xueshi.variable.ProcessVariables;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reviewers of the industry departments (行业部门审核人, 青人社字〔2023〕14号 五): the members of a department
 * (xs_department_member) who are in the reviewer group. Adding or removing one moves the department's open work at
 * once — the candidates of the open review and objection tasks of the claims routed to it, and each claim's
 * {@code reviewers} variable (the candidates of the next objection, the overdue reminder) — so a change takes effect
 * for tasks already waiting, not only for claims routed later. The last reviewer is not removed while the department
 * has open claims: nobody could act on them.
 */
@Service
public class DepartmentReviewers {

    static final String SOURCE = "ADMIN";
    /** The lifecycle's tasks whose candidates are the claim's reviewers (candidateUsers="${reviewers}"). */
    static final String[] REVIEWERS_TASKS = {ReviewService.REVIEW_TASK, "handleObjection"};
    /** States in which the department's reviewers act (review) or may be asked to (an objection in publicity). */
    static final List<String> OPEN = List.of(ClaimStatus.IN_REVIEW.name(), ClaimStatus.IN_PUBLICITY.name());
    private static final String OPEN_CLAIMS = "FROM xs_claim WHERE reviewer_kind = 'DEPARTMENT' AND reviewer_department = ?"
            + " AND status IN ('" + String.join("', '", OPEN) + "')";

    private final JdbcTemplate jdbc;
    private final Directory directory;
    private final DirectoryAudit audit;
    private final IdentityService identity;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final JurisdictionRepository jurisdictions;

    DepartmentReviewers(JdbcTemplate jdbc, Directory directory, DirectoryAudit audit, IdentityService identity,
            TaskService tasks, RuntimeService runtime, JurisdictionRepository jurisdictions) {
        this.jurisdictions = jurisdictions;
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
        this.identity = identity;
        this.tasks = tasks;
        this.runtime = runtime;
    }

    /** A department of the hierarchy with how many reviewers and open claims it has. */
    public record DepartmentRow(String code, String name, String jurisdiction, String level, int reviewers,
            int members, long openClaims) {
    }

    /** A member of a department: a reviewer (in the reviewer group) or a rule-filing member only. */
    public record Member(String userId, String name, boolean reviewer) {
    }

    /** Every department, by jurisdiction and code: three statements, whatever the number of departments. */
    public List<DepartmentRow> departments() {
        Map<String, List<String>> members = new HashMap<>();
        jdbc.query("SELECT department_code, user_id FROM xs_department_member", rs -> {
            members.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
        });
        Map<String, Long> open = new HashMap<>();
        jdbc.query("SELECT reviewer_department, COUNT(*) FROM xs_claim WHERE reviewer_kind = 'DEPARTMENT' AND status IN ('"
                + String.join("', '", OPEN) + "') GROUP BY reviewer_department", rs -> {
                    open.put(rs.getString(1), rs.getLong(2));
                });
        Set<String> reviewers = reviewerGroup();
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        Map<String, String> places = new HashMap<>();
        jurisdictions.findAll().forEach(j -> places.put(j.getCode(), j.name(locale)));
        return jdbc.query("SELECT code, name_zh, jurisdiction, level FROM xs_department ORDER BY jurisdiction, code",
                (rs, i) -> {
                    List<String> m = members.getOrDefault(rs.getString(1), List.of());
                    return new DepartmentRow(rs.getString(1), rs.getString(2),
                            places.getOrDefault(rs.getString(3), rs.getString(3)), rs.getString(4),
                            (int) m.stream().filter(reviewers::contains).count(), m.size(),
                            open.getOrDefault(rs.getString(1), 0L));
                });
    }

    /** One department, or not found (an unknown or over-long code in the URL). */
    public DepartmentRow department(String code) {
        if (code == null || code.length() > 40) {
            throw new NotFound();
        }
        return departments().stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow(NotFound::new);
    }

    /** The department's members, reviewers first, then by user name. */
    public List<Member> members(String code) {
        Set<String> reviewers = reviewerGroup();
        List<String> ids = directory.departmentMembers(code);
        Map<String, String> names = directory.displayNames(ids);
        return ids.stream().map(id -> new Member(id, names.get(id), reviewers.contains(id)))
                .sorted(java.util.Comparator.comparing((Member m) -> !m.reviewer()).thenComparing(Member::userId))
                .toList();
    }

    /** How many claims routed to the department are in review or in publicity. */
    public long openClaims(String code) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) " + OPEN_CLAIMS, Long.class, code);
        return n == null ? 0 : n;
    }

    /** The latest changes of the department's members, newest first. */
    public List<DirectoryAudit.Entry> history(String code, int limit) {
        return audit.ofDepartment(code, limit);
    }

    /**
     * Makes {@code userId} a reviewer of the department: a known person in the reviewer group, not yet a member.
     * They become a candidate of the department's open review and objection tasks in this transaction.
     */
    @Transactional
    public void add(CurrentUser me, String code, String userId) {
        lock(code);
        String who = userId == null ? "" : userId.trim();
        if (who.isEmpty()) {
            throw new DepartmentRefused("userId", "department.admin.error.required");
        }
        if (who.length() > 64 || identity.createUserQuery().userId(who).count() == 0) {
            throw new DepartmentRefused("userId", "department.admin.error.unknownUser", who);
        }
        if (!reviewerGroup().contains(who)) {
            throw new DepartmentRefused("userId", "department.admin.error.notReviewer", directory.displayName(who));
        }
        if (directory.departmentMembers(code).contains(who)) {
            throw new DepartmentRefused("userId", "department.admin.error.already", directory.displayName(who));
        }
        directory.addToDepartment(who, code);
        audit.record(me.userId(), who, DirectoryAudit.DEPARTMENT_MEMBER, "", code, SOURCE);
        moveOpenWork(code, who, true);
    }

    /**
     * Ends {@code userId}'s membership of the department: as its reviewer and, the same row, as its rule-filing
     * member (hierarchy takes them off the open filings it decides). Refused for the last reviewer while the
     * department has open claims; not found for someone who is no member.
     */
    @Transactional
    public void remove(CurrentUser me, String code, String userId) {
        lock(code);
        if (userId == null || !directory.departmentMembers(code).contains(userId)) {
            throw new NotFound();
        }
        List<String> reviewers = directory.departmentReviewers(code);
        if (reviewers.size() == 1 && reviewers.contains(userId)) {
            long open = openClaims(code);
            if (open > 0) {
                throw new DepartmentRefused("remove", "department.admin.error.lastReviewer",
                        directory.displayName(userId), open);
            }
        }
        directory.removeFromDepartment(userId, code);
        audit.record(me.userId(), userId, DirectoryAudit.DEPARTMENT_MEMBER, code, "", SOURCE);
        moveOpenWork(code, userId, false);
    }

    /**
     * The open claims of the department follow a change of its reviewers: the person becomes (or stops being) a
     * candidate of their review and objection tasks (a task they had claimed is released), and each claim's
     * {@code reviewers} variable is the department's reviewers now.
     */
    private void moveOpenWork(String code, String userId, boolean added) {
        List<String> instances = jdbc.queryForList("SELECT process_instance_id " + OPEN_CLAIMS
                + " AND process_instance_id IS NOT NULL", String.class, code);
        if (instances.isEmpty()) {
            return;
        }
        var now = ProcessVariables.candidates(directory.departmentReviewers(code));
        for (List<String> part : InLists.parts(instances)) {
            for (Task t : tasks.createTaskQuery().processInstanceIdIn(part.toArray(String[]::new))
                    .taskDefinitionKeyIn(REVIEWERS_TASKS).list()) {
                if (added) {
                    tasks.addCandidateUser(t.getId(), userId);
                } else {
                    tasks.deleteCandidateUser(t.getId(), userId);
                    if (userId.equals(t.getAssignee())) {
                        tasks.setAssignee(t.getId(), null);
                    }
                }
            }
        }
        Set<String> running = new HashSet<>();
        for (List<String> part : InLists.parts(instances)) {
            runtime.createProcessInstanceQuery().processInstanceIds(new HashSet<>(part)).list()
                    .forEach(p -> running.add(p.getId()));
        }
        running.forEach(id -> runtime.setVariable(id, "reviewers", now));
    }

    private void lock(String code) {
        if (code == null || code.length() > 40 || !directory.lockDepartment(code)) {
            throw new NotFound();
        }
    }

    private Set<String> reviewerGroup() {
        Set<String> ids = new HashSet<>();
        identity.createUserQuery().memberOfGroup(Groups.REVIEWER).list().forEach(u -> ids.add(u.getId()));
        return ids;
    }

    Optional<String> nameOf(String code) {
        return directory.departmentName(code);
    }
}
