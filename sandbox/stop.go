package sandbox

import (
	"context"
	"fmt"
	"os"
	"time"
)

// Stop stops the sandbox of opts.Home: SIGTERM, a bounded wait for its
// exit (then SIGKILL), and its state file removed. It returns what it
// stopped, or nil when no sandbox ran, which is not an error.
func Stop(ctx context.Context, opts Options) (*Info, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	p := pathsOf(opts.Home)
	if _, err := os.Stat(p.dir); err != nil {
		return nil, nil // never started here
	}
	unlock, err := lock(ctx, p.lockFile(), opts.StartTimeout+opts.StopTimeout+10*time.Second)
	if err != nil {
		return nil, err
	}
	defer unlock()
	info, err := readState(p.stateFile())
	if err != nil || info == nil {
		if err != nil {
			_ = removeState(p.stateFile(), 0) // unreadable: nothing to stop by
		}
		return nil, nil
	}
	var stopped *Info
	if isSandbox(info.PID) {
		if err := terminate(ctx, info.PID, opts.StopTimeout); err != nil {
			return nil, fmt.Errorf("%w; its log is %s", err, p.logFile())
		}
		stopped = info
	}
	return stopped, removeState(p.stateFile(), 0)
}
