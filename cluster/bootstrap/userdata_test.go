package bootstrap

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// k8sFiles are written on every node that runs Kubernetes.
var k8sFiles = []string{NodePath, modulesPath, sysctlPath}

var controlPlaneFiles = append(slices.Clone(k8sFiles),
	initConfigPath, caCertPath, caKeyPath,
	"/etc/systemd/system/drydock-upload-certs.service", "/etc/systemd/system/drydock-upload-certs.timer",
	joinConfigPath, installScriptPath, kubeadmScriptPath)

var nodeFiles = append(slices.Clone(k8sFiles), joinConfigPath, installScriptPath, kubeadmScriptPath)

// secretFiles may hold secrets, and must be root's only.
var secretFiles = []string{initConfigPath, joinConfigPath, caKeyPath}

func TestUserData(t *testing.T) {
	f := load(t)
	tests := []struct {
		name      string
		group     string
		wantFiles []string
		wantNode  Node
		// In the kubeadm script, in this order.
		wantScript []string
		notScript  []string
	}{{
		name:      "control plane of the init group",
		group:     "control-plane-us-east-1a",
		wantFiles: controlPlaneFiles,
		wantNode: Node{Role: RoleControlPlane, InstanceGroup: "control-plane-us-east-1a",
			Labels: map[string]string{"kops.k8s.io/instancegroup": "control-plane-us-east-1a"},
			Taints: []string{"node-role.kubernetes.io/control-plane:NoSchedule"}},
		wantScript: []string{
			"url=https://api.k8s.example.com:443/livez",
			"if answers; then\n  join\nelse\n  kubeadm_ init --config /etc/drydock/kubeadm-init.yaml --upload-certs\nfi\n",
			"systemctl enable --now drydock-upload-certs.timer",
			"label node \"$node\" --overwrite 'kops.k8s.io/instancegroup=control-plane-us-east-1a'",
		},
		notScript: []string{"wait_for_api\njoin"},
	}, {
		name:      "control plane of another group",
		group:     "control-plane-us-east-1b",
		wantFiles: controlPlaneFiles,
		wantNode: Node{Role: RoleControlPlane, InstanceGroup: "control-plane-us-east-1b",
			Labels: map[string]string{"kops.k8s.io/instancegroup": "control-plane-us-east-1b"},
			Taints: []string{"node-role.kubernetes.io/control-plane:NoSchedule"}},
		wantScript: []string{
			"wait_for_api\njoin\n",
			"systemctl enable --now drydock-upload-certs.timer",
			"--overwrite 'kops.k8s.io/instancegroup=control-plane-us-east-1b'",
		},
		notScript: []string{"kubeadm_ init"},
	}, {
		name:      "node",
		group:     "nodes",
		wantFiles: nodeFiles,
		wantNode: Node{Role: RoleNode, InstanceGroup: "nodes",
			Labels: map[string]string{"example.com/team": "blue", "kops.k8s.io/instancegroup": "nodes", "node.kubernetes.io/pool": "general", "tier": "batch"},
			Taints: []string{"dedicated=batch:NoSchedule", "spot:PreferNoSchedule"}},
		wantScript: []string{"wait_for_api\njoin\n"},
		notScript:  []string{"kubeadm_ init", "upload-certs", "kubectl", "admin.conf"},
	}, {
		name:      "bastion",
		group:     "bastions",
		wantFiles: []string{NodePath},
		wantNode:  Node{Role: RoleBastion, InstanceGroup: "bastions"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := f.config(t, tt.group)
			ud, err := UserData(cfg)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d bytes", len(ud))
			// Well under EC2's limit, leaving room for labels and taints.
			if len(ud) > MaxUserDataSize/2 {
				t.Errorf("%d bytes of user data, over half EC2's limit of %d", len(ud), MaxUserDataSize)
			}
			d := decode(t, ud)
			if !slices.Equal(d.paths, tt.wantFiles) {
				t.Errorf("write_files:\n got %q\nwant %q", d.paths, tt.wantFiles)
			}

			// The node description round-trips and holds no secret.
			want := tt.wantNode
			want.APIVersion, want.Kind, want.Cluster = NodeAPIVersion, NodeKind, clusterName
			want.KubernetesVersion, want.APIEndpoint, want.APIPort = "1.33.4", endpoint, 443
			got, err := ParseNode(ud)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("ParseNode:\n got %+v\nwant %+v", *got, want)
			}

			// Secrets only in the files for them, which are root's only.
			for _, path := range d.paths {
				file := d.files[path]
				if slices.Contains(secretFiles, path) {
					if file.Permissions != "0600" {
						t.Errorf("%s has mode %s, want 0600", path, file.Permissions)
					}
					continue
				}
				for _, needle := range secretNeedles(t, f.secrets) {
					if strings.Contains(file.Content, needle) {
						t.Errorf("%s reveals a secret:\n%s", path, file.Content)
					}
				}
			}
			for _, cmd := range d.runcmd {
				for _, needle := range secretNeedles(t, f.secrets) {
					if strings.Contains(strings.Join(cmd, " "), needle) {
						t.Errorf("runcmd %q reveals a secret", cmd)
					}
				}
			}

			// The CA is on control planes only, as the state store has it.
			if ca, ok := d.files[caKeyPath]; ok != (want.Role == RoleControlPlane) {
				t.Errorf("CA key written: %v, want %v", ok, want.Role == RoleControlPlane)
			} else if ok && (ca.Content != string(f.secrets.CAKeyPEM) || d.files[caCertPath].Content != string(f.secrets.CACertPEM)) {
				t.Error("the CA written is not the secrets' CA")
			}

			if want.Role == RoleBastion {
				if d.runcmd != nil || bytes.Contains(ud, []byte("kubeadm")) {
					t.Errorf("a bastion gets Kubernetes:\n%s", ud)
				}
			} else {
				if wantCmd := [][]string{{installScriptPath}, {kubeadmScriptPath}}; !reflect.DeepEqual(d.runcmd, wantCmd) {
					t.Errorf("runcmd = %q, want %q", d.runcmd, wantCmd)
				}
				for _, path := range []string{installScriptPath, kubeadmScriptPath} {
					if d.files[path].Permissions != "0700" {
						t.Errorf("%s has mode %s, want 0700", path, d.files[path].Permissions)
					}
					checkBash(t, path, d.files[path].Content)
				}
				script := d.files[kubeadmScriptPath].Content
				checkInOrder(t, kubeadmScriptPath, script, tt.wantScript)
				for _, s := range tt.notScript {
					if strings.Contains(script, s) {
						t.Errorf("%s has %q:\n%s", kubeadmScriptPath, s, script)
					}
				}
				checkKubeadmConfig(t, d, f.secrets, want)
			}

			// The same inputs, copied (maps rebuilt), give the same bytes.
			for range 10 {
				again := cfg
				again.Cluster, again.Group = cfg.Cluster.DeepCopy(), cfg.Group.DeepCopy()
				if b, err := UserData(again); err != nil || !bytes.Equal(b, ud) {
					t.Fatalf("UserData is not deterministic (%v)", err)
				}
			}
			golden(t, "userdata-"+tt.group, ud)
		})
	}
}

// checkKubeadmConfig checks the kubeadm configuration of node n.
func checkKubeadmConfig(t *testing.T, d decoded, s *Secrets, n Node) {
	t.Helper()
	join := kubeadmDocs(t, d.files[joinConfigPath].Content)
	if len(join) != 1 || join[0]["kind"] != "JoinConfiguration" || join[0]["apiVersion"] != kubeadmV1beta4 {
		t.Fatalf("%s is not one v1beta4 JoinConfiguration:\n%s", joinConfigPath, d.files[joinConfigPath].Content)
	}
	discovery := dig(join[0], "discovery", "bootstrapToken")
	wantDiscovery := map[string]any{
		"apiServerEndpoint": "api.k8s.example.com:443",
		"token":             s.BootstrapToken,
		"caCertHashes":      []any{s.CACertHash},
	}
	if !reflect.DeepEqual(discovery, wantDiscovery) {
		t.Errorf("discovery = %v, want %v", discovery, wantDiscovery)
	}
	wantTaints := []any{}
	for _, taint := range n.Taints {
		kv, effect, _ := strings.Cut(taint, ":")
		k, v, _ := strings.Cut(kv, "=")
		m := map[string]any{"key": k, "effect": effect}
		if v != "" {
			m["value"] = v
		}
		wantTaints = append(wantTaints, m)
	}
	if got := dig(join[0], "nodeRegistration", "taints"); !reflect.DeepEqual(got, wantTaints) && !(got == nil && len(wantTaints) == 0) {
		t.Errorf("join taints = %v, want %v", got, wantTaints)
	}
	if n.Role != RoleControlPlane {
		if cp := dig(join[0], "controlPlane"); cp != nil {
			t.Errorf("a node joins with controlPlane %v", cp)
		}
		if n.InstanceGroup == "nodes" {
			// The kubelet sets the labels it may; not kops.k8s.io/instancegroup.
			want := []any{map[string]any{"name": "node-labels", "value": "example.com/team=blue,node.kubernetes.io/pool=general,tier=batch"}}
			if got := dig(join[0], "nodeRegistration", "kubeletExtraArgs"); !reflect.DeepEqual(got, want) {
				t.Errorf("kubeletExtraArgs = %v, want %v", got, want)
			}
		}
		return
	}
	wantCP := map[string]any{"certificateKey": s.CertificateKey, "localAPIEndpoint": map[string]any{"bindPort": 443.0}}
	if cp := dig(join[0], "controlPlane"); !reflect.DeepEqual(cp, wantCP) {
		t.Errorf("join controlPlane = %v, want %v", cp, wantCP)
	}
	if args := dig(join[0], "nodeRegistration", "kubeletExtraArgs"); args != nil {
		t.Errorf("a control plane's kubelet sets labels %v, which it may not", args)
	}

	docs := kubeadmDocs(t, d.files[initConfigPath].Content)
	if len(docs) != 2 || docs[0]["kind"] != "InitConfiguration" || docs[1]["kind"] != "ClusterConfiguration" {
		t.Fatalf("%s is not an InitConfiguration and a ClusterConfiguration:\n%s", initConfigPath, d.files[initConfigPath].Content)
	}
	ic, cc := docs[0], docs[1]
	for path, want := range map[string]any{
		"certificateKey":                    s.CertificateKey,
		"localAPIEndpoint/bindPort":         443.0,
		"nodeRegistration/criSocket":        criSocket,
		"nodeRegistration/taints":           wantTaints,
		"bootstrapTokens":                   []any{map[string]any{"token": s.BootstrapToken, "ttl": "0s", "description": "drydock: nodes of cluster k8s.example.com join with it"}},
		"@clusterName":                      clusterName,
		"@kubernetesVersion":                "v1.33.4",
		"@controlPlaneEndpoint":             "api.k8s.example.com:443",
		"@apiServer/certSANs":               []any{"api.k8s.example.com"},
		"@networking/podSubnet":             "100.96.0.0/11",
		"@networking/serviceSubnet":         "100.64.0.0/13",
		"@apiVersion":                       kubeadmV1beta4,
		"apiVersion":                        kubeadmV1beta4,
		"nodeRegistration/kubeletExtraArgs": nil,
	} {
		doc := ic
		if strings.HasPrefix(path, "@") {
			doc, path = cc, path[1:]
		}
		if got := dig(doc, strings.Split(path, "/")...); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s = %#v, want %#v", initConfigPath, path, got, want)
		}
	}
}

// kubeadmDocs parses a YAML stream of kubeadm documents.
func kubeadmDocs(t *testing.T, stream string) []map[string]any {
	t.Helper()
	var docs []map[string]any
	for _, part := range strings.Split(stream, "---\n") {
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(part), &doc); err != nil {
			t.Fatalf("kubeadm configuration: %v\n%s", err, stream)
		}
		docs = append(docs, doc)
	}
	return docs
}

// dig returns the value at path in a decoded YAML document, or nil.
func dig(doc map[string]any, path ...string) any {
	var v any = doc
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// checkInOrder checks that s holds each of want, in that order.
func checkInOrder(t *testing.T, what, s string, want []string) {
	t.Helper()
	rest := s
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Errorf("%s lacks %q (or has it out of order):\n%s", what, w, s)
			return
		}
		rest = rest[i+len(w):]
	}
}

// checkBash checks the script's syntax with bash -n, when bash is there.
func checkBash(t *testing.T, name, script string) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Logf("no bash to check %s with", name)
		return
	}
	path := filepath.Join(t.TempDir(), filepath.Base(name))
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bash, "-n", path).CombinedOutput(); err != nil {
		t.Errorf("%s: bash -n: %v\n%s\n%s", name, err, out, script)
	}
}

// TestUserDataControlPlaneLabels: a control plane labels itself with
// kubectl only with the labels its kubelet may not set.
func TestUserDataControlPlaneLabels(t *testing.T) {
	f := load(t)
	tests := []struct {
		name        string
		labels      map[string]string
		wantKubectl string // "" for no kubectl
		wantKubelet any
	}{
		{"none", nil, "", nil},
		{"kubelet's only", map[string]string{"tier": "control"}, "", []any{map[string]any{"name": "node-labels", "value": "tier=control"}}},
		{"both", map[string]string{"tier": "control", "node-role.kubernetes.io/master": "", "kops.k8s.io/instancegroup": "cp"},
			`--overwrite 'kops.k8s.io/instancegroup=cp' 'node-role.kubernetes.io/master=' ||`,
			[]any{map[string]any{"name": "node-labels", "value": "tier=control"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := f.config(t, "control-plane-us-east-1b")
			cfg.Group = cfg.Group.DeepCopy()
			cfg.Group.Spec.NodeLabels = tt.labels
			ud, err := UserData(cfg)
			if err != nil {
				t.Fatal(err)
			}
			d := decode(t, ud)
			script := d.files[kubeadmScriptPath].Content
			checkBash(t, kubeadmScriptPath, script)
			if tt.wantKubectl == "" && strings.Contains(script, "kubectl") {
				t.Errorf("%s labels with kubectl:\n%s", kubeadmScriptPath, script)
			}
			if tt.wantKubectl != "" && !strings.Contains(script, tt.wantKubectl) {
				t.Errorf("%s lacks %q:\n%s", kubeadmScriptPath, tt.wantKubectl, script)
			}
			for _, path := range []string{initConfigPath, joinConfigPath} {
				if got := dig(kubeadmDocs(t, d.files[path].Content)[0], "nodeRegistration", "kubeletExtraArgs"); !reflect.DeepEqual(got, tt.wantKubelet) {
					t.Errorf("%s: kubeletExtraArgs = %#v, want %#v", path, got, tt.wantKubelet)
				}
			}
		})
	}
}
