/**
 * Paging of the product's lists, read from raw request parameters and answered by the database one page at a time:
 * a floor below every package (it depends on nothing), so identity's people list and the task lists share it.
 */
package cn.xueshi.paging;
