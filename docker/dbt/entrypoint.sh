#!/bin/sh
# Runs `dbt "$@"` (default: `dbt build`), then uploads target/run_results.json and
# target/manifest.json to s3://$ARTIFACTS_BUCKET/runs/$ORCHESTRATOR_RUN_ID/, whatever dbt's
# outcome, and exits with dbt's own exit code (0 success, 1 handled errors, 2 unhandled error).
# An upload that fails is logged and never changes that code. Before dbt starts, the warehouse
# secret (DBT_WAREHOUSE_CREDENTIALS) becomes one environment variable per field.
#
# Environment:
#   DBT_WAREHOUSE_CREDENTIALS a JSON object of environment variables for dbt (ECS injects the
#                             warehouse secret here); each field is exported under its own name
#                             by warehouse_env.py, beside this script, and the variable itself is
#                             unset. Only names are logged, never values. Not such an object:
#                             dbt does not start, exit 2
#   ARTIFACTS_BUCKET          bucket for the artifacts; unset: nothing is uploaded
#   ORCHESTRATOR_RUN_ID       the run's id (the pipeline sets it); unset: nothing is uploaded
#   PUBLISH_MANIFEST=true     also copy manifest.json to s3://$ARTIFACTS_BUCKET/latest/ when dbt
#                             succeeds for the production target, so PR builds can
#                             `--defer --state` against it
#   PUBLISH_MANIFEST_TARGET   the production target's name (default prod); the target must be
#                             named explicitly, by --target/-t or DBT_TARGET
#   FETCH_PRODUCTION_MANIFEST=true
#                             before dbt, download s3://$ARTIFACTS_BUCKET/latest/manifest.json
#                             into $PRODUCTION_STATE_DIR (default prod-state), for PR builds run
#                             with `--defer --state prod-state`
#   DBT_TARGET_PATH           dbt's target folder (default target)
#   UPLOAD_ARTIFACTS_CMD      the artifact tool (default: python3 /app/upload_artifacts.py),
#                             called as `... s3://bucket/prefix/ FILE...` to upload and as
#                             `... --fetch s3://bucket/key DIR` to download
#   METRIC_NAMESPACE          after dbt, print the run's figures (DbtDurationSeconds,
#                             DbtFailedNodes) as one CloudWatch embedded-metric line on stdout in
#                             this namespace (the pipeline sets it); unset: no metrics line
#   RUN_METRICS_CMD           the metrics tool (default: python3 /app/run_metrics.py), called as
#                             `... RUN_RESULTS DURATION_SECONDS EXIT_CODE`
set -eu

# Every line names the run, so one Logs Insights query finds it next to the Lambdas' lines.
log() {
  printf 'entrypoint%s: %s\n' "${ORCHESTRATOR_RUN_ID:+ [runId=$ORCHESTRATOR_RUN_ID]}" "$*" >&2
}

# `docker run image dbt run` and `docker run image run` both work.
if [ "$#" -gt 0 ] && [ "$1" = dbt ]; then
  shift
fi
if [ "$#" -eq 0 ]; then
  set -- build
fi

# The warehouse secret, one variable per field. The helper prints sh-quoted `export` lines for
# `eval` (never echoed) and logs only the names.
if [ -n "${DBT_WAREHOUSE_CREDENTIALS:-}" ]; then
  if ! warehouse_exports=$(python3 "$(dirname "$0")/warehouse_env.py"); then
    log "dbt not started: the warehouse secret cannot be used"
    exit 2
  fi
  eval "$warehouse_exports"
  unset warehouse_exports
fi
unset DBT_WAREHOUSE_CREDENTIALS

# The target named on the command line (the last one wins, as in dbt), else DBT_TARGET.
target=${DBT_TARGET:-}
previous=
for arg in "$@"; do
  case $previous in
    --target | -t) target=$arg ;;
  esac
  case $arg in
    --target=*) target=${arg#--target=} ;;
  esac
  previous=$arg
done

# The artifact tool; word splitting of the command is intended: it is a command line.
artifacts() {
  # shellcheck disable=SC2086
  ${UPLOAD_ARTIFACTS_CMD:-python3 /app/upload_artifacts.py} "$@"
}

run_id=${ORCHESTRATOR_RUN_ID:-}
bucket=${ARTIFACTS_BUCKET:-}
target_path=${DBT_TARGET_PATH:-target}

if [ "${FETCH_PRODUCTION_MANIFEST:-false}" = true ]; then
  state_dir=${PRODUCTION_STATE_DIR:-prod-state}
  if [ -z "$bucket" ]; then
    log "ARTIFACTS_BUCKET is not set: the production manifest is not fetched"
  elif artifacts --fetch "s3://$bucket/latest/manifest.json" "$state_dir"; then
    log "production manifest fetched into $state_dir/"
  else
    log "fetching s3://$bucket/latest/manifest.json failed (exit $?); dbt runs without it"
  fi
fi

# Artifacts left in the image or by an earlier process must not pass for this run's.
rm -f "$target_path/run_results.json" "$target_path/manifest.json"

# dbt runs as a child so that a stop (ECS sends SIGTERM to PID 1) reaches it and the artifacts
# are still uploaded afterwards. dbt gets SIGTERM for INT too: a background child of a
# non-interactive shell ignores SIGINT.
child=
stop=
# shellcheck disable=SC2317 # called by the traps below
on_signal() {
  stop=$1
  log "received SIG$1; stopping dbt"
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
  fi
}
trap 'on_signal TERM' TERM
trap 'on_signal INT' INT
started=$(date +%s)
dbt "$@" &
child=$!
# A signal that arrived before the child's pid was known.
if [ -n "$stop" ]; then
  kill -TERM "$child" 2>/dev/null || true
fi
while :; do
  status=0
  wait "$child" || status=$?
  # Above 128: a trapped signal interrupted `wait` (or dbt died of a signal); while dbt is still
  # there, wait for its own exit code.
  if [ "$status" -gt 128 ] && kill -0 "$child" 2>/dev/null; then
    continue
  fi
  break
done
# The traps stay: a signal during the upload is logged, and the upload (bounded by its retries)
# still finishes.
log "dbt exited with $status"

# A metrics line that cannot be printed is logged and never changes dbt's exit code.
if [ -n "${METRIC_NAMESPACE:-}" ]; then
  # shellcheck disable=SC2086 # a command line, split on purpose
  ${RUN_METRICS_CMD:-python3 /app/run_metrics.py} "$target_path/run_results.json" "$(($(date +%s) - started))" "$status" ||
    log "printing the metrics line failed (exit $?)"
fi

if [ -z "$bucket" ]; then
  log "ARTIFACTS_BUCKET is not set: artifacts are not uploaded"
elif [ -z "$run_id" ]; then
  log "ORCHESTRATOR_RUN_ID is not set: artifacts are not uploaded"
else
  case $run_id in
    *[!A-Za-z0-9._-]* | . | ..)
      log "ORCHESTRATOR_RUN_ID '$run_id' is not a safe S3 key segment: artifacts are not uploaded"
      ;;
    *)
      # dbt's arguments are no longer needed: the positional parameters collect the files.
      set --
      for name in run_results.json manifest.json; do
        if [ -f "$target_path/$name" ]; then
          set -- "$@" "$target_path/$name"
        else
          log "$target_path/$name not found: not uploaded"
        fi
      done
      if [ "$#" -gt 0 ]; then
        if artifacts "s3://$bucket/runs/$run_id/" "$@"; then
          log "artifacts uploaded to s3://$bucket/runs/$run_id/"
        else
          log "artifact upload to s3://$bucket/runs/$run_id/ failed (exit $?); dbt's exit code $status stands"
        fi
      fi

      if [ "${PUBLISH_MANIFEST:-false}" = true ]; then
        production=${PUBLISH_MANIFEST_TARGET:-prod}
        if [ "$status" -ne 0 ]; then
          log "not publishing the manifest: dbt exited with $status"
        elif [ "$target" != "$production" ]; then
          log "not publishing the manifest: target '${target:-<profile default>}' is not '$production' (name it with --target or DBT_TARGET)"
        elif [ ! -f "$target_path/manifest.json" ]; then
          log "not publishing the manifest: $target_path/manifest.json not found"
        elif artifacts "s3://$bucket/latest/" "$target_path/manifest.json"; then
          log "manifest published to s3://$bucket/latest/manifest.json"
        else
          log "publishing the manifest to s3://$bucket/latest/ failed (exit $?); dbt's exit code $status stands"
        fi
      fi
      ;;
  esac
fi

exit "$status"
