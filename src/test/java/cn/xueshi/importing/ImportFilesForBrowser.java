package cn.xueshi.importing;

import java.util.ArrayList;
import java.util.List;

/** Roster sheets for the browser test (in the template's Chinese headers). */
public final class ImportFilesForBrowser {

    private ImportFilesForBrowser() {
    }

    public static byte[] roster(List<List<String>> rows) throws java.io.IOException {
        List<List<Object>> cells = new ArrayList<>();
        rows.forEach(r -> cells.add(new ArrayList<>(r)));
        return ImportFiles.xlsx(List.of("用户名", "姓名", "本人参数"), cells);
    }
}
