#!/bin/sh
# scripts/cron-example.sh - refresh the effects report every night from the latest exports.
#
# crontab -e, as the user who owns the report directory:
#   15 3 * * *  /opt/ind-tools/scripts/cron-example.sh >>/var/log/ind-report.log 2>&1
#
# Each step is atomic (ind-load -o and ind-report -o replace their output only on success),
# so a web server always serves a complete report, the old one if tonight's run failed.
set -eu
EXPORTS=${EXPORTS:-/srv/exports}          # PxWeb, Sotkanet and own CSV exports land here
WORK=${WORK:-/var/lib/ind-report}         # canonical stream and configuration
OUT=${OUT:-/srv/www/vaikutukset}          # what the web server shows
PATH=/usr/local/bin:/usr/bin:/bin

ind-load --rejects "$WORK/rejects.csv" -o "$WORK/indicators.csv" "$EXPORTS"/*.csv "$EXPORTS"/*.csv.gz
ind-report --quiet --config "$WORK/report.conf" -o "$OUT"
