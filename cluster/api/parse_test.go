package api

import (
	"strings"
	"testing"
)

const minimalYAML = `apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata:
  name: k8s.example.com
spec:
  kubernetesVersion: 1.33.4
  subnets:
  - name: us-east-1a
    zone: us-east-1a
    cidr: 172.20.0.0/16
    type: Public
---
apiVersion: kops.k8s.io/v1alpha2
kind: InstanceGroup
metadata:
  name: nodes
spec:
  role: Node
  minSize: 0
  maxSize: 2
`

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{
			name: "malformed YAML",
			in:   "apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\n---\napiVersion: kops.k8s.io/v1alpha2\nkind: [InstanceGroup\n",
			want: "document 2 (line 4): malformed YAML at line 5: did not find expected ',' or ']'",
		},
		{
			name: "bad indentation",
			in:   "kind: Cluster\n  name: x\n",
			want: "document 1 (line 1): malformed YAML at line 2: mapping values are not allowed in this context",
		},
		{
			name: "not an object",
			in:   "- a\n- b\n",
			want: "document 1 (line 1): a document must be an object with apiVersion and kind, not an array",
		},
		{
			name: "missing apiVersion",
			in:   "kind: Cluster\nmetadata:\n  name: a\n",
			want: "document 1 (line 1, Cluster a): apiVersion: required (for drydock's objects: kops.k8s.io/v1alpha2)",
		},
		{
			name: "missing kind",
			in:   "apiVersion: kops.k8s.io/v1alpha2\n",
			want: "document 1 (line 1): kind: required (Cluster or InstanceGroup for kops.k8s.io/v1alpha2)",
		},
		{
			name: "other kOps version",
			in:   "---\napiVersion: kops.k8s.io/v1alpha3\nkind: Cluster\nmetadata:\n  name: a\n",
			want: "document 1 (line 2, Cluster a): apiVersion: kops.k8s.io/v1alpha3 is not supported; drydock reads kops.k8s.io/v1alpha2",
		},
		{
			name: "unknown kOps kind",
			in:   minimalYAML + "---\napiVersion: kops.k8s.io/v1alpha2\nkind: Keyset\nmetadata:\n  name: ca\n",
			want: "document 3 (line 22, Keyset ca): kind: Keyset is not a kind drydock reads; kops.k8s.io/v1alpha2 has Cluster and InstanceGroup",
		},
		{
			name: "second cluster",
			in:   minimalYAML + "---\n" + strings.SplitN(minimalYAML, "---", 2)[0],
			want: `document 3 (line 22, Cluster k8s.example.com): a second Cluster (already read "k8s.example.com"); a manifest holds one cluster`,
		},
		{
			name: "wrong type in a list, with its index",
			in:   strings.Replace(minimalYAML, "type: Public", "type: Public\n  - name: b\n    cidr: [1]", 1),
			want: "document 1 (line 1, Cluster k8s.example.com): spec.subnets[1].cidr: got array, want a string",
		},
		{
			name: "wrong scalar type",
			in:   strings.Replace(minimalYAML, "maxSize: 2", "maxSize: two", 1),
			want: "document 2 (line 13, InstanceGroup nodes): spec.maxSize: got string, want an integer",
		},
		{
			name: "fraction for an integer",
			in:   strings.Replace(minimalYAML, "maxSize: 2", "maxSize: 2.5", 1),
			want: "document 2 (line 13, InstanceGroup nodes): spec.maxSize: got number 2.5, want an integer",
		},
		{
			name: "YAML 1.1 boolean for a name",
			in:   "apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata:\n  name: no\n",
			want: "document 1 (line 1): metadata.name: got bool, want a string",
		},
		{
			name: "bad time",
			in:   strings.Replace(minimalYAML, "name: nodes", "name: nodes\n  creationTimestamp: yesterday", 1),
			want: `document 2 (line 13, InstanceGroup nodes): "yesterday" is not an RFC 3339 time`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if err == nil {
				t.Fatalf("Parse succeeded, want error %q", tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tc.want)
			}
		})
	}
}

func TestParseKeepsEverything(t *testing.T) {
	in := "# leading comment\n---\n" + minimalYAML + `  tenancy: dedicated
  futureField:
    nested: 1
status:
  phase: Ready
---
---
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles: []
...
`
	m, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if m.Cluster == nil || m.Cluster.Name() != "k8s.example.com" || len(m.InstanceGroups) != 1 || len(m.Others) != 1 {
		t.Fatalf("parsed %+v", m)
	}
	ig := m.InstanceGroups[0]
	if ig.Spec.MinSize == nil || *ig.Spec.MinSize != 0 || ig.Spec.Tenancy != "dedicated" {
		t.Errorf("minSize %v tenancy %q", ig.Spec.MinSize, ig.Spec.Tenancy)
	}
	want := []string{
		"InstanceGroup nodes: spec.futureField",
		"InstanceGroup nodes: status",
		"KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1)",
	}
	if got := m.Unmodelled(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Unmodelled:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	out, err := m.YAML()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"minSize: 0", "nested: 1", "phase: Ready", "profiles: []", "\n---\n\napiVersion: kubescheduler"} {
		if !strings.Contains(string(out), s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

func TestParseJSON(t *testing.T) {
	m, err := Parse([]byte(`{"apiVersion":"kops.k8s.io/v1alpha2","kind":"InstanceGroup","metadata":{"name":"n"},"spec":{"role":"Node","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}}}`))
	if err != nil {
		t.Fatal(err)
	}
	ru := m.InstanceGroups[0].Spec.RollingUpdate
	if ru.MaxSurge.String() != "25%" || ru.MaxUnavailable.IsString || ru.MaxUnavailable.IntVal != 0 {
		t.Errorf("rollingUpdate = %v %v", ru.MaxSurge, ru.MaxUnavailable)
	}
}

func TestMemberNamesAreCaseSensitive(t *testing.T) {
	m, err := Parse([]byte("apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata:\n  name: nodes\nspec:\n  MachineType: t3.large\n"))
	if err != nil {
		t.Fatal(err)
	}
	ig := m.InstanceGroups[0]
	if ig.Spec.MachineType != "" {
		t.Errorf("MachineType read as machineType")
	}
	if got := ig.Unmodelled(); len(got) != 1 || got[0] != "spec.MachineType" {
		t.Errorf("Unmodelled = %v", got)
	}
}
