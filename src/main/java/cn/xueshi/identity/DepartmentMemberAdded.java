package cn.xueshi.identity;

/**
 * A person has become a member of an industry department (xs_department_member): published in the transaction that
 * added the row, so the capabilities whose open tasks name the department's members (the rule filings it decides)
 * name the newcomer too, in the same transaction — a filing waiting for the department is not left to the members
 * it had when it was submitted.
 */
public record DepartmentMemberAdded(String userId, String departmentCode) {
}
