package cn.xueshi.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to which unit, who reviews which units and who oversees which jurisdictions.
 * People and groups come from Camunda's identity service; the links are the project's own tables.
 */
@Service
public class Directory {

    private final IdentityService identityService;
    private final UnitRepository units;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    public Directory(IdentityService identityService, UnitRepository units, JdbcTemplate jdbc,
            ApplicationEventPublisher events) {
        this.identityService = identityService;
        this.units = units;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Makes the person a member of the unit (xs_person) and tells the listeners, in this transaction. */
    private void setUnit(String userId, long unitId) {
        List<Long> before = jdbc.queryForList("SELECT unit_id FROM xs_person WHERE user_id = ?", Long.class, userId);
        jdbc.update("DELETE FROM xs_person WHERE user_id = ?", userId);
        jdbc.update("INSERT INTO xs_person (user_id, unit_id) VALUES (?, ?)", userId, unitId);
        events.publishEvent(new PersonUnitChanged(userId, before.isEmpty() ? null : before.get(0), unitId));
    }

    public Optional<Unit> unitOf(String userId) {
        List<Long> ids = jdbc.queryForList("SELECT unit_id FROM xs_person WHERE user_id = ?", Long.class, userId);
        return ids.isEmpty() ? Optional.empty() : units.findById(ids.get(0));
    }

    /** A person's unit, the units they review and the jurisdictions they oversee: what {@link #scopeOf} reads. */
    public record Scope(Optional<Unit> unit, List<Unit> reviewedUnits, Set<String> jurisdictions) {
    }

    /**
     * {@link #unitOf}, {@link #unitsReviewedBy} and {@link #jurisdictionsOverseenBy} in two statements instead of
     * five: the three links in one UNION and the units they name in one read. Every signed-in request resolves
     * its person once ({@code CurrentUserService}), so these statements are paid on each request of each person
     * (issue 16: the lifecycle over HTTP spent ~9 % of a node's CPU there).
     */
    public Scope scopeOf(String userId) {
        record Link(String kind, Long unitId, String jurisdiction) {
        }
        List<Link> links = jdbc.query("SELECT 'P', unit_id, NULL FROM xs_person WHERE user_id = ?"
                        + " UNION ALL SELECT 'R', unit_id, NULL FROM xs_reviewer_unit WHERE user_id = ?"
                        + " UNION ALL SELECT 'O', NULL, jurisdiction FROM xs_oversight WHERE user_id = ?",
                (r, i) -> new Link(r.getString(1), r.getObject(2) == null ? null : r.getLong(2), r.getString(3)),
                userId, userId, userId);
        Set<Long> ids = new TreeSet<>();
        links.stream().filter(l -> l.unitId() != null).forEach(l -> ids.add(l.unitId()));
        java.util.Map<Long, Unit> byId = new java.util.HashMap<>();
        unitsByIds(ids).forEach(u -> byId.put(u.getId(), u));
        Optional<Unit> unit = links.stream().filter(l -> "P".equals(l.kind())).map(l -> byId.get(l.unitId()))
                .filter(java.util.Objects::nonNull).findFirst();
        List<Unit> reviewed = links.stream().filter(l -> "R".equals(l.kind())).map(l -> byId.get(l.unitId()))
                .filter(java.util.Objects::nonNull).distinct()
                .sorted((a, b) -> a.getCode().compareTo(b.getCode())).toList();
        Set<String> jurisdictions = new TreeSet<>();
        links.stream().filter(l -> "O".equals(l.kind())).forEach(l -> jurisdictions.add(l.jurisdiction()));
        return new Scope(unit, reviewed, jurisdictions);
    }

    public List<Unit> unitsReviewedBy(String userId) {
        List<Long> ids = jdbc.queryForList(
                "SELECT unit_id FROM xs_reviewer_unit WHERE user_id = ? ORDER BY unit_id", Long.class, userId);
        return unitsByIds(ids).stream().sorted((a, b) -> a.getCode().compareTo(b.getCode())).toList();
    }

    /**
     * The units of these ids: one by the entity manager's find (most people have just their own unit), several by a
     * JPQL string whose plan Hibernate keeps — not {@code findAllById}, which builds a criteria query on each call.
     */
    private List<Unit> unitsByIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() == 1) {
            return units.findById(ids.iterator().next()).stream().toList();
        }
        return units.byIds(ids);
    }

    public Set<String> jurisdictionsOverseenBy(String userId) {
        return new TreeSet<>(jdbc.queryForList(
                "SELECT jurisdiction FROM xs_oversight WHERE user_id = ?", String.class, userId));
    }

    public List<String> membersOf(long unitId) {
        return jdbc.queryForList("SELECT user_id FROM xs_person WHERE unit_id = ? ORDER BY user_id",
                String.class, unitId);
    }

    public List<String> reviewersOf(long unitId) {
        return jdbc.queryForList("SELECT user_id FROM xs_reviewer_unit WHERE unit_id = ? ORDER BY user_id",
                String.class, unitId);
    }

    /** Members of {@code group} who oversee {@code jurisdiction} (the bureau or supervisors there). */
    public List<String> overseers(String jurisdiction, String group) {
        List<String> covering = jdbc.queryForList(
                "SELECT user_id FROM xs_oversight WHERE jurisdiction = ? ORDER BY user_id", String.class, jurisdiction);
        if (covering.isEmpty()) {
            return List.of();
        }
        Set<String> inGroup = new TreeSet<>();
        identityService.createUserQuery().memberOfGroup(group).list().forEach(u -> inGroup.add(u.getId()));
        return covering.stream().filter(inGroup::contains).toList();
    }

    /**
     * The person's title series (职称系列, e.g. HEALTH), or "" when none is recorded: review-routing's
     * titleSeries input (青岛 2023 五). The codes are the configured {@code xueshi.title-series} (TitleSeries).
     */
    public String titleSeriesOf(String userId) {
        List<String> s = jdbc.queryForList("SELECT series FROM xs_person_title_series WHERE user_id = ?",
                String.class, userId);
        return s.isEmpty() ? "" : s.get(0);
    }

    /** Records the person's title series; blank removes it. */
    @Transactional
    public void setTitleSeries(String userId, String series) {
        jdbc.update("DELETE FROM xs_person_title_series WHERE user_id = ?", userId);
        if (series != null && !series.isBlank()) {
            jdbc.update("INSERT INTO xs_person_title_series (user_id, series) VALUES (?, ?)", userId, series);
        }
    }

    /**
     * Changes the person's title series from {@code expected} to {@code next} ("" or null: none) in one statement
     * that only succeeds while the record still says {@code expected}: false when someone changed it in between (a
     * race the caller answers with a message), so an audit row's old value is always what was replaced.
     */
    @Transactional
    public boolean changeTitleSeries(String userId, String expected, String next) {
        String from = expected == null ? "" : expected;
        String to = next == null ? "" : next.trim();
        if (from.equals(to)) {
            return from.equals(titleSeriesOf(userId));
        }
        if (from.isEmpty()) {
            try {
                return jdbc.update("INSERT INTO xs_person_title_series (user_id, series) VALUES (?, ?)", userId, to) == 1;
            } catch (org.springframework.dao.DuplicateKeyException recordedMeanwhile) {
                return false;
            }
        }
        if (to.isEmpty()) {
            return jdbc.update("DELETE FROM xs_person_title_series WHERE user_id = ? AND series = ?", userId, from) == 1;
        }
        return jdbc.update("UPDATE xs_person_title_series SET series = ? WHERE user_id = ? AND series = ?",
                to, userId, from) == 1;
    }

    /** Whether the department exists in the hierarchy (xs_department). */
    public boolean departmentExists(String code) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xs_department WHERE code = ?", Integer.class, code);
        return n != null && n > 0;
    }

    /**
     * The reviewers of an industry department: its members (xs_department_member) who are in the reviewer group.
     * They review the claims review-routing sends to the department (reviewerKind DEPARTMENT).
     */
    public List<String> departmentReviewers(String departmentCode) {
        if (departmentCode == null) {
            return List.of();
        }
        List<String> members = jdbc.queryForList("SELECT user_id FROM xs_department_member WHERE department_code = ? "
                + "ORDER BY user_id", String.class, departmentCode);
        if (members.isEmpty()) {
            return List.of();
        }
        Set<String> inGroup = new TreeSet<>();
        identityService.createUserQuery().memberOfGroup(Groups.REVIEWER).list().forEach(u -> inGroup.add(u.getId()));
        return members.stream().filter(inGroup::contains).toList();
    }

    /**
     * Adds the person to the department (xs_department_member), once. A new member is told to the listeners in this
     * transaction ({@link DepartmentMemberAdded}), so open tasks that name the department's members name them too.
     */
    @Transactional
    public void addToDepartment(String userId, String departmentCode) {
        int was = jdbc.update("DELETE FROM xs_department_member WHERE user_id = ? AND department_code = ?", userId,
                departmentCode);
        jdbc.update("INSERT INTO xs_department_member (user_id, department_code) VALUES (?, ?)", userId, departmentCode);
        if (was == 0) {
            events.publishEvent(new DepartmentMemberAdded(userId, departmentCode));
        }
    }

    /** The department's Chinese name (xs_department.name_zh), or empty when there is no such department. */
    public Optional<String> departmentName(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT name_zh FROM xs_department WHERE code = ?", String.class, code).stream()
                .findFirst();
    }

    /**
     * Every member of the department (xs_department_member), in or out of the reviewer group: the one row is both
     * the department's review membership (with the reviewer group) and its rule-filing authority (hierarchy's
     * FilingAuthority reads all members).
     */
    public List<String> departmentMembers(String departmentCode) {
        return jdbc.queryForList("SELECT user_id FROM xs_department_member WHERE department_code = ? ORDER BY user_id",
                String.class, departmentCode);
    }

    /**
     * Locks the department's row until the transaction ends, so that two administrators changing its members at
     * the same time are served one after the other (the last-reviewer check then sees the other's change).
     */
    public boolean lockDepartment(String code) {
        return !jdbc.queryForList("SELECT code FROM xs_department WHERE code = ? FOR UPDATE", String.class, code)
                .isEmpty();
    }

    /**
     * Ends the person's membership of the department (xs_department_member): as its reviewer and as its rule-filing
     * authority, which are the same row. Tells the listeners in this transaction ({@link DepartmentMemberRemoved}),
     * so open tasks that still name the person follow. False when they were no member.
     */
    @Transactional
    public boolean removeFromDepartment(String userId, String departmentCode) {
        int n = jdbc.update("DELETE FROM xs_department_member WHERE user_id = ? AND department_code = ?", userId,
                departmentCode);
        if (n > 0) {
            events.publishEvent(new DepartmentMemberRemoved(userId, departmentCode));
        }
        return n > 0;
    }

    /** A unit's name (for owners of derived rule sets). */
    public Optional<String> unitName(long unitId) {
        return units.findById(unitId).map(Unit::getName);
    }

    public Optional<String> unitJurisdiction(long unitId) {
        return units.findById(unitId).map(Unit::getJurisdiction);
    }

    public long memberCount(long unitId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM xs_person WHERE unit_id = ?", Long.class, unitId);
        return n == null ? 0 : n;
    }

    @Transactional
    public void assignToUnit(String userId, long unitId) {
        setUnit(userId, unitId);
        // an assignment without a date (set-up, demo, tests) replaces the open membership's unit
        Integer open = jdbc.queryForObject("SELECT COUNT(*) FROM xs_membership WHERE user_id = ? AND to_date IS NULL",
                Integer.class, userId);
        if (open == null || open == 0) {
            jdbc.update("INSERT INTO xs_membership (user_id, unit_id) VALUES (?, ?)", userId, unitId);
        } else {
            jdbc.update("UPDATE xs_membership SET unit_id = ? WHERE user_id = ? AND to_date IS NULL", unitId, userId);
        }
    }

    /** One membership of a person: from (null: since before the history) to (null: open). */
    public record Membership(String userId, long unitId, java.time.LocalDate from, java.time.LocalDate to,
            String movedBy) {
    }

    /** The person's memberships, the earliest first. */
    public List<Membership> memberships(String userId) {
        return jdbc.query("SELECT user_id, unit_id, from_date, to_date, moved_by FROM xs_membership WHERE user_id = ? "
                        + "ORDER BY CASE WHEN from_date IS NULL THEN 0 ELSE 1 END, from_date, id",
                (rs, i) -> new Membership(rs.getString(1), rs.getLong(2),
                        rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getString(5)), userId);
    }

    /**
     * Everyone who belonged to the unit at some time of {@code year} (its members now and those who moved in or out
     * during the year), for the unit's year summary and filing: each unit sees its own members' periods.
     */
    public List<String> membersDuring(long unitId, int year) {
        // a current member without any history row (data loaded around Directory) still counts as a member
        return jdbc.queryForList("SELECT user_id FROM xs_membership WHERE unit_id = ? "
                        + "AND (from_date IS NULL OR from_date <= ?) AND (to_date IS NULL OR to_date >= ?) "
                        + "UNION SELECT p.user_id FROM xs_person p WHERE p.unit_id = ? "
                        + "AND NOT EXISTS (SELECT 1 FROM xs_membership m WHERE m.user_id = p.user_id) ORDER BY 1",
                String.class, unitId, java.sql.Date.valueOf(java.time.LocalDate.of(year, 12, 31)),
                java.sql.Date.valueOf(java.time.LocalDate.of(year, 1, 1)), unitId);
    }

    /** The latest moves (memberships with a start date), newest first. */
    public List<Membership> recentMoves(int limit) {
        return jdbc.query("SELECT user_id, unit_id, from_date, to_date, moved_by FROM xs_membership "
                        + "WHERE from_date IS NOT NULL ORDER BY moved_at DESC, id DESC",
                (rs, i) -> new Membership(rs.getString(1), rs.getLong(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getString(5)), new Object[] {})
                .stream().limit(limit).toList();
    }

    /**
     * 人员流动: from {@code from} on the person belongs to {@code unitId}; the open membership ends the day before.
     * Claims stay with the unit that reviewed them. Refused (false) when {@code from} is not after the start of
     * the open membership.
     */
    @Transactional
    public boolean moveToUnit(String userId, long unitId, java.time.LocalDate from, String by) {
        List<java.sql.Date> started = jdbc.queryForList(
                "SELECT from_date FROM xs_membership WHERE user_id = ? AND to_date IS NULL", java.sql.Date.class, userId);
        if (!started.isEmpty() && started.get(0) != null && !from.isAfter(started.get(0).toLocalDate())) {
            return false;
        }
        jdbc.update("UPDATE xs_membership SET to_date = ? WHERE user_id = ? AND to_date IS NULL",
                java.sql.Date.valueOf(from.minusDays(1)), userId);
        jdbc.update("INSERT INTO xs_membership (user_id, unit_id, from_date, moved_by, moved_at) VALUES (?, ?, ?, ?, ?)",
                userId, unitId, java.sql.Date.valueOf(from), by, java.sql.Timestamp.from(cn.xueshi.clock.BusinessClock.now()));
        setUnit(userId, unitId);
        return true;
    }

    @Transactional
    public void assignReviewer(String userId, long unitId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xs_reviewer_unit WHERE user_id = ? AND unit_id = ?",
                Integer.class, userId, unitId);
        if (n == null || n == 0) {
            jdbc.update("INSERT INTO xs_reviewer_unit (user_id, unit_id) VALUES (?, ?)", userId, unitId);
        }
    }

    @Transactional
    public void assignOversight(String userId, String jurisdiction) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xs_oversight WHERE user_id = ? AND jurisdiction = ?",
                Integer.class, userId, jurisdiction);
        if (n == null || n == 0) {
            jdbc.update("INSERT INTO xs_oversight (user_id, jurisdiction) VALUES (?, ?)", userId, jurisdiction);
        }
    }

    /** Chinese order: family name then given name, no space (王芳); falls back to the id. */
    public String displayName(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return user == null ? userId : displayName(user);
    }

    /**
     * The display names of several people in one query, for lists that show a name per row (a claim's history, the
     * moves, rule-set versions, proofs): a name looked up per row was one identity query per row (the claim page's
     * history was ~3 % of a node's CPU under the lifecycle driver). Unknown ids map to themselves, as
     * {@link #displayName(String)} does; null ids are left out.
     */
    public Map<String, String> displayNames(Collection<String> userIds) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : userIds) {
            if (id != null) {
                wanted.add(id);
            }
        }
        Map<String, String> names = new HashMap<>();
        if (wanted.isEmpty()) {
            return names;
        }
        for (User user : identityService.createUserQuery().userIdIn(wanted.toArray(String[]::new)).list()) {
            names.put(user.getId(), displayName(user));
        }
        for (String id : wanted) {
            names.putIfAbsent(id, id);
        }
        return names;
    }

    /** The family name alone (for masking on public pages), or null when there is none. */
    public String familyName(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return user == null || user.getLastName() == null || user.getLastName().isBlank() ? null
                : user.getLastName().trim();
    }

    public static String displayName(User user) {
        String last = user.getLastName() == null ? "" : user.getLastName();
        String first = user.getFirstName() == null ? "" : user.getFirstName();
        String name = (last + first).trim();
        return name.isEmpty() ? user.getId() : name;
    }

    public Set<String> groupsOf(String userId) {
        Set<String> groups = new TreeSet<>();
        for (Group g : identityService.createGroupQuery().groupMember(userId).list()) {
            groups.add(g.getId());
        }
        return groups;
    }
}
