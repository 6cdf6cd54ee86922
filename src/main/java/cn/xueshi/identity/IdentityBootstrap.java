package cn.xueshi.identity;

import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes sure the product's groups exist, that camunda-admin may do everything in the Camunda
 * webapps, and that there is a first administrator. Idempotent: runs on every start.
 */
@Component
public class IdentityBootstrap {

    /** Passwords nobody may run production with. */
    static final Set<String> FORBIDDEN_PASSWORDS = Set.of("demo", "admin", "password", "changeme", "123456",
            "12345678", "camunda");
    static final int MIN_PASSWORD_LENGTH = 8;

    // Map.ofEntries: Map.of takes at most 10 pairs
    private static final java.util.Map<String, String> GROUP_NAMES = java.util.Map.ofEntries(
            java.util.Map.entry(Groups.EMPLOYEE, "专业技术人员"),
            java.util.Map.entry(Groups.REVIEWER, "用人单位审核人"),
            java.util.Map.entry(Groups.BUREAU, "人社局/主管部门"),
            java.util.Map.entry(Groups.ANALYST, "规则维护"),
            java.util.Map.entry(Groups.SUPERVISOR, "监督"),
            java.util.Map.entry(Groups.ADMIN, "管理员"),
            java.util.Map.entry(Groups.INTEGRATION, "系统对接（只读）"),
            java.util.Map.entry(Groups.RULE_MAINTAINER, "规则维护（主管部门/单位）"),
            java.util.Map.entry(Groups.DEPARTMENT, "行业主管部门"),
            java.util.Map.entry(Groups.PROVIDER, "继续教育机构"),
            java.util.Map.entry(Groups.ORGANISER, "单位活动组织者"));

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final AdminProperties admin;
    private final boolean demoData;

    public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
            AdminProperties admin, @Value("${xueshi.demo-data.enabled:false}") boolean demoData) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.admin = admin;
        this.demoData = demoData;
        // fail before the application accepts traffic, not later
        if (!demoData) {
            requireProductionPassword(admin);
        }
    }

    /** Refuses a missing, short or well-known administrator password outside the demo profile. */
    static void requireProductionPassword(AdminProperties admin) {
        if (admin == null || admin.username() == null || admin.username().isBlank()) {
            throw new IllegalStateException("xueshi.admin.username (XUESHI_ADMIN_USERNAME) must be set");
        }
        String pw = admin.password();
        if (pw == null || pw.isBlank()) {
            throw new IllegalStateException(
                    "The first administrator's password is missing: set XUESHI_ADMIN_PASSWORD");
        }
        if (FORBIDDEN_PASSWORDS.contains(pw.toLowerCase(Locale.ROOT)) || pw.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("The administrator password is a default or shorter than "
                    + MIN_PASSWORD_LENGTH + " characters: set a real XUESHI_ADMIN_PASSWORD");
        }
    }

    @jakarta.annotation.PostConstruct
    void ensure() {
        for (String groupId : Groups.ALL) {
            ensureGroup(groupId);
        }
        grantAdminEverything();
        ensureAdminUser();
    }

    private void ensureGroup(String groupId) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group g = identityService.newGroup(groupId);
            g.setName(GROUP_NAMES.get(groupId));
            g.setType(Groups.ADMIN.equals(groupId) ? "SYSTEM" : "WORKFLOW");
            identityService.saveGroup(g);
        }
    }

    private void grantAdminEverything() {
        for (Resource resource : Resources.values()) {
            if (authorizationService.createAuthorizationQuery().groupIdIn(Groups.ADMIN)
                    .resourceType(resource).resourceId(Authorization.ANY).count() == 0) {
                Authorization a = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                a.setGroupId(Groups.ADMIN);
                a.setResource(resource);
                a.setResourceId(Authorization.ANY);
                a.addPermission(Permissions.ALL);
                authorizationService.saveAuthorization(a);
            }
        }
    }

    private void ensureAdminUser() {
        String id = admin.username();
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User u = identityService.newUser(id);
            u.setFirstName(demoData ? "管理员" : "Administrator");
            u.setLastName(demoData ? "系统" : "");
            u.setPassword(admin.password());
            u.setEmail(id + "@xueshi.example");
            identityService.saveUser(u);
        }
        if (identityService.createUserQuery().userId(id).memberOfGroup(Groups.ADMIN).count() == 0) {
            identityService.createMembership(id, Groups.ADMIN);
        }
    }
}
