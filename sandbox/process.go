package sandbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

// pollInterval is how often the sandbox's health, a process's exit and the
// lock are polled.
const pollInterval = 25 * time.Millisecond

// alive reports whether pid runs (a zombie does not: it has exited and
// waits to be reaped, which an init that does not reap never does).
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, rerr := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if rerr != nil {
		return true // no procfs: trust kill
	}
	// pid (comm) STATE ...; comm may contain spaces and parentheses.
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z'
	}
	return true
}

// isSandbox reports whether pid is a live `drydock sandbox serve` (the
// pid of a stale state file may have been reused by anything). Without
// procfs it trusts that a live pid is the sandbox.
func isSandbox(pid int) bool {
	if !alive(pid) {
		return false
	}
	cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil {
		return true
	}
	return bytes.Contains(cmdline, []byte("\x00sandbox\x00serve\x00"))
}

// terminate sends SIGTERM to pid and waits up to timeout for it to exit,
// then SIGKILLs it and waits a little more.
func terminate(ctx context.Context, pid int, timeout time.Duration) error {
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		if errors.Is(err, syscall.ESRCH) {
			return nil
		}
		return fmt.Errorf("stop sandbox pid %d: %w", pid, err)
	}
	if waitExit(ctx, pid, timeout) {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("stop sandbox pid %d: %w", pid, err)
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
	if waitExit(ctx, pid, 5*time.Second) {
		return nil
	}
	return fmt.Errorf("sandbox pid %d did not exit after SIGTERM and SIGKILL", pid)
}

// waitExit polls until pid is gone, for at most timeout.
func waitExit(ctx context.Context, pid int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for alive(pid) {
		if time.Now().After(deadline) {
			return false
		}
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
	return true
}
