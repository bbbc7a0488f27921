#!/usr/bin/env bash
# A one-node SLURM cluster on localhost for the tests (config from ../shared/notes/slurm.md).
#   scripts/slurm_cluster.sh start   installs slurm-wlm and munge when missing, starts munged, slurmctld, slurmd
#   scripts/slurm_cluster.sh stop    stops what `start` started, by the pids in their pid files
#   scripts/slurm_cluster.sh env     prints SLURM_CONF=… for the tests
# Idempotent: `start` reuses a cluster that answers and registers its caller (the parent shell's pid) as a user;
# `stop` unregisters it and stops the daemons, by the pids in their pid files, only when no other registered
# caller is still alive (two `make test` runs in two checkouts on one machine share one cluster).
# Never fails the caller: when SLURM cannot start, the reason goes to $DIR/unavailable (the tests print it
# when they skip) and the script exits 0.
set -u
DIR=${REPANALYZE_SLURM_DIR:-/tmp/repanalyze-slurm}
CONF=$DIR/slurm.conf
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo

unavailable() { mkdir -p "$DIR"; echo "$*" > "$DIR/unavailable"; echo "slurm_cluster: SLURM not available: $*" >&2; exit 0; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
answers() { SLURM_CONF=$CONF timeout 10 sinfo -h -o %t 2>/dev/null | grep -qE 'idle|mix|alloc'; }

start() {
  mkdir -p "$DIR" && rm -f "$DIR/unavailable"
  if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    echo "slurm_cluster: installing slurm-wlm and munge" >&2
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq slurm-wlm munge >/dev/null; } \
      || unavailable "apt-get install slurm-wlm munge failed"
  fi
  # munged and slurmd need a real /dev/null; on one sandbox it had become a plain file during the install.
  if [ ! -c /dev/null ]; then
    { $SUDO rm -f /dev/null && $SUDO mknod -m 666 /dev/null c 1 3; } 2>/dev/null || unavailable "/dev/null is not a device and cannot be recreated"
  fi
  mkdir -p "$DIR/users"
  if [ -f "$CONF" ] && answers; then touch "$DIR/users/$PPID"; echo "slurm_cluster: reusing the cluster of $CONF" >&2; return; fi
  [ "$(id -u)" -eq 0 ] || unavailable "the test cluster runs its daemons as root (run make test as root)"
  HOST=$(hostname -s)
  mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log" /etc/munge /run/munge
  chown munge:munge /etc/munge /run/munge || unavailable "no munge user (is munge installed?)"
  if [ ! -f /etc/munge/munge.key ]; then
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
    chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
  fi
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    su -s /bin/sh munge -c /usr/sbin/munged 2>"$DIR/log/munged.err" \
      || unavailable "munged did not start: $(tail -1 "$DIR/log/munged.err")"
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
    cp /run/munge/munged.pid "$DIR/munged.pid"   # ours to stop
  fi
  cat > "$CONF" <<CONF
ClusterName=repanalyze
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobRequeue=1
MinJobAge=600
NodeName=$HOST CPUs=$(nproc) RealMemory=2000 State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
  alive "$DIR/slurmctld.pid" || /usr/sbin/slurmctld -f "$CONF" || unavailable "slurmctld did not start (see $DIR/log/slurmctld.log)"
  alive "$DIR/slurmd.pid" || /usr/sbin/slurmd -f "$CONF" || unavailable "slurmd did not start (see $DIR/log/slurmd.log)"
  for _ in $(seq 60); do answers && { touch "$DIR/users/$PPID"; echo "slurm_cluster: up ($CONF)" >&2; return; }; sleep 0.5; done
  unavailable "the node did not become idle within 30 s (see $DIR/log/)"
}

stop() {
  rm -f "$DIR/users/$PPID"
  for u in "$DIR"/users/*; do
    [ -e "$u" ] || continue
    if kill -0 "$(basename "$u")" 2>/dev/null; then echo "slurm_cluster: left running for pid $(basename "$u")" >&2; return; fi
    rm -f "$u"
  done
  # SIGTERM, then wait for each daemon to be gone (slurmctld takes a few seconds to shut down; "stopped" used to be
  # printed while it still ran), SIGKILL after 15 s.
  for d in slurmd slurmctld munged; do
    if alive "$DIR/$d.pid"; then
      pid=$(cat "$DIR/$d.pid"); kill "$pid" 2>/dev/null
      for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$DIR/$d.pid"
  done
  echo "slurm_cluster: stopped" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "SLURM_CONF=$CONF" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
