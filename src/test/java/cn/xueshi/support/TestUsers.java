package cn.xueshi.support;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.identity.UnitType;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Builds people and units for a test; ids are unique so tests can share one database. */
@Component
public class TestUsers {

    public static final String PASSWORD = "secret-pw";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final IdentityService identityService;
    private final UnitRepository units;
    private final Directory directory;

    public TestUsers(IdentityService identityService, UnitRepository units, Directory directory) {
        this.identityService = identityService;
        this.units = units;
        this.directory = directory;
    }

    /** A fresh unique id made of letters and digits (Camunda's id pattern). */
    public static String uniqueId(String prefix) {
        return prefix + SEQ.incrementAndGet() + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    public String user(String prefix, String lastName, String firstName, String... groups) {
        String id = uniqueId(prefix);
        User u = identityService.newUser(id);
        u.setLastName(lastName);
        u.setFirstName(firstName);
        u.setPassword(PASSWORD);
        identityService.saveUser(u);
        for (String g : groups) {
            identityService.createMembership(id, g);
        }
        return id;
    }

    public Unit unit(String name, UnitType type, String jurisdiction, String ruleSet) {
        String code = uniqueId("T").toUpperCase();
        return units.save(new Unit(code, name, type, jurisdiction, ruleSet, "测试主管部门"));
    }

    public String member(Unit unit, String lastName, String firstName) {
        String id = user("emp", lastName, firstName, "employee");
        directory.assignToUnit(id, unit.getId());
        return id;
    }

    public String reviewerOf(Unit unit, String lastName, String firstName) {
        String id = user("rev", lastName, firstName, "reviewer");
        directory.assignReviewer(id, unit.getId());
        return id;
    }
}
