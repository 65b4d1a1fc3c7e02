// Package testkit holds the helpers the cluster packages' tests share:
// finding kOps' test manifests beside the repository, golden files, and a
// catalog of kOps' test region us-test-1.
package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/catalog"
	"github.com/drydock-sandbox/drydock/internal/golden"
)

// KopsDir returns ../shared/testdata/kops/sub beside the module root, and
// skips the test when it is absent.
func KopsDir(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	kops := filepath.Join(filepath.Dir(dir), "shared", "testdata", "kops", sub)
	if _, err := os.Stat(kops); err != nil {
		t.Skipf("kOps test manifests absent: %s", kops)
	}
	return kops
}

// Golden compares got with testdata/NAME.golden, or rewrites the file when
// the test runs with -update.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	golden.Check(t, name, got)
}

// Catalog is the AWS catalog plus kOps' test region us-test-1 (zones
// us-test-1a to us-test-1c), where it picks default instance types as kOps'
// mock cloud does, so defaulting gives what kOps' expected manifests show.
type Catalog struct{ *catalog.Static }

// NewCatalog returns the catalog of kOps' tests.
func NewCatalog() Catalog {
	c := catalog.AWS()
	c.Regions["us-test-1"] = []string{"us-test-1a", "us-test-1b", "us-test-1c"}
	return Catalog{c}
}

// DefaultInstanceType answers as kOps' MockAWSCloud in us-test-1.
func (c Catalog) DefaultInstanceType(role, region, arch string) (string, error) {
	if region != "us-test-1" {
		return c.Static.DefaultInstanceType(role, region, arch)
	}
	switch role {
	case "Master", "ControlPlane", "APIServer":
		return "m3.medium", nil
	case "Node":
		return "t2.medium", nil
	case "Bastion":
		return "t2.micro", nil
	}
	return "", fmt.Errorf("no default instance type for role %s", role)
}
