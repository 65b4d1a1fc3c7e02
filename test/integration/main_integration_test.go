package integration

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// drydockBin is the drydock binary built by TestMain (or DRYDOCK_BIN);
// empty under -short.
var drydockBin string

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run())
	}
	if bin := os.Getenv("DRYDOCK_BIN"); bin != "" {
		// A prebuilt binary, e.g. a release under test.
		drydockBin = bin
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "drydock-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "integration: temporary directory:", err)
		os.Exit(1)
	}
	bin, err := buildDrydock(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "integration:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	drydockBin = bin
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildDrydock builds ./cmd/drydock from the module root into dir.
func buildDrydock(dir string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "drydock")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/drydock")
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/drydock in %s: %w\n%s", root, err, out.String())
	}
	return bin, nil
}

// moduleRoot is the directory of go.mod: from `go env GOMOD`, else found by
// walking up from the working directory.
func moduleRoot() (string, error) {
	if out, err := exec.Command("go", "env", "GOMOD").Output(); err == nil {
		if mod := strings.TrimSpace(string(out)); mod != "" && mod != os.DevNull {
			return filepath.Dir(mod), nil
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find the module root: no go.mod above the working directory")
		}
		dir = parent
	}
}

// integration skips t under -short; the tests of this package run child
// processes.
func integration(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test (child processes); skipped under -short")
	}
	if drydockBin == "" {
		t.Fatal("the drydock binary was not built (TestMain did not run?)")
	}
}
