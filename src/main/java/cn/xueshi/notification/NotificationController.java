package cn.xueshi.notification;

import cn.xueshi.identity.CurrentUserService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/** 标为已读 / 全部标为已读 on the home page (POST with the CSRF token; only the reader's own notifications). */
@Controller
class NotificationController {

    private final CurrentUserService currentUsers;
    private final Notifications notifications;

    NotificationController(CurrentUserService currentUsers, Notifications notifications) {
        this.currentUsers = currentUsers;
        this.notifications = notifications;
    }

    @PostMapping("/notifications/{id}/read")
    String markRead(@PathVariable long id) {
        if (!notifications.markRead(currentUsers.current(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/#notifications";
    }

    @PostMapping("/notifications/read")
    String markAllRead() {
        notifications.markAllRead(currentUsers.current());
        return "redirect:/";
    }
}
