package cn.xueshi.identity;

import java.util.List;

/** The Camunda identity groups that are the product's roles. */
public final class Groups {

    public static final String EMPLOYEE = "employee";       // 专业技术人员
    public static final String REVIEWER = "reviewer";       // 用人单位审核人
    public static final String BUREAU = "bureau";           // 人社局 / 主管部门
    public static final String ANALYST = "analyst";         // 规则维护
    public static final String SUPERVISOR = "supervisor";   // 监督
    public static final String ADMIN = "camunda-admin";     // 管理员
    /** 规则维护（主管部门/单位）: maintains the derived rule set of their department or unit only (xs_rule_maintainer) */
    public static final String RULE_MAINTAINER = "rulemaintainer";
    /** 主管部门: department staff who file (备案) their units' derived rules (xs_department_member) */
    public static final String DEPARTMENT = "department";
    /** 系统对接: accounts of other systems; read-only (GET) on /engine-rest, within their Camunda authorizations. */
    public static final String INTEGRATION = "integration";
    /** 继续教育机构: accounts of a training provider the bureau registered; report their classes' completions. */
    public static final String PROVIDER = "provider";
    /** 单位活动组织者: creates unit activities and their rosters for the units granted (xs_unit_organiser); no review. */
    public static final String ORGANISER = "organiser";

    public static final List<String> ALL = List.of(EMPLOYEE, REVIEWER, BUREAU, ANALYST, SUPERVISOR, ADMIN, INTEGRATION,
            RULE_MAINTAINER, DEPARTMENT, PROVIDER, ORGANISER);

    /** Spring Security authority for a group: ROLE_ + group id. */
    public static String authority(String groupId) {
        return "ROLE_" + groupId;
    }

    private Groups() {
    }
}
