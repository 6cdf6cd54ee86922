package cn.xueshi.identity;

/**
 * A person is no longer a member of an industry department (xs_department_member): published in the transaction that
 * removed the row, so the capabilities whose open tasks name department members (the claims a department reviews,
 * the rule filings it decides) take the person off them in the same transaction.
 */
public record DepartmentMemberRemoved(String userId, String departmentCode) {
}
