package cn.xueshi.hierarchy;

import cn.xueshi.evidence.FileKind;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on the supporting document of a rule filing (备案文件, xueshi.hierarchy.document.*): the largest file and
 * the kinds accepted (by content: PDF, JPEG, PNG), so an authority can change them without a release.
 */
@ConfigurationProperties("xueshi.hierarchy.document")
public record FilingDocumentLimits(long maxFileBytes, Set<FileKind> kinds) {

    public FilingDocumentLimits {
        kinds = kinds == null || kinds.isEmpty() ? Set.of(FileKind.PDF) : Set.copyOf(kinds);
    }
}
