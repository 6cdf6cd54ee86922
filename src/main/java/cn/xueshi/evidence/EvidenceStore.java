package cn.xueshi.evidence;

import cn.xueshi.clock.BusinessClock;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Keeps evidence files in the database (checked by content, size-limited, SHA-256 recorded).
 * Files of a form that failed validation are kept as pending under the form's submission key
 * and attached to the claim once it is submitted. Callers check who may see a claim.
 */
@Service
public class EvidenceStore {

    private static final String COLUMNS =
            "id, claim_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at";
    private static final RowMapper<EvidenceFile> ROW = (rs, i) -> new EvidenceFile(rs.getLong("id"),
            (Long) rs.getObject("claim_id", Long.class), rs.getString("file_name"), rs.getString("content_type"),
            rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("uploaded_by"),
            rs.getTimestamp("uploaded_at").toInstant());

    private final JdbcTemplate jdbc;
    private final EvidenceProperties limits;
    private final EvidenceContent fileCheck;

    public EvidenceStore(JdbcTemplate jdbc, EvidenceProperties limits, EvidenceContent fileCheck) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.fileCheck = fileCheck;
    }

    /**
     * A file the person chose: it has a name or bytes. A browser sends an empty part without a name
     * for an empty file input; a chosen file of 0 bytes is refused with a message, not dropped.
     */
    public static boolean chosen(MultipartFile file) {
        return !file.isEmpty() || (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank());
    }

    public EvidenceProperties limits() {
        return limits;
    }

    /**
     * Checks every file before keeping any: size, type by content (the file must open as that type:
     * see {@link EvidenceContent}), and the count with those already kept.
     */
    public List<byte[]> check(List<MultipartFile> files, int alreadyKept) {
        List<MultipartFile> real = chosenOnly(files);
        if (alreadyKept + real.size() > limits.maxFiles()) {
            throw new EvidenceRejected("evidence.error.tooMany", limits.maxFiles());
        }
        return real.stream().map(this::checked).toList();
    }

    private byte[] checked(MultipartFile file) {
        String name = displayName(file);
        if (file.getSize() > limits.maxFileBytes()) {
            throw new EvidenceRejected("evidence.error.tooLarge", name, cn.xueshi.system.ByteLimit.shown(limits.maxFileBytes()));
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new EvidenceRejected("evidence.error.unreadable", name);
        }
        fileCheck.verify(name, bytes);
        return bytes;
    }

    /**
     * Keeps the files under the form's submission key. A file whose content the form already brought
     * (a double submit, a second click, the same file chosen twice) is not stored again; two requests
     * racing with the same file meet the unique constraint (submission key, SHA-256) and the later one
     * fails as a conflict instead of adding a copy.
     */
    @Transactional
    public void keepPending(String submissionKey, List<MultipartFile> files, String uploader) {
        List<byte[]> contents = check(files, pending(submissionKey).size());
        List<MultipartFile> real = chosenOnly(files);
        for (int i = 0; i < real.size(); i++) {
            byte[] content = contents.get(i);
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM xs_evidence WHERE submission_key = ? AND sha256 = ?",
                    Integer.class, submissionKey, sha256(content));
            if (known != null && known == 0) {
                long id = insert(null, submissionKey, displayName(real.get(i)), content, uploader);
                jdbc.update("UPDATE xs_evidence SET submission_key = ? WHERE id = ?", submissionKey, id);
            }
        }
    }

    @Transactional
    public void keep(long claimId, List<MultipartFile> files, String uploader) {
        List<byte[]> contents = check(files, forClaim(claimId).size());
        List<MultipartFile> real = chosenOnly(files);
        for (int i = 0; i < real.size(); i++) {
            insert(claimId, null, displayName(real.get(i)), contents.get(i), uploader);
        }
    }

    /** Evidence of a hardship request (medical certificate …): same checks, kept against the request. */
    @Transactional
    public void keepForMakeup(long requestId, List<MultipartFile> files, String uploader) {
        List<byte[]> contents = check(files, forMakeup(requestId).size());
        List<MultipartFile> real = chosenOnly(files);
        for (int i = 0; i < real.size(); i++) {
            long id = insert(null, null, displayName(real.get(i)), contents.get(i), uploader);
            jdbc.update("UPDATE xs_evidence SET makeup_request_id = ? WHERE id = ?", requestId, id);
        }
    }

    public List<EvidenceFile> forMakeup(long requestId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_evidence WHERE makeup_request_id = ? ORDER BY id", ROW,
                requestId);
    }

    public Optional<EvidenceFile> findForMakeup(long requestId, long evidenceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_evidence WHERE id = ? AND makeup_request_id = ?", ROW,
                evidenceId, requestId).stream().findFirst();
    }

    /**
     * Checks one file against a limit of its own (a rule filing's supporting document, xueshi.hierarchy.document.*):
     * given, at most {@code maxBytes}, and opening as one of {@code kinds}. Nothing is kept. A chosen file of 0 bytes
     * is "empty", not "missing".
     */
    public void checkOne(String name, byte[] content, long maxBytes, java.util.Set<FileKind> kinds) {
        if (content == null) {
            throw new EvidenceRejected("evidence.error.missing");
        }
        if (content.length > maxBytes) {
            throw new EvidenceRejected("evidence.error.tooLarge", name, cn.xueshi.system.ByteLimit.shown(maxBytes));
        }
        FileKind kind = fileCheck.verify(name, content);
        if (!kinds.contains(kind)) {
            throw new EvidenceRejected("evidence.error.kindNotAllowed", name,
                    String.join("、", kinds.stream().map(Enum::name).sorted().toList()));
        }
    }

    /** The file name a browser's upload is kept under (no path, at most 200 characters). */
    public static String fileName(MultipartFile file) {
        return displayName(file);
    }

    /**
     * Keeps the one supporting document of a rule-set version, replacing the one it had (a resubmission after
     * 退回); the caller checked it ({@link #checkOne}) and who may file. Same transaction as the caller's.
     */
    @Transactional
    public long keepForRuleSetVersion(long versionId, String fileName, byte[] content, String uploader) {
        jdbc.update("DELETE FROM xs_evidence WHERE rule_set_version_id = ?", versionId);
        long id = insert(null, null, fileName, content, uploader);
        jdbc.update("UPDATE xs_evidence SET rule_set_version_id = ? WHERE id = ?", versionId, id);
        return id;
    }

    public Optional<EvidenceFile> forRuleSetVersion(long versionId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_evidence WHERE rule_set_version_id = ?", ROW, versionId)
                .stream().findFirst();
    }

    public long insert(Long claimId, String pendingKey, String fileName, byte[] content, String uploader) {
        FileKind kind = fileCheck.verify(fileName, content);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO xs_evidence (claim_id, pending_key, file_name, content_type, "
                    + "size_bytes, sha256, content, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setObject(1, claimId);
            ps.setString(2, pendingKey);
            ps.setString(3, fileName);
            ps.setString(4, kind.contentType());
            ps.setLong(5, content.length);
            ps.setString(6, sha256(content));
            ps.setBytes(7, content);
            ps.setString(8, uploader);
            ps.setTimestamp(9, Timestamp.from(BusinessClock.now()));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    /**
     * Which of these submissions have files waiting (uploaded by {@code uploader}, not yet on a claim): one query
     * per {@link cn.xueshi.system.InLists} part, so a commit of many claims (a roster: its keys no form ever used) issues an
     * {@link #attachPending} only where there is something to attach.
     */
    public java.util.Set<String> withPending(List<String> submissionKeys, String uploader) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (List<String> part : cn.xueshi.system.InLists.parts(submissionKeys)) {
            List<Object> args = new java.util.ArrayList<>(part);
            args.add(uploader);
            out.addAll(jdbc.queryForList("SELECT DISTINCT pending_key FROM xs_evidence WHERE pending_key IN ("
                    + cn.xueshi.system.InLists.placeholders(part.size()) + ") AND uploaded_by = ? AND claim_id IS NULL",
                    String.class, args.toArray()));
        }
        return out;
    }

    /** Moves the pending files of a submission (uploaded by {@code uploader}) onto its claim. */
    @Transactional
    public int attachPending(String submissionKey, String uploader, long claimId) {
        return jdbc.update("UPDATE xs_evidence SET claim_id = ?, pending_key = NULL "
                + "WHERE pending_key = ? AND uploaded_by = ? AND claim_id IS NULL", claimId, submissionKey, uploader);
    }

    @Transactional
    public void discardPending(String submissionKey, String uploader, long evidenceId) {
        jdbc.update("DELETE FROM xs_evidence WHERE id = ? AND pending_key = ? AND uploaded_by = ? AND claim_id IS NULL",
                evidenceId, submissionKey, uploader);
    }

    @Transactional
    public void remove(long claimId, long evidenceId) {
        jdbc.update("DELETE FROM xs_evidence WHERE id = ? AND claim_id = ?", evidenceId, claimId);
    }

    public List<EvidenceFile> pending(String submissionKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_evidence WHERE pending_key = ? AND claim_id IS NULL ORDER BY id",
                ROW, submissionKey);
    }

    /** The claim's files: its own and those it shares (an activity's notice, sign-in sheet), in upload order. */
    public List<EvidenceFile> forClaim(long claimId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_evidence WHERE claim_id = ? OR id IN "
                + "(SELECT evidence_id FROM xs_claim_evidence WHERE claim_id = ?) ORDER BY id", ROW, claimId, claimId);
    }

    public Optional<EvidenceFile> find(long claimId, long evidenceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_evidence WHERE id = ? AND (claim_id = ? OR id IN "
                + "(SELECT evidence_id FROM xs_claim_evidence WHERE claim_id = ?))", ROW, evidenceId, claimId, claimId)
                .stream().findFirst();
    }

    /**
     * Evidence of a unit activity (notice, sign-in sheet): the same checks, stored once against the activity;
     * {@link #share} makes it part of attendees' claims. Answers the new files' ids.
     */
    @Transactional
    public List<Long> keepForActivity(long activityId, List<MultipartFile> files, String uploader) {
        List<byte[]> contents = check(files, forActivity(activityId).size());
        List<MultipartFile> real = chosenOnly(files);
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < real.size(); i++) {
            long id = insert(null, null, displayName(real.get(i)), contents.get(i), uploader);
            jdbc.update("UPDATE xs_evidence SET activity_id = ? WHERE id = ?", activityId, id);
            ids.add(id);
        }
        return ids;
    }

    public List<EvidenceFile> forActivity(long activityId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_evidence WHERE activity_id = ? ORDER BY id", ROW,
                activityId);
    }

    public Optional<EvidenceFile> findForActivity(long activityId, long evidenceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_evidence WHERE id = ? AND activity_id = ?", ROW,
                evidenceId, activityId).stream().findFirst();
    }

    /** References every file of the activity from each of the claims (no copy; already referenced ones stay). */
    @Transactional
    public void share(long activityId, List<Long> claimIds) {
        List<Long> files = jdbc.queryForList("SELECT id FROM xs_evidence WHERE activity_id = ?", Long.class,
                activityId);
        share(files, claimIds);
    }

    /** References the files from each of the claims, in batches (a roster of 1,000 is one round trip per 500). */
    @Transactional
    public void share(List<Long> evidenceIds, List<Long> claimIds) {
        if (evidenceIds.isEmpty() || claimIds.isEmpty()) {
            return;
        }
        List<Object[]> links = new java.util.ArrayList<>();
        for (long claim : claimIds) {
            for (long file : evidenceIds) {
                links.add(new Object[] {claim, file, claim, file});
            }
        }
        jdbc.batchUpdate("INSERT INTO xs_claim_evidence (claim_id, evidence_id) SELECT ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM xs_claim_evidence WHERE claim_id = ? AND evidence_id = ?)", links);
    }

    public byte[] content(long evidenceId) {
        return jdbc.queryForObject("SELECT content FROM xs_evidence WHERE id = ?", (rs, i) -> rs.getBytes(1), evidenceId);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MultipartFile> chosenOnly(List<MultipartFile> files) {
        return files == null ? List.of() : files.stream().filter(EvidenceStore::chosen).toList();
    }

    private static String displayName(MultipartFile f) {
        String name = f.getOriginalFilename();
        if (name == null || name.isBlank()) {
            return "file";
        }
        name = name.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
