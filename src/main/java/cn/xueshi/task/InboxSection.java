package cn.xueshi.task;

import cn.xueshi.paging.ListPage;

import cn.xueshi.paging.PageRequest;

import cn.xueshi.identity.CurrentUser;

/**
 * One kind of open human task a capability owns, as the reviewer's inbox ({@code /review}) lists it
 * above the claims to review. The inbox asks every bean of this type and knows none of them, so a
 * capability with human steps (publicity's objections today) appears there without the inbox
 * depending on it. Sections are shown in {@link #order()} and only when they have entries.
 */
public interface InboxSection {

    /** The HTML id of the section (kept stable: pages and tests find it by id). */
    String id();

    /** Message key of the section's heading. */
    String headingKey();

    /** Sort position among the sections, lowest first. */
    default int order() {
        return 0;
    }

    /**
     * One page of the person's open tasks of this kind, paged in the database in one query
     * ({@link TaskSql}); tasks that end while being read are simply not on the page.
     */
    ListPage<InboxEntry> openFor(CurrentUser me, PageRequest request);
}
