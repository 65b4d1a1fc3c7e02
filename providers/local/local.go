// Package local is the provider drydock uses by default: the AWS driver
// pointed at the sandbox's fakeaws, whose instances a node runtime brings
// to life.
package local

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/drydock-sandbox/drydock/providers/aws"
	"github.com/drydock-sandbox/drydock/sandbox"
)

// Runtimes are the node runtimes --runtime accepts.
const (
	// RuntimeNone leaves instances as fakeaws runs them: they boot and
	// stay up, with no Kubernetes on them.
	RuntimeNone = "none"
)

// Options choose the sandbox and the runtime.
type Options struct {
	Sandbox sandbox.Options
	// Runtime is the node runtime (RuntimeNone until the simulator lands).
	Runtime string
	// Provider tunes the AWS driver.
	Provider aws.Options
}

// New starts the sandbox if needed and returns the AWS driver pointed at it.
func New(ctx context.Context, opts Options) (*aws.Provider, *sandbox.Info, error) {
	switch opts.Runtime {
	case "", RuntimeNone:
	default:
		return nil, nil, fmt.Errorf("--runtime %q: drydock has the %q runtime so far", opts.Runtime, RuntimeNone)
	}
	info, err := sandbox.Ensure(ctx, opts.Sandbox)
	if err != nil {
		return nil, nil, fmt.Errorf("start the sandbox: %w", err)
	}
	cfg := sandbox.AWSConfig(info)
	// Many calls in a row to one loopback endpoint: keep connections.
	cfg.HTTPClient = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	c := aws.NewClients(cfg)
	c.Poll = pollFor(info.Speed)
	if opts.Provider.Delete.Interval == 0 {
		opts.Provider.Delete.Interval = c.Poll
	}
	return aws.New(c, opts.Provider), info, nil
}

// pollFor is how often to look again at the sandbox while waiting: AWS's
// delays there are scaled by 1/speed, so is the polling.
func pollFor(speed float64) time.Duration {
	const base = 5 * time.Second
	if speed <= 0 {
		return 10 * time.Millisecond
	}
	d := time.Duration(float64(base) / speed)
	return max(min(d, base), 10*time.Millisecond)
}
