package api

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/drydock-sandbox/drydock/cluster/internal/testkit"
)

// genericDocs reads a YAML stream as a list of generic JSON values.
func genericDocs(t *testing.T, data []byte) []any {
	t.Helper()
	var docs []any
	for _, d := range splitDocuments(data) {
		if d.isEmpty() {
			continue
		}
		j, err := yaml.YAMLToJSON(d.body)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(j, &v); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, v)
	}
	return docs
}

func TestRoundTripKopsManifests(t *testing.T) {
	dir := testkit.KopsDir(t, "update_cluster")
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests in %s: %v", dir, err)
	}
	var report strings.Builder
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Parse(in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			out, err := m.YAML()
			if err != nil {
				t.Fatalf("YAML: %v", err)
			}
			want, got := genericDocs(t, in), genericDocs(t, out)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("re-serialised manifest differs from the input:\n%s", out)
			}
			checkJSONRoundTrip(t, m)
			first := m.Unmodelled()
			again, err := Parse(out)
			if err != nil {
				t.Fatalf("Parse of the output: %v", err)
			}
			if second := again.Unmodelled(); !reflect.DeepEqual(first, second) {
				t.Errorf("unmodelled report changed across a round trip:\n%v\n%v", first, second)
			}
			report.WriteString("== " + name + "\n")
			for _, p := range first {
				report.WriteString(p + "\n")
			}
		})
	}
	testkit.Golden(t, "unmodelled-update_cluster", []byte(report.String()))
}

// checkJSONRoundTrip: each object written as JSON and read back writes the
// same JSON.
func checkJSONRoundTrip(t *testing.T, m *Manifest) {
	t.Helper()
	again := func(in any, out any) {
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("reading our JSON: %v", err)
		}
		b2, err := json.Marshal(out)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(b2) {
			t.Errorf("JSON round trip:\n%s\n%s", b, b2)
		}
	}
	again(m.Cluster, &Cluster{})
	for _, ig := range m.InstanceGroups {
		again(ig, &InstanceGroup{})
	}
}
