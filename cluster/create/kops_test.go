package create

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	clocktesting "k8s.io/utils/clock/testing"
	"sigs.k8s.io/yaml"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/internal/testkit"
)

// unsupported are the kOps create_cluster cases drydock does not build,
// and why.
var unsupported = map[string]string{
	"experimental-roles": "GCE (cloudProvider gce, project, etcd/scheduler/controller-manager roles): drydock rehearses AWS only",
	"volume_type":        "GCE (cloudProvider gce, pd-balanced volumes): drydock rehearses AWS only",
}

// kopsEpoch is the creation time kOps' tests fix.
var kopsEpoch = time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)

// fakeNetwork answers as kOps' mock cloud: one shared VPC and subnet.
type fakeNetwork struct{}

func (fakeNetwork) VPCCIDR(_ context.Context, id string) (string, error) {
	if id == "vpc-12345678" {
		return "10.0.0.0/12", nil
	}
	return "", fmt.Errorf("VPC %s not found", id)
}

func (fakeNetwork) Subnet(_ context.Context, id string) (Subnet, error) {
	if id == "subnet-1" {
		return Subnet{ID: id, VPCID: "vpc-12345678", CIDR: "10.10.0.0/24", Zone: "us-test-1a"}, nil
	}
	return Subnet{}, fmt.Errorf("subnet %s not found", id)
}

func buildClock() *clocktesting.FakePassiveClock { return clocktesting.NewFakePassiveClock(kopsEpoch) }

// buildOptions is how the tests build: kOps' clock, catalog and cloud.
func buildOptions() []Option {
	return []Option{
		WithClock(buildClock()),
		WithCatalog(testkit.NewCatalog()),
		WithNetwork(fakeNetwork{}),
	}
}

func TestKopsCreateClusterCases(t *testing.T) {
	root := testkit.KopsDir(t, "create_cluster")
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			if reason, ok := unsupported[c.Name()]; ok {
				t.Skipf("unsupported: %s", reason)
			}
			dir := filepath.Join(root, c.Name())
			raw, err := os.ReadFile(filepath.Join(dir, "options.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			var opts Options
			if err := yaml.UnmarshalStrict(raw, &opts); err != nil {
				t.Fatalf("options.yaml has options drydock lacks: %v", err)
			}
			opts.StateStore = "memfs://tests"
			m, err := Build(context.Background(), opts, buildOptions()...)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			got, err := m.YAML()
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, "expected-v1alpha2.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if diffs := diffDocs(t, got, want); len(diffs) > 0 {
				t.Fatalf("differs from kOps' expected-v1alpha2.yaml:\n  %s\n--- built:\n%s", strings.Join(diffs, "\n  "), got)
			}
			// Same values; the text too, since kOps and drydock write YAML alike.
			if string(got) != string(want) {
				t.Errorf("same objects, different text:\n--- built:\n%s\n--- kOps:\n%s", got, want)
			}
		})
	}
}

// diffDocs compares two manifests as generic values, document by document,
// and lists the paths that differ.
func diffDocs(t *testing.T, got, want []byte) []string {
	t.Helper()
	g, w := generic(t, got), generic(t, want)
	var diffs []string
	if len(g) != len(w) {
		diffs = append(diffs, fmt.Sprintf("%d documents, want %d", len(g), len(w)))
	}
	for i := range min(len(g), len(w)) {
		diff(fmt.Sprintf("doc%d", i+1), g[i], w[i], &diffs)
	}
	return diffs
}

func generic(t *testing.T, data []byte) []any {
	t.Helper()
	m, err := api.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var docs []any
	objs := []any{m.Cluster}
	for _, ig := range m.InstanceGroups {
		objs = append(objs, ig)
	}
	for _, o := range objs {
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, v)
	}
	return docs
}

func diff(path string, got, want any, out *[]string) {
	gm, gok := got.(map[string]any)
	wm, wok := want.(map[string]any)
	if gok && wok {
		keys := map[string]bool{}
		for k := range gm {
			keys[k] = true
		}
		for k := range wm {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			diff(path+"."+k, gm[k], wm[k], out)
		}
		return
	}
	gl, gok := got.([]any)
	wl, wok := want.([]any)
	if gok && wok && len(gl) == len(wl) {
		for i := range gl {
			diff(fmt.Sprintf("%s[%d]", path, i), gl[i], wl[i], out)
		}
		return
	}
	if !reflect.DeepEqual(got, want) {
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		*out = append(*out, fmt.Sprintf("%s: got %s, want %s", path, gj, wj))
	}
}
