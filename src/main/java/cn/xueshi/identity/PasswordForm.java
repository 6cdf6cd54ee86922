package cn.xueshi.identity;

/** The fields of /account/password; never echoed back into the page. */
public class PasswordForm {

    private String current;
    private String password;
    private String confirm;

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirm() {
        return confirm;
    }

    public void setConfirm(String confirm) {
        this.confirm = confirm;
    }
}
