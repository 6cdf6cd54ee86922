package cn.xueshi.importing;

/** What an import brings in: past years' records, a provider's class completions, an activity's roster, or title series. */
public enum ImportKind {
    HISTORY,          // 历史学时导入
    PROVIDER_REPORT,  // 继续教育机构报送
    ACTIVITY_ROSTER,  // 单位组织活动的参加人员
    TITLE_SERIES      // 人员职称系列
}
