package cn.xueshi.identity;

/** 单位类型. The type decides, in some rule sets, who verifies a claim (Anhui art. 14). */
public enum UnitType {
    STATE_OWNED,   // 国有企事业单位
    NON_PUBLIC,    // 非公有制企业
    SOCIAL_ORG,    // 社会团体
    FREELANCE,     // 自由职业
    GOVERNMENT     // 机关
}
