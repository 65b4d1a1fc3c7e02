package api

import (
	"bytes"
	"testing"
)

// FuzzParse: Parse never panics, and what it accepts it writes in a form
// that reads back to the same output.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimalYAML))
	f.Add([]byte("---\n---\n...\n"))
	f.Add([]byte("--- {apiVersion: kops.k8s.io/v1alpha2, kind: InstanceGroup, spec: {minSize: 1}}\n"))
	f.Add([]byte("apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nspec:\n  networking: {cni: null}\n  kubelet: {}\n  etcdClusters: [{etcdMembers: [{}]}]\n"))
	f.Add([]byte("apiVersion: v1\nkind: ConfigMap\ndata: {a: 1}\n"))
	f.Add([]byte(`{"apiVersion":"kops.k8s.io/v1alpha2","kind":"InstanceGroup","spec":{"rollingUpdate":{"maxSurge":"10%"}}}`))
	f.Add([]byte("kind: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		out, err := m.YAML()
		if err != nil {
			t.Fatalf("YAML of a parsed manifest: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse of our own output: %v\n%s", err, out)
		}
		out2, err := again.YAML()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("output not stable:\n%s\n---- then\n%s", out, out2)
		}
		_ = m.Unmodelled()
	})
}
