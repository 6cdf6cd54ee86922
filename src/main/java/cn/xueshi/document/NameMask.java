package cn.xueshi.document;

/** Masks a person's name for public pages, keeping the family name (张伟 → 张*, 欧阳娜娜 → 欧阳**). */
final class NameMask {

    static String mask(String fullName, String familyName) {
        if (fullName == null || fullName.isBlank()) {
            return "*";
        }
        String name = fullName.strip();
        int keep = familyName != null && !familyName.isBlank() && name.startsWith(familyName.strip())
                ? familyName.strip().codePointCount(0, familyName.strip().length())
                : 1;
        int total = name.codePointCount(0, name.length());
        int masked = Math.max(1, total - keep);
        int end = name.offsetByCodePoints(0, Math.min(keep, total));
        return name.substring(0, end) + "*".repeat(masked);
    }

    private NameMask() {
    }
}
