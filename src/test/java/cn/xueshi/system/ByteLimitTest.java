package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.xueshi.evidence.EvidenceContent;
import cn.xueshi.evidence.EvidenceProperties;
import cn.xueshi.evidence.EvidenceRejected;
import cn.xueshi.evidence.EvidenceStore;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;

/**
 * Every byte limit shown to people goes through {@link ByteLimit}: a sub-MB limit reads "512 B" or "100 KB", never
 * "0 MB" (evidence files, rule documents, imports; the calendar upload did so already).
 */
@org.junit.jupiter.api.Tag("no-database")
class ByteLimitTest {

    static ResourceBundleMessageSource messages(String basename) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename(basename);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void aLimitIsShownInTheLargestWholeUnit() {
        assertThat(ByteLimit.shown(512)).isEqualTo("512 B");
        assertThat(ByteLimit.shown(1536)).isEqualTo("1536 B");
        assertThat(ByteLimit.shown(DataSize.ofKilobytes(100))).isEqualTo("100 KB");
        assertThat(ByteLimit.shown(DataSize.ofMegabytes(10))).isEqualTo("10 MB");
        assertThat(ByteLimit.shown(DataSize.ofKilobytes(1536))).isEqualTo("1536 KB");
        assertThat(ByteLimit.shown(0)).isEqualTo("0 B");
    }

    @Test
    void aSubMegabyteEvidenceLimitIsNamedAsConfigured() {
        EvidenceProperties limits = new EvidenceProperties(512, 10, 60_000_000);
        EvidenceStore store = new EvidenceStore(null, limits, new EvidenceContent(limits));
        EvidenceRejected e = catchThrowableOfType(EvidenceRejected.class, () -> store.check(
                List.of(new MockMultipartFile("files", "证书.pdf", "application/pdf", new byte[513])), 0));
        assertThat(messages("i18n/claim").getMessage(e.messageKey(), e.args(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("文件“证书.pdf”超过 512 B，请压缩后再上传");

        EvidenceRejected one = catchThrowableOfType(EvidenceRejected.class,
                () -> store.checkOne("通知.pdf", new byte[100 * 1024 + 1], 100 * 1024, java.util.Set.of()));
        assertThat(messages("i18n/claim").getMessage(one.messageKey(), one.args(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("文件“通知.pdf”超过 100 KB，请压缩后再上传");
    }

    @Test
    void theImportAndDocumentHintsCarryTheShownLimit() {
        assertThat(messages("i18n/import").getMessage("import.file.tooLarge", new Object[] {ByteLimit.shown(512)},
                Locale.SIMPLIFIED_CHINESE)).isEqualTo("文件超过 512 B，请拆分后分批导入");
        assertThat(messages("i18n/import").getMessage("import.intro", new Object[] {ByteLimit.shown(512), 100},
                Locale.SIMPLIFIED_CHINESE)).contains("文件最大 512 B、100 行").doesNotContain("MB");
        assertThat(messages("i18n/hierarchy").getMessage("hierarchy.document.hint",
                new Object[] {ByteLimit.shown(2048)}, Locale.SIMPLIFIED_CHINESE)).contains("不超过 2 KB；");
        assertThat(messages("i18n/claim").getMessage("evidence.error.requestTooLarge",
                new Object[] {ByteLimit.shown(512)}, Locale.SIMPLIFIED_CHINESE)).contains("不超过 512 B");
    }
}
