package cn.xueshi.importing;

/** What an import brings in: past years' records, a provider's class completions, or an activity's roster. */
public enum ImportKind {
    HISTORY,          // 历史学时导入
    PROVIDER_REPORT,  // 继续教育机构报送
    ACTIVITY_ROSTER   // 单位组织活动的参加人员
}
