package bootstrap

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// TestKubeadmAPIVersion: kubeadm's v1beta4 from Kubernetes 1.31, v1beta3
// before, with kubeletExtraArgs as a list in one and a map in the other;
// the packages are those of the version.
func TestKubeadmAPIVersion(t *testing.T) {
	f := load(t)
	tests := []struct {
		version     string
		wantAPI     string
		wantRepo    string
		wantExtraKV any
	}{
		{"1.29.15", kubeadmV1beta3, "core:/stable:/v1.29/deb/", map[string]any{"node-labels": "example.com/team=blue,node.kubernetes.io/pool=general,tier=batch"}},
		{"v1.30.14", kubeadmV1beta3, "core:/stable:/v1.30/deb/", map[string]any{"node-labels": "example.com/team=blue,node.kubernetes.io/pool=general,tier=batch"}},
		{"1.31.0", kubeadmV1beta4, "core:/stable:/v1.31/deb/", []any{map[string]any{"name": "node-labels", "value": "example.com/team=blue,node.kubernetes.io/pool=general,tier=batch"}}},
		{"1.34.1", kubeadmV1beta4, "core:/stable:/v1.34/deb/", []any{map[string]any{"name": "node-labels", "value": "example.com/team=blue,node.kubernetes.io/pool=general,tier=batch"}}},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			c := f.cluster.DeepCopy()
			c.Spec.KubernetesVersion = tt.version
			version := strings.TrimPrefix(tt.version, "v")
			for _, group := range []string{"control-plane-us-east-1a", "nodes"} {
				cfg := f.config(t, group)
				cfg.Cluster = c
				ud, err := UserData(cfg)
				if err != nil {
					t.Fatal(err)
				}
				d := decode(t, ud)
				docs := kubeadmDocs(t, d.files[joinConfigPath].Content)
				if group != "nodes" {
					docs = append(docs, kubeadmDocs(t, d.files[initConfigPath].Content)...)
					if got := dig(docs[2], "kubernetesVersion"); got != "v"+version {
						t.Errorf("kubernetesVersion = %v, want v%s", got, version)
					}
				} else if got := dig(docs[0], "nodeRegistration", "kubeletExtraArgs"); !reflect.DeepEqual(got, tt.wantExtraKV) {
					t.Errorf("kubeletExtraArgs = %#v, want %#v", got, tt.wantExtraKV)
				}
				for _, doc := range docs {
					if doc["apiVersion"] != tt.wantAPI {
						t.Errorf("%s %s: apiVersion %v, want %s", group, doc["kind"], doc["apiVersion"], tt.wantAPI)
					}
				}
				install := d.files[installScriptPath].Content
				for _, want := range []string{"version=" + version + "\n", "https://pkgs.k8s.io/" + tt.wantRepo, `"kubeadm=$version-*"`, "apt-mark hold kubelet kubeadm kubectl"} {
					if !strings.Contains(install, want) {
						t.Errorf("%s lacks %q", installScriptPath, want)
					}
				}
				if n, err := ParseNode(ud); err != nil || n.KubernetesVersion != version {
					t.Errorf("node description: %+v, %v; want version %s", n, err, version)
				}
			}
		})
	}
}

// TestInitGroup: the machine of one control-plane group only may run
// kubeadm init.
func TestInitGroup(t *testing.T) {
	f := load(t)
	controlPlanes := []string{"control-plane-us-east-1a", "control-plane-us-east-1b", "control-plane-us-east-1c"}
	reversed := f.cluster.DeepCopy()
	for i := range reversed.Spec.EtcdClusters {
		slices.Reverse(reversed.Spec.EtcdClusters[i].Members)
	}
	noEtcd := f.cluster.DeepCopy()
	noEtcd.Spec.EtcdClusters = nil
	tests := []struct {
		name      string
		cluster   *api.Cluster
		initGroup string
		want      string // the group that inits; "" for an error
	}{
		{"first member group by name", f.cluster, "", "control-plane-us-east-1a"},
		{"member order does not matter", reversed, "", "control-plane-us-east-1a"},
		{"override", f.cluster, "control-plane-us-east-1c", "control-plane-us-east-1c"},
		{"override without etcd", noEtcd, "control-plane-us-east-1b", "control-plane-us-east-1b"},
		{"no etcd, no override", noEtcd, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inits []string
			for _, group := range controlPlanes {
				cfg := f.config(t, group)
				cfg.Cluster, cfg.InitGroup = tt.cluster, tt.initGroup
				ud, err := UserData(cfg)
				if tt.want == "" {
					if err == nil || !strings.Contains(err.Error(), "InitGroup") {
						t.Errorf("%s: err = %v, want one about InitGroup", group, err)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				script := decode(t, ud).files[kubeadmScriptPath].Content
				if strings.Contains(script, "kubeadm_ init") {
					inits = append(inits, group)
				}
			}
			if tt.want != "" && !slices.Equal(inits, []string{tt.want}) {
				t.Errorf("groups that init: %q, want %q", inits, tt.want)
			}
			// Nodes do not care which control plane inits.
			cfg := f.config(t, "nodes")
			cfg.Cluster, cfg.InitGroup = tt.cluster, tt.initGroup
			if _, err := UserData(cfg); err != nil {
				t.Errorf("nodes: %v", err)
			}
		})
	}
}

func TestUserDataErrors(t *testing.T) {
	f := load(t)
	tests := []struct {
		name   string
		group  string
		change func(cfg *NodeConfig)
		want   string
	}{
		{"no cluster", "nodes", func(c *NodeConfig) { c.Cluster = nil }, "needs a Cluster"},
		{"no secrets", "nodes", func(c *NodeConfig) { c.Secrets = nil }, "no bootstrap secrets"},
		{"malformed token", "nodes", func(c *NodeConfig) { c.Secrets.BootstrapToken = "abc.def" }, "bootstrap token"},
		{"malformed hash", "nodes", func(c *NodeConfig) { c.Secrets.CACertHash = "sha1:00" }, "hash"},
		{"hash of another CA", "nodes", func(c *NodeConfig) { c.Secrets.CACertHash = "sha256:" + strings.Repeat("0", 64) }, "is not that of the CA"},
		{"no certificate key", "control-plane-us-east-1b", func(c *NodeConfig) { c.Secrets.CertificateKey = "" }, "certificate key"},
		{"no CA key", "control-plane-us-east-1b", func(c *NodeConfig) { c.Secrets.CAKeyPEM = nil }, "CA key"},
		{"no CA certificate", "control-plane-us-east-1b", func(c *NodeConfig) { c.Secrets.CACertPEM = nil }, "CA certificate"},
		{"no endpoint", "nodes", func(c *NodeConfig) { c.APIEndpoint = "" }, "API endpoint"},
		{"endpoint with shell", "nodes", func(c *NodeConfig) { c.APIEndpoint = "api.example.com;reboot" }, "API endpoint"},
		{"endpoint with port", "nodes", func(c *NodeConfig) { c.APIEndpoint = "api.example.com:443" }, "API endpoint"},
		{"port out of range", "nodes", func(c *NodeConfig) { c.APIPort = 70000 }, "not a TCP port"},
		{"APIServer role", "nodes", func(c *NodeConfig) { c.Group.Spec.Role = api.RoleAPIServer }, "not supported"},
		{"no role", "nodes", func(c *NodeConfig) { c.Group.Spec.Role = "" }, "no spec.role"},
		{"bad version", "nodes", func(c *NodeConfig) { c.Cluster.Spec.KubernetesVersion = "latest" }, "kubernetesVersion"},
		{"pre-release", "nodes", func(c *NodeConfig) { c.Cluster.Spec.KubernetesVersion = "1.35.0-alpha.1" }, "released packages"},
		{"too old", "nodes", func(c *NodeConfig) { c.Cluster.Spec.KubernetesVersion = "1.23.17" }, "1.24 and later"},
		{"bad taint", "nodes", func(c *NodeConfig) { c.Group.Spec.Taints = []string{"dedicated=batch"} }, "spec.taints"},
		{"bad label", "nodes", func(c *NodeConfig) { c.Group.Spec.NodeLabels = map[string]string{"a b": "c"} }, "spec.nodeLabels"},
		{"IPv6 non-masquerade CIDR", "nodes", func(c *NodeConfig) { c.Cluster.Spec.NonMasqueradeCIDR = "::/0" }, "nonMasqueradeCIDR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := f.config(t, tt.group)
			cfg.Cluster, cfg.Group = cfg.Cluster.DeepCopy(), cfg.Group.DeepCopy()
			secrets := *cfg.Secrets
			cfg.Secrets = &secrets
			tt.change(&cfg)
			ud, err := UserData(cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
			if ud != nil {
				t.Errorf("user data returned with the error")
			}
			for _, needle := range secretNeedles(t, f.secrets) {
				if strings.Contains(err.Error(), needle) {
					t.Errorf("the error reveals a secret: %v", err)
				}
			}
		})
	}
	// A bastion needs neither secrets nor an endpoint.
	cfg := f.config(t, "bastions")
	cfg.Secrets, cfg.APIEndpoint = nil, ""
	if _, err := UserData(cfg); err != nil {
		t.Errorf("bastion without secrets: %v", err)
	}
}

// TestUserDataSize: a control plane with more labels and taints than usual
// stays well under EC2's limit; past the limit, UserData refuses.
func TestUserDataSize(t *testing.T) {
	f := load(t)
	withMore := func(labels, taints int) NodeConfig {
		cfg := f.config(t, "control-plane-us-east-1a")
		cfg.Group = cfg.Group.DeepCopy()
		for i := range labels {
			cfg.Group.Spec.NodeLabels[fmt.Sprintf("example.com/label-%03d", i)] = "value-of-twenty-char"
		}
		for i := range taints {
			cfg.Group.Spec.Taints = append(cfg.Group.Spec.Taints, fmt.Sprintf("example.com/taint-%03d=value:NoSchedule", i))
		}
		return cfg
	}
	ud, err := UserData(withMore(10, 5))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("a control plane with 10 more labels and 5 taints: %d bytes", len(ud))
	if len(ud) > MaxUserDataSize*3/4 {
		t.Errorf("a control plane with 10 more labels and 5 taints takes %d bytes, over three quarters of EC2's %d", len(ud), MaxUserDataSize)
	}
	if _, err := UserData(withMore(200, 200)); err == nil || !strings.Contains(err.Error(), "more than EC2's") {
		t.Errorf("200 labels and taints: err = %v, want one about EC2's limit", err)
	}
}

func TestClusterSubnets(t *testing.T) {
	tests := []struct {
		name         string
		spec         string // YAML of the cluster spec
		pods, svcs   string
		wantErrorHas string
	}{
		{"kOps' default", `{}`, "100.96.0.0/11", "100.64.0.0/13", ""},
		{"explicit default", `{nonMasqueradeCIDR: 100.64.0.0/10}`, "100.96.0.0/11", "100.64.0.0/13", ""},
		{"10/8", `{nonMasqueradeCIDR: 10.0.0.0/8}`, "10.128.0.0/9", "10.0.0.0/11", ""},
		{"unmasked", `{nonMasqueradeCIDR: 10.1.2.3/16}`, "10.1.128.0/17", "10.1.0.0/19", ""},
		{"explicit ranges", `{nonMasqueradeCIDR: "::/0", podCIDR: 10.244.0.0/16, serviceClusterIPRange: 10.96.0.0/12}`, "10.244.0.0/16", "10.96.0.0/12", ""},
		{"controller manager's cluster CIDR", `{kubeControllerManager: {clusterCIDR: 10.200.0.0/16}}`, "10.200.0.0/16", "100.64.0.0/13", ""},
		{"IPv6", `{nonMasqueradeCIDR: "::/0"}`, "", "", "not an IPv4 CIDR"},
		{"too small", `{nonMasqueradeCIDR: 10.0.0.0/26}`, "", "", "/24 or larger"},
		{"bad service range", `{serviceClusterIPRange: nonsense}`, "", "", "service subnet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := api.Parse([]byte("apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata: {name: x}\nspec: " + tt.spec + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := clusterSubnets(&m.Cluster.Spec)
			if tt.wantErrorHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrorHas) {
					t.Errorf("err = %v, want one containing %q", err, tt.wantErrorHas)
				}
				return
			}
			if err != nil || got.pods != tt.pods || got.services != tt.svcs {
				t.Errorf("clusterSubnets = %+v, %v; want pods %s, services %s", got, err, tt.pods, tt.svcs)
			}
		})
	}
}

func TestKubeletMaySet(t *testing.T) {
	tests := map[string]bool{
		"tier":                                  true,
		"example.com/team":                      true,
		"kops.k8s.io/instancegroup":             false,
		"node-role.kubernetes.io/node":          false,
		"kubernetes.io/role":                    false,
		"k8s.io/x":                              false,
		"node.kubernetes.io/pool":               true,
		"sub.node.kubernetes.io/pool":           true,
		"kubelet.kubernetes.io/x":               true,
		"topology.kubernetes.io/zone":           true,
		"topology.kubernetes.io/other":          false,
		"kubernetes.io/arch":                    true,
		"notkubernetes.io/x":                    true,
		"node-restriction.kubernetes.io/secure": false,
	}
	for key, want := range tests {
		if got := kubeletMaySet(key); got != want {
			t.Errorf("kubeletMaySet(%q) = %v, want %v", key, got, want)
		}
	}
}

func TestParseTaints(t *testing.T) {
	tests := []struct {
		in      []string
		want    []taint
		wantErr bool
	}{
		{in: nil, want: nil},
		{in: []string{"dedicated=batch:NoSchedule", "spot:PreferNoSchedule", "example.com/x=y:NoExecute"},
			want: []taint{{"dedicated", "batch", "NoSchedule"}, {"spot", "", "PreferNoSchedule"}, {"example.com/x", "y", "NoExecute"}}},
		{in: []string{"dedicated=batch"}, wantErr: true},
		{in: []string{"dedicated:Never"}, wantErr: true},
		{in: []string{"=x:NoSchedule"}, wantErr: true},
		{in: []string{"a=b c:NoSchedule"}, wantErr: true},
	}
	for _, tt := range tests {
		got, err := parseTaints(tt.in)
		if (err != nil) != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseTaints(%q) = %v, %v; want %v (error: %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	cp := []taint{controlPlaneTaint}
	if got := withControlPlaneTaint(nil); !reflect.DeepEqual(got, cp) {
		t.Errorf("withControlPlaneTaint(nil) = %v", got)
	}
	if got := withControlPlaneTaint(cp); !reflect.DeepEqual(got, cp) {
		t.Errorf("withControlPlaneTaint added a second control-plane taint: %v", got)
	}
	own := []taint{{"x", "", "NoExecute"}}
	if got := withControlPlaneTaint(own); !reflect.DeepEqual(got, append(cp, own...)) {
		t.Errorf("withControlPlaneTaint(%v) = %v", own, got)
	}
}
