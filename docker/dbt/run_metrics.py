"""Prints the dbt run's figures as one CloudWatch embedded-metric-format (EMF) line on stdout.

Usage: run_metrics.py RUN_RESULTS DURATION_SECONDS EXIT_CODE

The container's log driver sends stdout to CloudWatch Logs, which extracts the metrics from the
line: no CloudWatch permission, no agent. Metrics, in the namespace $METRIC_NAMESPACE, without
dimensions: DbtDurationSeconds (how long dbt ran) and DbtFailedNodes (nodes that ended `error` or
`fail`; left out when RUN_RESULTS is missing or unreadable, e.g. dbt crashed before writing it).
The run id ($ORCHESTRATOR_RUN_ID) and dbt's exit code are plain properties of the line, for Logs
Insights. Exit status: 0 when the line was printed, 2 on bad usage.
"""

import json
import os
import sys
import time

USAGE = "usage: run_metrics.py RUN_RESULTS DURATION_SECONDS EXIT_CODE"
FAILED_STATUSES = {"error", "fail", "runtime error"}


def log(message):
    # Every line names the run (ORCHESTRATOR_RUN_ID), as the entrypoint's do.
    run_id = os.environ.get("ORCHESTRATOR_RUN_ID", "")
    print("run_metrics%s: %s" % (" [runId=%s]" % run_id if run_id else "", message), file=sys.stderr, flush=True)


def failed_nodes(path):
    """Nodes of run_results.json that failed, or None when the file cannot be read as one."""
    try:
        with open(path, encoding="utf-8") as handle:
            results = json.load(handle)["results"]
        return sum(1 for result in results if result.get("status") in FAILED_STATUSES)
    except FileNotFoundError:
        log(path + " not found: DbtFailedNodes is not reported")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        log("%s is not a run_results file (%s: %s): DbtFailedNodes is not reported" % (path, type(error).__name__, error))
    return None


def metrics_line(namespace, run_id, duration_seconds, exit_code, failed, now_ms):
    values = {"DbtDurationSeconds": duration_seconds}
    units = {"DbtDurationSeconds": "Seconds"}
    if failed is not None:
        values["DbtFailedNodes"] = failed
        units["DbtFailedNodes"] = "Count"
    line = {
        "_aws": {
            "Timestamp": now_ms,
            "CloudWatchMetrics": [
                {"Namespace": namespace, "Dimensions": [[]], "Metrics": [{"Name": name, "Unit": units[name]} for name in values]}
            ],
        },
        "message": "Metrics",
        "dbtExitCode": exit_code,
    }
    if run_id:
        line["runId"] = run_id
    line.update(values)
    return line


def main(argv):
    namespace = os.environ.get("METRIC_NAMESPACE", "").strip()
    if len(argv) != 3 or not namespace:
        log(USAGE + " (with METRIC_NAMESPACE set)")
        return 2
    try:
        duration = float(argv[1])
        exit_code = int(argv[2])
    except ValueError:
        log(USAGE + ": DURATION_SECONDS and EXIT_CODE must be numbers, got %r and %r" % (argv[1], argv[2]))
        return 2
    line = metrics_line(namespace, os.environ.get("ORCHESTRATOR_RUN_ID", ""), duration, exit_code, failed_nodes(argv[0]), int(time.time() * 1000))
    print(json.dumps(line, separators=(",", ":")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
