package integration

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	// readyTimeout bounds how long a server may take to print its endpoint
	// and answer its health check.
	readyTimeout = 20 * time.Second
	// stopTimeout bounds a graceful stop after SIGTERM or SIGINT.
	stopTimeout = 15 * time.Second
)

var endpointLine = regexp.MustCompile(`(?m)^export AWS_ENDPOINT_URL=(http://127\.0\.0\.1:\d+)$`)

// server is `drydock aws serve` running as a child process.
type server struct {
	t        *testing.T
	cmd      *exec.Cmd
	Endpoint string // http://127.0.0.1:PORT
	stdout   *watchBuffer
	stderr   *watchBuffer
	done     chan struct{} // closed once the process has exited
	waitErr  error         // valid after done
}

// startServer runs `drydock aws serve --addr 127.0.0.1:0 ARGS...`, waits
// until it prints its endpoint and answers GET /_drydock/health, and stops
// it with SIGTERM when the test ends (failing the test if it then exits
// with an error). DRYDOCK_HOME is a temporary directory, so a server
// started without --data-dir or --in-memory touches nothing of the user.
func startServer(t *testing.T, args ...string) *server {
	t.Helper()
	s := launch(t, args...)
	if err := s.ready(); err != nil {
		s.kill()
		t.Fatalf("drydock aws serve %v: %v\nstderr:\n%s", args, err, s.Stderr())
	}
	t.Cleanup(s.stop)
	return s
}

// launch starts the child without waiting for it to be ready.
func launch(t *testing.T, args ...string) *server {
	t.Helper()
	argv := append([]string{"aws", "serve", "--addr", "127.0.0.1:0"}, args...)
	cmd := exec.Command(drydockBin, argv...)
	cmd.Env = append(os.Environ(), "DRYDOCK_HOME="+t.TempDir())
	s := &server{t: t, cmd: cmd, stdout: newWatchBuffer(), stderr: newWatchBuffer(), done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.stdout, s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", drydockBin, err)
	}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.done)
	}()
	return s
}

// ready waits for the endpoint line on stdout, then polls the health check,
// both within readyTimeout.
func (s *server) ready() error {
	deadline := time.NewTimer(readyTimeout)
	defer deadline.Stop()
	for s.Endpoint == "" {
		if m := endpointLine.FindSubmatch(s.stdout.Bytes()); m != nil {
			s.Endpoint = string(m[1])
			break
		}
		select {
		case <-s.stdout.changed:
		case <-s.done:
			return errors.New("exited before printing its endpoint: " + exitText(s.waitErr))
		case <-deadline.C:
			return errors.New("printed no AWS_ENDPOINT_URL within " + readyTimeout.String())
		}
	}
	client := &http.Client{Timeout: time.Second}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		resp, err := client.Get(s.Endpoint + "/_drydock/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-tick.C:
		case <-s.done:
			return errors.New("exited before its health check answered: " + exitText(s.waitErr))
		case <-deadline.C:
			return errors.New("GET /_drydock/health did not answer 200 within " + readyTimeout.String())
		}
	}
}

// Stderr is what the server wrote to stderr so far.
func (s *server) Stderr() string { return s.stderr.String() }

// Stdout is what the server wrote to stdout so far.
func (s *server) Stdout() string { return s.stdout.String() }

// Exited reports whether the process has exited.
func (s *server) Exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// signal sends sig and waits up to timeout for the exit; it returns the
// exit error (nil for status 0).
func (s *server) signal(sig os.Signal, timeout time.Duration) error {
	if !s.Exited() {
		if err := s.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
			return err
		}
	}
	return s.wait(timeout)
}

// wait waits up to timeout for the process to exit.
func (s *server) wait(timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	select {
	case <-s.done:
		return s.waitErr
	case <-ctx.Done():
		s.kill()
		return errors.New("did not exit within " + timeout.String() + "; killed")
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *server) kill() {
	if !s.Exited() {
		_ = s.cmd.Process.Signal(syscall.SIGKILL)
	}
	<-s.done
}

// stop is the cleanup: SIGTERM, then the exit status must be 0.
func (s *server) stop() {
	if s.Exited() {
		return
	}
	start := time.Now()
	if err := s.signal(syscall.SIGTERM, stopTimeout); err != nil {
		s.t.Errorf("drydock aws serve after SIGTERM: %v\nstderr:\n%s", err, s.Stderr())
	}
	if d := time.Since(start); d > time.Second {
		s.t.Logf("drydock aws serve took %v to stop after SIGTERM", d.Round(time.Millisecond))
	}
}

func exitText(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

// watchBuffer is a goroutine-safe buffer that signals each write.
type watchBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newWatchBuffer() *watchBuffer { return &watchBuffer{changed: make(chan struct{}, 1)} }

func (b *watchBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	n, err := b.buf.Write(p)
	b.mu.Unlock()
	select {
	case b.changed <- struct{}{}:
	default:
	}
	return n, err
}

func (b *watchBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

func (b *watchBuffer) String() string { return string(b.Bytes()) }
