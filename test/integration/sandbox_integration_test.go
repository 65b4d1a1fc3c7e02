package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// sandboxHome is a DRYDOCK_HOME for `drydock sandbox` commands whose
// sandbox is stopped when the test ends, by `sandbox down` and, should
// that fail, by SIGKILL to the pid of its state file.
func sandboxHome(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Cleanup(func() {
		stateFile := filepath.Join(home, "sandbox", "sandbox.json")
		var st struct{ PID int }
		raw, rerr := os.ReadFile(stateFile)
		if rerr == nil {
			_ = json.Unmarshal(raw, &st)
		}
		if out, err := runSandbox(t, home, "down"); err != nil {
			t.Errorf("cleanup: drydock sandbox down: %v\n%s", err, out)
		}
		if st.PID > 0 && syscall.Kill(st.PID, 0) == nil && !zombie(st.PID) {
			_ = syscall.Kill(st.PID, syscall.SIGKILL)
			t.Errorf("cleanup: the sandbox pid %d survived sandbox down; killed", st.PID)
		}
	})
	return home
}

// runSandbox runs `drydock sandbox ARGS...` with DRYDOCK_HOME=home and
// returns its stdout (stderr is appended on error).
func runSandbox(t *testing.T, home string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, drydockBin, append([]string{"sandbox"}, args...)...)
	cmd.Env = append(os.Environ(), "DRYDOCK_HOME="+home)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.String() + stderr.String(), err
	}
	return stdout.String(), nil
}

func mustSandbox(t *testing.T, home string, args ...string) string {
	t.Helper()
	start := time.Now()
	out, err := runSandbox(t, home, args...)
	if err != nil {
		t.Fatalf("drydock sandbox %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("drydock sandbox %s: %v", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	return out
}

var upLine = regexp.MustCompile(`sandbox (started|already running): pid (\d+), endpoint (http://127\.0\.0\.1:\d+), DNS (127\.0\.0\.1:\d+)`)

type upResult struct {
	Verb, Endpoint, DNS string
	PID                 int
}

func parseUp(t *testing.T, out string) upResult {
	t.Helper()
	m := upLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("sandbox up printed no pid and endpoint:\n%s", out)
	}
	pid, _ := strconv.Atoi(m[2])
	return upResult{Verb: m[1], PID: pid, Endpoint: m[3], DNS: m[4]}
}

type sandboxStatus struct {
	Running  bool     `json:"running"`
	PID      int      `json:"pid"`
	Endpoint string   `json:"endpoint"`
	DNSAddr  string   `json:"dnsAddr"`
	Uptime   string   `json:"uptime"`
	Accounts []string `json:"accounts"`
	Clusters []string `json:"clusters"`
}

func statusOf(t *testing.T, home string) sandboxStatus {
	t.Helper()
	out := mustSandbox(t, home, "status", "-o", "json")
	var st sandboxStatus
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("sandbox status -o json: %v\n%s", err, out)
	}
	return st
}

// zombie reports whether pid has exited but was not reaped.
func zombie(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(stat, ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

func TestSandboxLifecycle(t *testing.T) {
	integration(t)
	home := sandboxHome(t)
	ctx := context.Background()

	if out := mustSandbox(t, home, "status"); !strings.Contains(out, "sandbox is not running; start it with: drydock sandbox up") {
		t.Errorf("status before up:\n%s", out)
	}
	up := parseUp(t, mustSandbox(t, home, "up", "--speed", "0"))
	if up.Verb != "started" {
		t.Errorf("first sandbox up: %s; want started", up.Verb)
	}
	if again := parseUp(t, mustSandbox(t, home, "up")); again.Verb != "already running" || again.PID != up.PID || again.Endpoint != up.Endpoint {
		t.Errorf("second sandbox up = %+v; want the running one %+v", again, up)
	}

	st := statusOf(t, home)
	if !st.Running || st.PID != up.PID || st.Endpoint != up.Endpoint || st.DNSAddr != up.DNS || st.Uptime == "" ||
		strings.Join(st.Accounts, ",") != "123456789012" || len(st.Clusters) != 0 {
		t.Errorf("status = %+v; want running as %+v, no clusters", st, up)
	}
	if out := mustSandbox(t, home, "status"); !strings.Contains(out, "running") || !strings.Contains(out, up.Endpoint) {
		t.Errorf("status table:\n%s", out)
	}
	c := newClients(t, st.Endpoint, "test", "test", "")
	id, err := c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(id.Account) != "123456789012" {
		t.Fatalf("sts get-caller-identity at %s = %v, %v", st.Endpoint, id, err)
	}

	env := mustSandbox(t, home, "env")
	for _, line := range []string{
		"export AWS_ENDPOINT_URL=" + up.Endpoint,
		"export AWS_ACCESS_KEY_ID=test",
		"export AWS_SECRET_ACCESS_KEY=test",
		"export AWS_REGION=us-east-1",
		"export S3_ENDPOINT=" + up.Endpoint,
		"export KOPS_STATE_STORE=s3://drydock-state-123456789012",
		"export DRYDOCK_DNS=" + up.DNS,
	} {
		if !strings.Contains(env, line+"\n") {
			t.Errorf("sandbox env lacks %q:\n%s", line, env)
		}
	}

	// A cluster in the default state store shows in status; reset wipes it.
	if _, err := c.S3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("drydock-state-123456789012")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.S3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("drydock-state-123456789012"),
		Key: aws.String("dev.example.com/config"), Body: strings.NewReader("{}")}); err != nil {
		t.Fatal(err)
	}
	if st := statusOf(t, home); strings.Join(st.Clusters, ",") != "dev.example.com" {
		t.Errorf("status clusters = %v; want dev.example.com", st.Clusters)
	}
	if out := mustSandbox(t, home, "reset"); !strings.Contains(out, "sandbox reset") {
		t.Errorf("sandbox reset printed:\n%s", out)
	}
	if list, err := c.S3.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil || len(list.Buckets) != 0 {
		t.Errorf("buckets after reset = %v, %v; want none", list, err)
	}
	if st := statusOf(t, home); !st.Running || st.PID != up.PID || len(st.Clusters) != 0 {
		t.Errorf("status after reset = %+v; want the same sandbox, no clusters", st)
	}

	if out := mustSandbox(t, home, "down"); !strings.Contains(out, "sandbox stopped: pid "+strconv.Itoa(up.PID)) {
		t.Errorf("sandbox down printed:\n%s", out)
	}
	if syscall.Kill(up.PID, 0) == nil && !zombie(up.PID) {
		t.Errorf("pid %d still runs after sandbox down", up.PID)
	}
	if _, err := os.Stat(filepath.Join(home, "sandbox", "sandbox.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("state file after sandbox down: %v; want it removed", err)
	}
	if resp, err := (&http.Client{Timeout: time.Second}).Get(up.Endpoint + "/_drydock/health"); err == nil {
		resp.Body.Close()
		t.Errorf("the endpoint %s still answers after sandbox down", up.Endpoint)
	}
	if out := mustSandbox(t, home, "down"); !strings.Contains(out, "sandbox was not running") {
		t.Errorf("second sandbox down printed:\n%s", out)
	}
	if st := statusOf(t, home); st.Running {
		t.Errorf("status after down = %+v; want not running", st)
	}
}

// TestSandboxConcurrentUp: commands started at once share one sandbox.
func TestSandboxConcurrentUp(t *testing.T) {
	integration(t)
	home := sandboxHome(t)
	const n = 3
	outs := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = runSandbox(t, home, "up", "--speed", "0")
		}()
	}
	wg.Wait()
	var ups []upResult
	started := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("sandbox up #%d: %v\n%s", i, errs[i], outs[i])
		}
		u := parseUp(t, outs[i])
		if u.Verb == "started" {
			started++
		}
		ups = append(ups, u)
	}
	for _, u := range ups[1:] {
		if u.PID != ups[0].PID || u.Endpoint != ups[0].Endpoint {
			t.Errorf("concurrent sandbox up gave different sandboxes: %+v", ups)
			break
		}
	}
	if started != 1 {
		t.Errorf("%d of %d concurrent sandbox up started a sandbox; want 1: %+v", started, n, ups)
	}
	if st := statusOf(t, home); !st.Running || st.PID != ups[0].PID {
		t.Errorf("status = %+v; want running as pid %d", st, ups[0].PID)
	}
}

// TestSandboxRecoversFromKill: a sandbox killed with SIGKILL leaves its
// state file behind; the next up replaces it, with its data intact.
func TestSandboxRecoversFromKill(t *testing.T) {
	integration(t)
	home := sandboxHome(t)
	ctx := context.Background()
	first := parseUp(t, mustSandbox(t, home, "up", "--speed", "0"))
	c := newClients(t, first.Endpoint, "test", "test", "")
	if _, err := c.S3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("kept")}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(first.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if st := statusOf(t, home); st.Running {
		t.Errorf("status after SIGKILL = %+v; want not running", st)
	}
	second := parseUp(t, mustSandbox(t, home, "up", "--speed", "0"))
	if second.Verb != "started" || second.PID == first.PID {
		t.Fatalf("up after SIGKILL = %+v; want a new sandbox", second)
	}
	c = newClients(t, second.Endpoint, "test", "test", "")
	if _, err := c.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("kept")}); err != nil {
		t.Errorf("bucket created before SIGKILL: %v; want it kept", err)
	}
}
