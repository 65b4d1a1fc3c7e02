package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// awsCLI runs the installed AWS CLI against one server with a clean
// environment: test/test in us-east-1, empty config and credentials files,
// HOME in a temporary directory, and the trap proxy.
type awsCLI struct {
	path     string
	endpoint string
	dir      string // working directory and HOME
	env      []string
	proxy    *trapProxy
}

func newAWSCLI(t *testing.T, endpoint string) *awsCLI {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI (aws) is not on PATH")
	}
	dir := t.TempDir()
	config, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	for _, f := range []string{config, creds} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c := &awsCLI{path: path, endpoint: endpoint, dir: dir, proxy: startTrapProxy(t)}
	c.env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_CONFIG_FILE=" + config,
		"AWS_SHARED_CREDENTIALS_FILE=" + creds,
		"AWS_PAGER=",
	}
	// A pyenv shim finds its interpreter through PYENV_ROOT.
	for _, k := range []string{"PYENV_ROOT", "PYENV_VERSION"} {
		if v, ok := os.LookupEnv(k); ok {
			c.env = append(c.env, k+"="+v)
		}
	}
	c.env = append(c.env, c.proxy.Env()...)
	t.Cleanup(func() { c.proxy.Check(t) })
	return c
}

// cliResult is one run of the CLI.
type cliResult struct {
	args           []string
	stdout, stderr string
	err            error
}

func (r cliResult) String() string {
	return "aws " + strings.Join(r.args, " ") + ": " + exitText(r.err) + "\nstdout:\n" + r.stdout + "\nstderr:\n" + r.stderr
}

// run runs `aws --endpoint-url E ARGS...` with extra environment entries.
func (c *awsCLI) run(t *testing.T, extraEnv []string, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	argv := append([]string{"--endpoint-url", c.endpoint}, args...)
	cmd := exec.CommandContext(ctx, c.path, argv...)
	cmd.Dir = c.dir
	cmd.Env = append(append([]string{}, c.env...), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("aws %v did not finish within 2 minutes", args)
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("aws %v: %v", args, err)
	}
	return cliResult{args: args, stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// ok runs the CLI and fails t unless it exits 0; it returns stdout.
func (c *awsCLI) ok(t *testing.T, args ...string) string {
	t.Helper()
	r := c.run(t, nil, args...)
	if r.err != nil {
		t.Fatalf("want success; %s", r)
	}
	return r.stdout
}

// json runs the CLI with --output json and decodes stdout into v.
func (c *awsCLI) json(t *testing.T, v any, args ...string) {
	t.Helper()
	out := c.ok(t, append(args, "--output", "json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("aws %v: stdout is not JSON (%v):\n%s", args, err, out)
	}
}

// fails runs the CLI, fails t unless it exits non-zero with code on
// stderr, and returns the result.
func (c *awsCLI) fails(t *testing.T, code string, args ...string) cliResult {
	t.Helper()
	r := c.run(t, nil, args...)
	if r.err == nil {
		t.Fatalf("want failure with %s; %s", code, r)
	}
	if !strings.Contains(r.stderr, "("+code+")") {
		t.Fatalf("want error code (%s) on stderr; %s", code, r)
	}
	return r
}

// file writes content to name in the CLI's working directory and returns
// its path.
func (c *awsCLI) file(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(c.dir, name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// read returns the content of name in the CLI's working directory.
func (c *awsCLI) read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
