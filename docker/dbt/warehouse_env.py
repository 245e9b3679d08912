"""Turns the warehouse secret into shell exports; the container's entrypoint evaluates them.

Reads DBT_WAREHOUSE_CREDENTIALS (ECS injects the whole Secrets Manager secret there): one JSON
object whose top-level fields are environment variables for dbt, e.g.
{"SNOWFLAKE_ACCOUNT": "acme-prod", "SNOWFLAKE_PASSWORD": "..."}. Prints one
`export NAME='value'` line per field on stdout, quoted for sh, for the entrypoint to `eval`;
stderr names the variables, never a value. Values are strings (numbers and booleans are written
as JSON writes them). Exit status: 0 when every field is exported, 2 when the secret is not such
an object (nothing is exported then).
"""

import json
import os
import re
import shlex
import sys

SOURCE = "DBT_WAREHOUSE_CREDENTIALS"
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# What the pipeline and the entrypoint set, and what would change which programs run.
RESERVED = {
    SOURCE,
    "ARTIFACTS_BUCKET",
    "ORCHESTRATOR_RUN_ID",
    "PUBLISH_MANIFEST",
    "PUBLISH_MANIFEST_TARGET",
    "FETCH_PRODUCTION_MANIFEST",
    "PRODUCTION_STATE_DIR",
    "DBT_TARGET_PATH",
    "DBT_PROFILES_DIR",
    "UPLOAD_ARTIFACTS_CMD",
    "METRIC_NAMESPACE",
    "RUN_METRICS_CMD",
    "PATH",
    "HOME",
    "IFS",
    "SHELL",
}
RESERVED_PREFIXES = ("LD_", "PYTHON", "AWS_", "ECS_")
FIX = "store one JSON object of environment variables, e.g. {\"SNOWFLAKE_PASSWORD\": \"...\"}"


def log(message):
    # Every line names the run (ORCHESTRATOR_RUN_ID), as the entrypoint's do.
    run_id = os.environ.get("ORCHESTRATOR_RUN_ID", "")
    print("warehouse_env%s: %s" % (" [runId=%s]" % run_id if run_id else "", message), file=sys.stderr, flush=True)


def exports(text):
    """The export lines for the secret's text; raises ValueError naming what is wrong (never a value)."""
    try:
        fields = json.loads(text)
    except ValueError:
        raise ValueError(SOURCE + " is not JSON: " + FIX) from None
    if not isinstance(fields, dict):
        raise ValueError(SOURCE + " is a JSON " + type(fields).__name__ + ", not an object: " + FIX)
    problems = []
    lines = []
    for name, value in fields.items():
        if not NAME.match(name):
            problems.append(repr(name) + " is not an environment variable name")
        elif name in RESERVED or name.startswith(RESERVED_PREFIXES):
            problems.append(name + " is set by the pipeline or the image, not by the warehouse secret")
        elif isinstance(value, bool):
            lines.append("export " + name + "=" + shlex.quote("true" if value else "false"))
        elif isinstance(value, (str, int, float)):
            lines.append("export " + name + "=" + shlex.quote(value if isinstance(value, str) else json.dumps(value)))
        else:
            problems.append(name + " must be a string, a number or a boolean")
    if problems:
        raise ValueError(SOURCE + ": " + "; ".join(problems))
    return sorted(fields), lines


def main():
    try:
        names, lines = exports(os.environ.get(SOURCE, ""))
    except ValueError as error:
        log(str(error))
        return 2
    if names:
        log("warehouse credentials: " + ", ".join(names))
    else:
        log(SOURCE + " holds no fields: fill the warehouse secret (stack output WarehouseSecretArn)")
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
