package sandbox

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func TestLockExcludes(t *testing.T) {
	file := filepath.Join(t.TempDir(), "lock")
	ctx := context.Background()
	unlock, err := lock(ctx, file, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock(ctx, file, 100*time.Millisecond); err == nil || !strings.Contains(err.Error(), "still held") {
		t.Fatalf("second lock = %v; want it to time out", err)
	}
	unlock()
	unlock2, err := lock(ctx, file, time.Second)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	unlock2()
}

func TestAlive(t *testing.T) {
	if !alive(os.Getpid()) {
		t.Error("alive(self) = false")
	}
	if alive(0) || alive(-1) {
		t.Error("alive(0 or -1) = true")
	}
	if isSandbox(os.Getpid()) {
		t.Error("isSandbox(the test binary) = true")
	}
}

// TestNothingRunning: with no sandbox, stopping is fine, status says so and
// reset refuses with what to do.
func TestNothingRunning(t *testing.T) {
	ctx := context.Background()
	opts := Options{Home: t.TempDir()}
	if info, err := Stop(ctx, opts); info != nil || err != nil {
		t.Errorf("Stop = %v, %v; want nil, nil", info, err)
	}
	st, err := Status(ctx, opts)
	if err != nil || st.Running {
		t.Errorf("Status = %+v, %v; want not running", st, err)
	}
	if _, err := Reset(ctx, opts); !errors.Is(err, ErrNotRunning) {
		t.Errorf("Reset = %v; want ErrNotRunning", err)
	}
}

// TestStaleState: a state file whose process is gone is not a sandbox;
// Stop removes it.
func TestStaleState(t *testing.T) {
	ctx := context.Background()
	opts := Options{Home: t.TempDir()}
	p := pathsOf(opts.Home)
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// The test binary's pid: alive, but not a sandbox (as a reused pid).
	if err := writeState(p.stateFile(), &Info{PID: os.Getpid(), Endpoint: "http://127.0.0.1:1"}); err != nil {
		t.Fatal(err)
	}
	if info, err := Running(ctx, opts); info != nil || err != nil {
		t.Errorf("Running = %v, %v; want nil, nil", info, err)
	}
	if info, err := Stop(ctx, opts); info != nil || err != nil {
		t.Errorf("Stop = %v, %v; want nil, nil (and no signal to a reused pid)", info, err)
	}
	if _, err := os.Stat(p.stateFile()); !os.IsNotExist(err) {
		t.Errorf("Stop left the stale state file: %v", err)
	}
}

// TestServe runs the sandbox in this process: it writes its state file
// once it answers, and removes it when it stops.
func TestServe(t *testing.T) {
	home := t.TempDir()
	zero := 0.0
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, Options{Home: home, Speed: &zero}, &strings.Builder{}) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	file := pathsOf(home).stateFile()
	var info *Info
	for deadline := time.Now().Add(10 * time.Second); info == nil; time.Sleep(pollInterval) {
		if time.Now().After(deadline) {
			t.Fatal("no state file within 10s")
		}
		var err error
		if info, err = readState(file); err != nil {
			t.Fatal(err)
		}
	}
	if info.PID != os.Getpid() || !strings.HasPrefix(info.Endpoint, "http://127.0.0.1:") || info.DNSAddr == "" || info.Speed != 0 {
		t.Errorf("state = %+v", info)
	}
	h, err := health(ctx, info.Endpoint)
	if err != nil || h.Status != "running" {
		t.Fatalf("health = %+v, %v", h, err)
	}
	if names, err := clusters(ctx, info); err != nil || names != nil {
		t.Errorf("clusters without the state bucket = %v, %v; want none", names, err)
	}
	bucket, err := DefaultStateBucket(ctx, info)
	if err != nil || bucket != "s3://drydock-state-123456789012" {
		t.Fatalf("DefaultStateBucket = %q, %v", bucket, err)
	}
	if _, err := DefaultStateBucket(ctx, info); err != nil {
		t.Fatalf("DefaultStateBucket again = %v; want it idempotent", err)
	}
	names, err := clusters(ctx, info)
	if err != nil || len(names) != 0 {
		t.Errorf("clusters of an empty store = %v, %v", names, err)
	}
	for _, key := range []string{"b.example.com/config", "a.example.com/config", "a.example.com/instancegroup/nodes"} {
		if _, err := s3Client(info).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(StateBucket), Key: aws.String(key), Body: strings.NewReader("x")}); err != nil {
			t.Fatal(err)
		}
	}
	if names, err := clusters(ctx, info); err != nil || strings.Join(names, ",") != "a.example.com,b.example.com" {
		t.Errorf("clusters = %v, %v; want a.example.com, b.example.com", names, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve = %v", err)
	}
	done <- nil // for the cleanup
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("state file after a clean exit: %v; want it removed", err)
	}
}
