package integration

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// TestServeSIGINT: Ctrl-C stops the server cleanly, with exit status 0 and
// "fakeaws stopped" on stderr, after it served a request.
func TestServeSIGINT(t *testing.T) {
	integration(t)
	s := startServer(t, "--in-memory")
	for _, want := range []string{
		"export AWS_ENDPOINT_URL=" + s.Endpoint + "\n",
		"export AWS_ACCESS_KEY_ID=test\n",
		"export AWS_SECRET_ACCESS_KEY=test\n",
		"export AWS_REGION=us-east-1\n",
		"export AWS_DEFAULT_REGION=us-east-1\n",
	} {
		if !strings.Contains(s.Stdout(), want) {
			t.Errorf("stdout lacks %q; got:\n%s", want, s.Stdout())
		}
	}
	if !strings.Contains(s.Stderr(), "fakeaws serving") {
		t.Errorf("stderr lacks the status line; got:\n%s", s.Stderr())
	}
	out, err := s.defaultClients().STS.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity: %v", err)
	}
	if got := *out.Account; got != "123456789012" {
		t.Errorf("GetCallerIdentity Account = %s, want 123456789012", got)
	}
	if err := s.signal(os.Interrupt, stopTimeout); err != nil {
		t.Fatalf("after SIGINT: %v (want exit status 0)\nstderr:\n%s", err, s.Stderr())
	}
	if !strings.Contains(s.Stderr(), "fakeaws stopped") {
		t.Errorf("stderr after SIGINT lacks %q; got:\n%s", "fakeaws stopped", s.Stderr())
	}
}

// TestServeDataDirLocked: a second server on a data directory in use fails
// fast, naming the lock, instead of hanging; the first keeps serving.
func TestServeDataDirLocked(t *testing.T) {
	integration(t)
	dir := t.TempDir()
	first := startServer(t, "--data-dir", dir)

	start := time.Now()
	stderr, err := runDrydock(t, 20*time.Second, "aws", "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
	if err == nil {
		t.Fatalf("second serve on %s exited 0; want a failure\nstderr:\n%s", dir, stderr)
	}
	if !strings.Contains(stderr, "locked by another running fakeaws") || !strings.Contains(stderr, filepath.Join(dir, "state.db")) {
		t.Errorf("second serve stderr does not explain the lock; got:\n%s", stderr)
	}
	t.Logf("second serve failed after %v: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(stderr))

	if _, err := first.defaultClients().STS.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
		t.Errorf("first server after the second failed: GetCallerIdentity: %v", err)
	}
}

// TestServeBadFlags: bad flags fail at once with a message saying what to do.
func TestServeBadFlags(t *testing.T) {
	integration(t)
	dir := t.TempDir()
	fixed := func(args ...string) func(*testing.T) []string {
		return func(*testing.T) []string { return append([]string{"--addr", "127.0.0.1:0"}, args...) }
	}
	for _, tc := range []struct {
		name string
		args func(t *testing.T) []string
		want string
	}{
		{"auth bogus", fixed("--auth", "bogus"), `--auth "bogus": use on or off`},
		{"in-memory and data-dir", fixed("--in-memory", "--data-dir", dir), "--in-memory and --data-dir exclude each other"},
		{"access key without secret", fixed("--in-memory", "--access-key", "AKIAONLY"), "use ID:SECRET or ID:SECRET:ACCOUNT"},
		{"account id not 12 digits", fixed("--in-memory", "--account-id", "12345"), "an AWS account ID is 12 digits"},
		{"port in use", func(t *testing.T) []string {
			busy := startServer(t, "--in-memory")
			return []string{"--in-memory", "--addr", strings.TrimPrefix(busy.Endpoint, "http://")}
		}, "pick another --addr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"aws", "serve"}, tc.args(t)...)
			stderr, err := runDrydock(t, 20*time.Second, args...)
			if err == nil {
				t.Fatalf("drydock %v exited 0; want a failure", args)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("drydock %v stderr lacks %q; got:\n%s", args, tc.want, stderr)
			}
		})
	}
}

// runDrydock runs the binary to completion (killing it after timeout) and
// returns its stderr and exit error.
func runDrydock(t *testing.T, timeout time.Duration, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, drydockBin, args...)
	cmd.Env = append(os.Environ(), "DRYDOCK_HOME="+t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("drydock %v did not exit within %v (hangs?)\nstderr:\n%s", args, timeout, stderr.String())
	}
	return stderr.String(), err
}

// TestServeStopsWithAnIdleConnection: a client that opened a connection
// and asked nothing does not hold up SIGTERM (net/http alone would wait
// five seconds for it).
func TestServeStopsWithAnIdleConnection(t *testing.T) {
	integration(t)
	s := startServer(t, "--in-memory")
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.Endpoint, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Well under the five seconds net/http waits for a new connection.
	if err := s.signal(syscall.SIGTERM, 3*time.Second); err != nil {
		t.Fatalf("after SIGTERM with an idle connection open: %v\nstderr:\n%s", err, s.Stderr())
	}
}
