package cn.xueshi.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * After sign-in a person lands on their home page, as always, unless they came through a task's form link
 * (Camunda Tasklist's "open form": a form key, {@link #TASK_FORM_PATH}; see task.TaskForm): then the link is followed, so the task opens after
 * the product's login. Only those links are followed: any other saved address still goes home.
 */
public class TaskLinkLoginSuccess implements AuthenticationSuccessHandler {

    /** Where every task form key points (task.TaskForm): {@code /task-form/<form>?taskId=…}. */
    public static final String TASK_FORM_PATH = "/task-form/";

    private final RequestCache cache = new HttpSessionRequestCache();
    private final SimpleUrlAuthenticationSuccessHandler home = new SimpleUrlAuthenticationSuccessHandler("/");

    public TaskLinkLoginSuccess() {
        home.setAlwaysUseDefaultTargetUrl(true);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, jakarta.servlet.ServletException {
        SavedRequest saved = cache.getRequest(request, response);
        if (saved != null && isTaskLink(request, saved.getRedirectUrl())) {
            cache.removeRequest(request, response);
            new DefaultRedirectStrategy().sendRedirect(request, response, saved.getRedirectUrl());
            return;
        }
        home.onAuthenticationSuccess(request, response, authentication);
    }

    private static boolean isTaskLink(HttpServletRequest request, String url) {
        try {
            String path = URI.create(url).getPath();
            return path != null && path.startsWith(request.getContextPath() + TASK_FORM_PATH);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
