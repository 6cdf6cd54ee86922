package cn.xueshi.importing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code xueshi.imports.*}: the largest file and row count an import takes, from how many rows it runs in the
 * background, how often progress is written, how many report lines a page shows. Limits of the product, not rules.
 */
@ConfigurationProperties("xueshi.imports")
public record ImportProperties(long maxFileBytes, int maxRows, int backgroundRows, int progressEvery,
        int reportLines, int maxTextLength) {
}
