package ops

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/sandbox"
)

// Env says where a verb finds its state store: the --state flag, then
// $DRYDOCK_STATE, then $KOPS_STATE_STORE, else the sandbox's state bucket
// (the sandbox is started on demand).
type Env struct {
	// State is the --state flag.
	State string
	// Getenv is os.Getenv when nil.
	Getenv func(string) string
	// Log receives what the verb says besides its output (stderr).
	Log io.Writer
	// Sandbox locates the sandbox used when no store is named, and for
	// the sandbox's own bucket.
	Sandbox sandbox.Options
	// AWSConfig loads the AWS configuration of an s3:// store that is not
	// the sandbox's; the standard chain (environment, shared config) when nil.
	AWSConfig func(ctx context.Context) (aws.Config, error)
	// StoreOptions are passed to statestore.Open.
	StoreOptions []statestore.Option
}

func (e Env) getenv(k string) string {
	if e.Getenv == nil {
		return os.Getenv(k)
	}
	return e.Getenv(k)
}

func (e Env) log() io.Writer {
	if e.Log == nil {
		return io.Discard
	}
	return e.Log
}

// URL is the state store the verb will use, without opening it or
// starting the sandbox.
func (e Env) URL() string {
	if url, err := statestore.Resolve(e.State, e.getenv); err == nil {
		return url
	}
	return sandbox.StateStore
}

// Open opens the state store, starting the sandbox when the store is the
// sandbox's.
func (e Env) Open(ctx context.Context) (*statestore.Store, error) {
	url, err := statestore.Resolve(e.State, e.getenv)
	if err != nil {
		fmt.Fprintf(e.log(), "No state store named (--state, %s, %s): using the sandbox's %s\n",
			statestore.EnvState, statestore.EnvKopsState, sandbox.StateStore)
		return e.openSandbox(ctx)
	}
	if !strings.HasPrefix(url, "s3://") {
		return statestore.Open(ctx, url, e.StoreOptions...)
	}
	if isSandboxStore(url) && e.AWSConfig == nil {
		return e.openSandboxURL(ctx, url)
	}
	load := e.AWSConfig
	if load == nil {
		load = func(ctx context.Context) (aws.Config, error) { return awsconfig.LoadDefaultConfig(ctx) }
	}
	cfg, err := load(ctx)
	if err != nil {
		return nil, fmt.Errorf("state store %s: load the AWS configuration (AWS_PROFILE, AWS_REGION, credentials): %w", url, err)
	}
	return statestore.Open(ctx, url, append([]statestore.Option{statestore.WithAWSConfig(cfg)}, e.StoreOptions...)...)
}

func (e Env) openSandbox(ctx context.Context) (*statestore.Store, error) {
	return e.openSandboxURL(ctx, "")
}

// openSandboxURL ensures the sandbox and opens url in it ("" for its
// default state store, created when missing).
func (e Env) openSandboxURL(ctx context.Context, url string) (*statestore.Store, error) {
	info, err := sandbox.Ensure(ctx, e.Sandbox)
	if err != nil {
		return nil, fmt.Errorf("start the sandbox for the state store (or name another with --state): %w", err)
	}
	if info.Started {
		fmt.Fprintf(e.log(), "Started the sandbox: pid %d, endpoint %s (stop it with: drydock sandbox down)\n", info.PID, info.Endpoint)
	}
	def, err := sandbox.DefaultStateBucket(ctx, info)
	if err != nil {
		return nil, err
	}
	if url == "" {
		url = def
	}
	opts := append([]statestore.Option{statestore.WithAWSConfig(sandbox.AWSConfig(info))}, e.StoreOptions...)
	return statestore.Open(ctx, url, opts...)
}

// isSandboxStore reports whether url is a store in the sandbox's bucket.
func isSandboxStore(url string) bool {
	rest, ok := strings.CutPrefix(url, "s3://")
	bucket, _, _ := strings.Cut(rest, "/")
	return ok && bucket == sandbox.StateBucket
}
