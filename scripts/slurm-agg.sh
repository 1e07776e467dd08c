#!/bin/sh
#SBATCH --job-name=ind-agg-shard
#SBATCH --array=0-99%20
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=01:00:00
#SBATCH --output=%x-%A_%a.log
# scripts/slurm-agg.sh - one ind-agg --partial per shard, as a Slurm job array; the merge runs after.
#
#   ls /data/shards/*.csv.gz >shards.txt; mkdir -p parts
#   jid=$(sbatch --parsable --array=0-$(($(wc -l <shards.txt) - 1))%20 scripts/slurm-agg.sh shards.txt parts)
#   sbatch --dependency=afterok:$jid --wrap 'ind-agg --merge -o indicators.csv parts/*.part'
#
# Task N aggregates line N+1 of the list into parts/N.part. The partial files record the measures and
# every option that changes the result, so the merge takes no option, refuses files made differently
# and a shard given twice. IND_AGG (default: ind-agg on PATH) and IND_AGG_OPTS (the grouping and the
# measures) may be set with sbatch --export.
set -eu
list=$1
dir=$2
task=${SLURM_ARRAY_TASK_ID:?not a Slurm array task}
opts=${IND_AGG_OPTS:--r region -t visit_date -m visits=count -m digital=share:channel=digital -m wait=wait:contact_date,visit_date}
in=$(sed -n "$((task + 1))p" "$list")
[ -n "$in" ] || { echo "slurm-agg.sh: $list has no line $((task + 1))" >&2; exit 1; }
# $opts is split into words on purpose: options, not one argument
# shellcheck disable=SC2086
exec "${IND_AGG:-ind-agg}" --threads "${SLURM_CPUS_PER_TASK:-1}" --partial $opts -o "$dir/$task.part" "$in"
