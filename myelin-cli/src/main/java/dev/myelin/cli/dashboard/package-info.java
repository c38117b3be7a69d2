/**
 * {@code myelin dashboard}: a local, read-only web server (Javalin) over a directory of runs. It serves one page
 * (ECharts, bundled at build time) with the runs table, live loss and metric curves (server-sent events from each
 * run's history.csv), the confusion matrix, the run's pictures and text samples, and a search's trials.
 */
package dev.myelin.cli.dashboard;
