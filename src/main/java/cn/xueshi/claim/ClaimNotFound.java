package cn.xueshi.claim;

import cn.xueshi.system.NotFound;

/** No such claim, or not one the signed-in person may see: both answer 404 so ids reveal nothing. */
public class ClaimNotFound extends NotFound {
}
