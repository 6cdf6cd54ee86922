package cn.xueshi.selfstudy;

/**
 * Someone else established or closed the same archive between this person's page and their click (the version or
 * the primary key refused the write): told in Chinese on the page, never a 500.
 */
class ArchiveChanged extends RuntimeException {

    ArchiveChanged() {
        super("self-study archive changed meanwhile");
    }
}
