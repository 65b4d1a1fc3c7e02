package app_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cmd/drydock/app"
	"sigs.k8s.io/yaml"
)

// kOps' create_cluster cases run through `drydock create cluster` flags,
// with kOps' test region us-test-1 mapped to us-east-1, must give the
// manifests kOps expects in every field drydock models. Machine types are
// compared where the case names them: without sizes, kOps' test cloud
// defaults to its mock types, and drydock to the real region's.

const (
	kopsRegion = "us-test-1"
	realRegion = "us-east-1"
)

// flagOf turns one kOps create-cluster option into drydock flags; ok is
// false for options drydock's create cluster has no flag for.
func flagOf(key string, v any) (args []string, ok bool) {
	list := func(name string) []string {
		var out []string
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				out = append(out, name+"="+fmt.Sprint(e))
			}
		default:
			out = append(out, name+"="+fmt.Sprint(x))
		}
		return out
	}
	switch key {
	case "Zones":
		return list("--zones"), true
	case "ControlPlaneZones":
		return list("--control-plane-zones"), true
	case "ControlPlaneCount":
		return list("--control-plane-count"), true
	case "NodeCount":
		return list("--node-count"), true
	case "NodeSizes":
		return list("--node-size"), true
	case "ControlPlaneSizes":
		return list("--control-plane-size"), true
	case "KubernetesVersion", "kubernetesVersion":
		return list("--kubernetes-version"), true
	case "Networking":
		return list("--networking"), true
	case "Topology":
		return list("--topology"), true
	case "DNSType":
		return list("--dns"), true
	case "Bastion", "IPv6", "EncryptEtcdStorage":
		name := map[string]string{"Bastion": "--bastion", "IPv6": "--ipv6", "EncryptEtcdStorage": "--encrypt-etcd-storage"}[key]
		if b, _ := v.(bool); b {
			return []string{name}, true
		}
		return nil, true
	case "SSHAccess":
		return list("--ssh-access"), true
	case "AdminAccess":
		return list("--admin-access"), true
	case "APIServerCount":
		return list("--api-server-count"), true
	case "Egress":
		return list("--egress"), true
	case "DiscoveryStore":
		return list("--discovery-store"), true
	case "KubernetesFeatureGates":
		return list("--kubernetes-feature-gates"), true
	case "ControlPlaneSecurityGroups":
		return list("--control-plane-security-groups"), true
	case "NodeSecurityGroups":
		return list("--node-security-groups"), true
	case "NetworkID":
		return list("--vpc"), true
	case "SubnetIDs":
		return list("--subnets"), true
	case "InstanceManager":
		return list("--instance-manager"), true
	case "NodeImage":
		return list("--node-image"), true
	case "ControlPlaneImage":
		return list("--control-plane-image"), true
	case "NodeVolumeSize":
		return list("--node-volume-size"), true
	case "ControlPlaneVolumeSize":
		return list("--control-plane-volume-size"), true
	case "ControlPlaneVolumeType":
		return list("--control-plane-volume-type"), true
	case "NetworkCIDRs":
		return list("--network-cidr"), true
	case "Image":
		return list("--image"), true
	case "Sets":
		return list("--set"), true
	case "cloudLabels":
		return list("--cloud-labels"), true
	}
	return nil, false
}

func kopsCasesDir(t *testing.T) string {
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
			t.Skip("no module root")
		}
		dir = parent
	}
	cases := filepath.Join(filepath.Dir(dir), "shared", "testdata", "kops", "create_cluster")
	if _, err := os.Stat(cases); err != nil {
		t.Skipf("kOps create_cluster cases absent (%v): nothing to compare against", err)
	}
	return cases
}

func TestKopsCreateClusterCasesThroughFlags(t *testing.T) {
	root := kopsCasesDir(t)
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(root, e.Name(), "options.yaml"))
			if err != nil {
				t.Skipf("no options.yaml: %v", err)
			}
			raw = []byte(strings.ReplaceAll(string(raw), kopsRegion, realRegion))
			var opts map[string]any
			if err := yaml.Unmarshal(raw, &opts); err != nil {
				t.Fatal(err)
			}
			if p := opts["CloudProvider"]; p != "aws" {
				t.Skipf("cloud provider %v: drydock rehearses AWS only", p)
			}
			if opts["NetworkID"] != nil || opts["SubnetIDs"] != nil {
				t.Skip("the case's shared VPC (vpc-12345678, 10.0.0.0/12) is a fixture of kOps' mock cloud that AWS " +
					"cannot hold (VPCs are /16 at most); cluster/create builds it with a fake network, and " +
					"cluster/ops' TestCreateClusterInSharedNetwork looks a real VPC up in fakeaws")
			}
			name, _ := opts["ClusterName"].(string)
			args := []string{"create", "cluster", name, "--dry-run", "-o", "yaml"}
			keys := make([]string, 0, len(opts))
			for k := range opts {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if k == "ClusterName" || k == "CloudProvider" {
					continue
				}
				f, ok := flagOf(k, opts[k])
				if !ok {
					t.Skipf("option %s has no drydock create cluster flag yet", k)
				}
				args = append(args, f...)
			}
			var out, errb bytes.Buffer
			if err := app.Run(context.Background(), args, app.Streams{In: &bytes.Buffer{}, Out: &out, Err: &errb}); err != nil {
				t.Fatalf("drydock %s: %v\n%s", strings.Join(args, " "), err, errb.String())
			}
			expected, err := os.ReadFile(filepath.Join(root, e.Name(), "expected-v1alpha2.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			_, sized := opts["NodeSizes"]
			want := summarize(t, strings.ReplaceAll(string(expected), kopsRegion, realRegion), sized)
			got := summarize(t, out.String(), sized)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("drydock %s\n got %s\nwant %s", strings.Join(args[2:], " "), got, want)
			}
			ran++
		})
	}
	if ran == 0 {
		t.Fatal("no case ran through the flags")
	}
}

// summary is what drydock models of a cluster's manifests.
type summary struct {
	Cluster []string
	Groups  []string
}

func (s summary) String() string {
	return "\n  " + strings.Join(s.Cluster, "\n  ") + "\n  " + strings.Join(s.Groups, "\n  ")
}

func summarize(t *testing.T, manifests string, machineTypes bool) summary {
	t.Helper()
	var s summary
	for _, doc := range strings.Split(manifests, "\n---\n") {
		if strings.TrimSpace(doc) == "" || strings.TrimSpace(doc) == "---" {
			continue
		}
		var m map[string]any
		if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
			t.Fatalf("manifest: %v\n%s", err, doc)
		}
		spec, _ := m["spec"].(map[string]any)
		meta, _ := m["metadata"].(map[string]any)
		switch m["kind"] {
		case "Cluster":
			s.Cluster = append(s.Cluster,
				"name "+str(meta["name"]),
				"kubernetesVersion "+str(spec["kubernetesVersion"]),
				"networkCIDR "+str(spec["networkCIDR"]),
				"topology "+str(dig(spec, "topology", "dns", "type")),
				"api.loadBalancer "+str(dig(spec, "api", "loadBalancer", "type"))+" "+str(dig(spec, "api", "loadBalancer", "class")),
				"networking "+strings.Join(mapKeys(spec["networking"]), ","))
			for _, sn := range list(spec["subnets"]) {
				s.Cluster = append(s.Cluster, "subnet "+str(dig(sn, "name"))+" "+str(dig(sn, "zone"))+" "+str(dig(sn, "cidr"))+" "+str(dig(sn, "type")))
			}
			for _, ec := range list(spec["etcdClusters"]) {
				var members []string
				for _, em := range list(dig(ec, "etcdMembers")) {
					members = append(members, str(dig(em, "name"))+"="+str(dig(em, "instanceGroup")))
				}
				s.Cluster = append(s.Cluster, "etcd "+str(dig(ec, "name"))+" "+strings.Join(members, ","))
			}
		case "InstanceGroup":
			line := fmt.Sprintf("ig %s %s min=%s max=%s subnets=%v", str(meta["name"]), str(spec["role"]),
				str(spec["minSize"]), str(spec["maxSize"]), list(spec["subnets"]))
			if machineTypes {
				line += " " + str(spec["machineType"])
			}
			s.Groups = append(s.Groups, line)
		}
	}
	sort.Strings(s.Groups)
	return s
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func list(v any) []any { l, _ := v.([]any); return l }

func mapKeys(v any) []string {
	m, _ := v.(map[string]any)
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return "-"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return fmt.Sprint(x)
	}
}
