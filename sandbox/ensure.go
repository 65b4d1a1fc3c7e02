package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Ensure returns the running sandbox of opts.Home, starting one if none
// answers. Commands started at once share one sandbox: the check and the
// start happen under an exclusive lock.
func Ensure(ctx context.Context, opts Options) (*Info, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	p := pathsOf(opts.Home)
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return nil, fmt.Errorf("sandbox directory: %w", err)
	}
	unlock, err := lock(ctx, p.lockFile(), opts.StartTimeout+opts.StopTimeout+10*time.Second)
	if err != nil {
		return nil, err
	}
	defer unlock()
	info, err := readState(p.stateFile())
	if err != nil {
		return nil, err
	}
	if healthy(ctx, info) {
		return info, nil
	}
	if info != nil && isSandbox(info.PID) && answersWithin(ctx, info, unresponsiveGrace) {
		return info, nil // a busy sandbox, not a hung one
	}
	if info != nil {
		// A sandbox that crashed, or runs but does not answer: replace it.
		if isSandbox(info.PID) {
			if err := terminate(ctx, info.PID, opts.StopTimeout); err != nil {
				return nil, fmt.Errorf("replace the unresponsive sandbox: %w", err)
			}
		}
		if err := removeState(p.stateFile(), 0); err != nil {
			return nil, err
		}
	}
	return start(ctx, opts, p)
}

// unresponsiveGrace is how long a live sandbox may fail its health check
// before Ensure replaces it.
const unresponsiveGrace = 5 * time.Second

// answersWithin polls info's health for up to d.
func answersWithin(ctx context.Context, info *Info, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if _, err := health(ctx, info.Endpoint); err == nil {
			return true
		}
		time.Sleep(10 * pollInterval)
	}
	return false
}

// start runs `drydock sandbox serve` detached and waits until it has
// written its state file and answers its health check.
func start(ctx context.Context, opts Options, p paths) (*Info, error) {
	exe := opts.Executable
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("start the sandbox: find drydock's binary: %w", err)
		}
	}
	logf, err := os.OpenFile(p.logFile(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sandbox log: %w", err)
	}
	defer func() { _ = logf.Close() }() // the child has its own copy
	logStart, _ := logf.Seek(0, 2)
	cmd := exec.Command(exe, "sandbox", "serve", "--home", opts.Home,
		"--speed", strconv.FormatFloat(*opts.Speed, 'g', -1, 64))
	cmd.Stdin = nil // /dev/null
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Env = append(os.Environ(), "DRYDOCK_HOME="+opts.Home)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the sandbox (%s sandbox serve): %w", exe, err)
	}
	// Reap the child if it exits while this process lives (a long-running
	// drydock would otherwise keep a zombie); report an early exit.
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	deadline := time.NewTimer(opts.StartTimeout)
	defer deadline.Stop()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		info, err := readState(p.stateFile())
		if err == nil && info != nil && info.PID == cmd.Process.Pid {
			if _, herr := health(ctx, info.Endpoint); herr == nil {
				info.Started = true
				return info, nil
			}
		}
		select {
		case werr := <-exited:
			return nil, fmt.Errorf("the sandbox exited while starting (%v); its log %s says:\n%s", exitText(werr), p.logFile(), logTail(p.logFile(), logStart))
		case <-deadline.C:
			_ = cmd.Process.Kill()
			return nil, fmt.Errorf("the sandbox did not answer its health check within %v; see %s:\n%s", opts.StartTimeout, p.logFile(), logTail(p.logFile(), logStart))
		case <-ctx.Done():
			_ = cmd.Process.Kill()
			return nil, fmt.Errorf("start the sandbox: %w", ctx.Err())
		case <-tick.C:
		}
	}
}

func exitText(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

// logTail is the end of what was written to the log from offset on.
func logTail(file string, offset int64) string {
	raw, err := os.ReadFile(file)
	if err != nil || offset > int64(len(raw)) {
		return ""
	}
	out := raw[offset:]
	const max = 4 << 10
	if len(out) > max {
		out = out[len(out)-max:]
	}
	return strings.TrimRight(string(out), "\n")
}

// ErrNotRunning is returned by operations that need a running sandbox.
var ErrNotRunning = errors.New("sandbox is not running; start it with: drydock sandbox up")
