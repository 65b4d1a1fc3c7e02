package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/internal/version"
)

// Serve is the sandbox process (`drydock sandbox serve`): it serves
// fakeaws and its DNS server on free loopback ports with its data in
// opts.Home, writes the state file once both listen, and removes it when
// ctx ends and it has shut down. Ensure runs it; people need not.
func Serve(ctx context.Context, opts Options, log io.Writer) error {
	opts, err := opts.withDefaults()
	if err != nil {
		return err
	}
	p := pathsOf(opts.Home)
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return fmt.Errorf("sandbox directory: %w", err)
	}
	srv, err := fakeaws.New(fakeaws.WithDataDir(p.dataDir()), fakeaws.WithSpeed(*opts.Speed))
	if err != nil {
		return err
	}
	defer func() { _ = srv.Close() }()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("sandbox listen: %w", err)
	}
	dns, err := srv.ListenDNS("127.0.0.1:0")
	if err != nil {
		_ = ln.Close()
		return fmt.Errorf("sandbox DNS listen: %w", err)
	}
	info := &Info{
		PID:       os.Getpid(),
		Endpoint:  "http://" + ln.Addr().String(),
		DNSAddr:   dns.Addr(),
		StartedAt: time.Now().UTC().Truncate(time.Second),
		Speed:     *opts.Speed,
		Version:   version.String(),
		DataDir:   p.dataDir(),
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	dnsDone := make(chan error, 1)
	go func() { dnsDone <- dns.Serve(ctx) }()
	if err := writeState(p.stateFile(), info); err != nil {
		_ = ln.Close()
		cancel()
		<-dnsDone //nolint:errcheck // the state file error is the one to report
		return err
	}
	fmt.Fprintf(log, "%s sandbox pid %d serving %s (DNS %s, speed %v, data %s)\n",
		info.StartedAt.Format(time.RFC3339), info.PID, info.Endpoint, info.DNSAddr, info.Speed, info.DataDir)
	err = fakeaws.Serve(ctx, srv, ln)
	cancel()
	if derr := <-dnsDone; derr != nil && !errors.Is(derr, context.Canceled) && err == nil {
		err = derr
	}
	if rerr := removeState(p.stateFile(), info.PID); rerr != nil && err == nil {
		err = rerr
	}
	fmt.Fprintf(log, "%s sandbox pid %d stopped\n", time.Now().UTC().Format(time.RFC3339), info.PID)
	return err
}
