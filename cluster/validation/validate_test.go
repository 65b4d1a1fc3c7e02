package validation

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/cluster/internal/testkit"
)

// base returns a valid HA cluster in us-east-1, private topology.
func base(t *testing.T) *api.Manifest {
	t.Helper()
	m, err := create.Build(context.Background(), create.Options{
		ClusterName: "k8s.example.com", Zones: []string{"us-east-1a", "us-east-1b", "us-east-1c"},
		ControlPlaneCount: 3, Topology: "private", Bastion: true, KubernetesVersion: "1.33.4",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(m.Cluster, m.InstanceGroups, nil); err != nil {
		t.Fatalf("the base cluster is invalid:\n%v", err)
	}
	return m
}

func group(m *api.Manifest, name string) *api.InstanceGroup {
	for _, ig := range m.InstanceGroups {
		if ig.Name() == name {
			return ig
		}
	}
	panic("no group " + name)
}

func i32(n int32) *int32 { return &n }

func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(m *api.Manifest)
		want []string
	}{
		{"cluster name", func(m *api.Manifest) {
			m.Cluster.Metadata.Name = "Prod_Cluster"
			for _, ig := range m.InstanceGroups {
				delete(ig.Metadata.Labels, api.LabelCluster)
			}
		},
			[]string{`metadata.name: "Prod_Cluster" is not a fully-qualified DNS name (such as k8s.example.com)`}},
		{"cloud provider", func(m *api.Manifest) { m.Cluster.Spec.CloudProvider = "gce" },
			[]string{"spec.cloudProvider: gce is not supported; drydock rehearses aws"}},
		{"version that does not parse", func(m *api.Manifest) { m.Cluster.Spec.KubernetesVersion = "1.x" },
			[]string{`spec.kubernetesVersion: "1.x" is not a version such as 1.33.4`}},
		{"version too old", func(m *api.Manifest) { m.Cluster.Spec.KubernetesVersion = "v1.29.3" },
			[]string{"spec.kubernetesVersion: v1.29.3 is not supported; drydock supports 1.30 to 1.36"}},
		{"version too new", func(m *api.Manifest) { m.Cluster.Spec.KubernetesVersion = "1.37.0-alpha.1" },
			[]string{"spec.kubernetesVersion: 1.37.0-alpha.1 is not supported; drydock supports 1.30 to 1.36"}},
		{"even etcd members", func(m *api.Manifest) {
			m.Cluster.Spec.EtcdClusters[1].Members = m.Cluster.Spec.EtcdClusters[1].Members[:2]
		}, []string{"spec.etcdClusters[1].etcdMembers: 2 members; etcd needs an odd number for quorum (1, 3 or 5)"}},
		{"etcd member on a missing group", func(m *api.Manifest) {
			m.Cluster.Spec.EtcdClusters[0].Members[2].InstanceGroup = "control-plane-us-east-1d"
		}, []string{"spec.etcdClusters[0].etcdMembers[2].instanceGroup: no control-plane instance group named control-plane-us-east-1d"}},
		{"etcd member on a node group", func(m *api.Manifest) {
			m.Cluster.Spec.EtcdClusters[0].Members[0].InstanceGroup = "nodes-us-east-1a"
		}, []string{"spec.etcdClusters[0].etcdMembers[0].instanceGroup: no control-plane instance group named nodes-us-east-1a"}},
		{"no main etcd", func(m *api.Manifest) { m.Cluster.Spec.EtcdClusters = m.Cluster.Spec.EtcdClusters[1:] },
			[]string{"spec.etcdClusters: no main cluster; kOps runs the etcd clusters main and events"}},
		{"subnet outside the network", func(m *api.Manifest) { m.Cluster.Spec.Subnets[2].CIDR = "10.0.0.0/24" },
			[]string{"spec.subnets[2].cidr: 10.0.0.0/24 is not inside networkCIDR 172.20.0.0/16"}},
		{"overlapping subnets", func(m *api.Manifest) { m.Cluster.Spec.Subnets[4].CIDR = "172.20.64.0/24" },
			[]string{"spec.subnets[4].cidr: 172.20.64.0/24 overlaps spec.subnets[0].cidr 172.20.64.0/18"}},
		{"CIDR with host bits", func(m *api.Manifest) { m.Cluster.Spec.Subnets[3].CIDR = "172.20.0.1/21" },
			[]string{"spec.subnets[3].cidr: 172.20.0.1/21 has host bits set; the network is 172.20.0.0/21"}},
		{"not a CIDR", func(m *api.Manifest) { m.Cluster.Spec.NetworkCIDR = "172.20.0.0" },
			[]string{`spec.networkCIDR: "172.20.0.0" is not an IPv4 CIDR`}},
		{"zone of another region", func(m *api.Manifest) { m.Cluster.Spec.Subnets[1].Zone = "eu-west-1b" },
			[]string{"spec.subnets[1]: Private subnet us-east-1b has no Utility subnet in zone eu-west-1b for its NAT gateway",
				"spec.subnets[1].zone: eu-west-1b is not in the cluster's region us-east-1 (of spec.subnets[0].zone)"}},
		{"unknown zone", func(m *api.Manifest) { m.Cluster.Spec.Subnets[5].Zone = "us-east-1z" },
			[]string{"spec.subnets[2]: Private subnet us-east-1c has no Utility subnet in zone us-east-1c for its NAT gateway",
				"spec.subnets[5].zone: us-east-1z is not a zone of us-east-1 (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f)"}},
		{"duplicate subnet, bad type", func(m *api.Manifest) {
			m.Cluster.Spec.Subnets[4].Name = "utility-us-east-1a"
			m.Cluster.Spec.Subnets[5].Type = "Shared"
		}, []string{"spec.subnets[2]: Private subnet us-east-1c has no Utility subnet in zone us-east-1c for its NAT gateway",
			"spec.subnets[4].name: utility-us-east-1a is already the name of spec.subnets[3]",
			`spec.subnets[5].type: "Shared" is not one of Public, Private, Utility, DualStack`}},
		{"egress", func(m *api.Manifest) {
			m.Cluster.Spec.Subnets[0].Egress = "igw-1"
			m.Cluster.Spec.Subnets[3].Egress = "nat-1"
		}, []string{`spec.subnets[0].egress: "igw-1" is not a NAT gateway (nat-…), an instance (i-…), an Elastic IP (eipalloc-…) or External`,
			"spec.subnets[3].egress: only a Private subnet has an egress"}},
		{"access lists", func(m *api.Manifest) { m.Cluster.Spec.SSHAccess = []string{"1.2.3.4/32", "office", "pl-123"} },
			[]string{`spec.sshAccess[1]: "office" is not a CIDR or a prefix list (pl-…)`}},
		{"networking", func(m *api.Manifest) {
			m.Cluster.Spec.Networking = api.Networking{"cilium": {}, "calico": {}, "weave": {}}
		},
			[]string{"spec.networking: several CNI providers (calico, cilium); keep one",
				"spec.networking.weave: not a CNI provider kOps knows (amazonvpc, calico, canal, cilium, cni, external, flannel, gcp, kindnet, kopeio, kubenet, kuberouter)"}},
		{"pod network overlaps the VPC", func(m *api.Manifest) { m.Cluster.Spec.NonMasqueradeCIDR = "172.20.0.0/14" },
			[]string{"spec.nonMasqueradeCIDR: 172.20.0.0/14 overlaps networkCIDR 172.20.0.0/16"}},
		{"rolling update", func(m *api.Manifest) {
			neg, pct := api.FromInt(-1), api.FromString("150%")
			m.Cluster.Spec.RollingUpdate = &api.RollingUpdate{MaxSurge: &neg, MaxUnavailable: &pct}
		}, []string{"spec.rollingUpdate.maxSurge: -1 is negative", "spec.rollingUpdate.maxUnavailable: 150% is more than 100%"}},
		{"min above max", func(m *api.Manifest) {
			ig := group(m, "nodes-us-east-1a")
			ig.Spec.MinSize, ig.Spec.MaxSize = i32(3), i32(2)
		}, []string{"InstanceGroup nodes-us-east-1a: spec.minSize: 3 is greater than spec.maxSize 2"}},
		{"negative size", func(m *api.Manifest) { group(m, "bastions").Spec.MinSize = i32(-1) },
			[]string{"InstanceGroup bastions: spec.minSize: -1 is negative"}},
		{"unknown instance types", func(m *api.Manifest) {
			ig := group(m, "nodes-us-east-1b")
			ig.Spec.MachineType = "t3.huge"
			ig.Spec.MixedInstancesPolicy = &api.MixedInstancesPolicy{Instances: []string{"m5.large", "m5.giant"}}
		}, []string{"InstanceGroup nodes-us-east-1b: spec.machineType: t3.huge is not an instance type drydock knows",
			"InstanceGroup nodes-us-east-1b: spec.mixedInstancesPolicy.instances[1]: m5.giant is not an instance type drydock knows"}},
		{"group subnets", func(m *api.Manifest) {
			group(m, "nodes-us-east-1c").Spec.Subnets = []string{"us-east-1c", "us-east-1d"}
		},
			[]string{"InstanceGroup nodes-us-east-1c: spec.subnets[1]: us-east-1d is not one of the cluster's spec.subnets"}},
		{"no control plane", func(m *api.Manifest) {
			for _, ig := range m.InstanceGroups {
				if ig.IsControlPlane() {
					ig.Spec.Role = api.RoleNode
				}
			}
			m.Cluster.Spec.EtcdClusters[0].Members = m.Cluster.Spec.EtcdClusters[0].Members[:1]
			m.Cluster.Spec.EtcdClusters[1].Members = m.Cluster.Spec.EtcdClusters[1].Members[:1]
		}, []string{"instanceGroups: no control-plane group (role Master); a cluster needs one",
			"spec.etcdClusters[0].etcdMembers[0].instanceGroup: no control-plane instance group named control-plane-us-east-1a",
			"spec.etcdClusters[1].etcdMembers[0].instanceGroup: no control-plane instance group named control-plane-us-east-1a"}},
		{"group fields", func(m *api.Manifest) {
			ig := group(m, "nodes-us-east-1a")
			ig.Metadata.Labels[api.LabelCluster] = "other.example.com"
			ig.Spec.Role = "Worker"
			ig.Spec.RootVolumeSize, ig.Spec.RootVolumeType = i32(0), "ssd"
			price := "cheap"
			ig.Spec.MaxPrice = &price
			ig.Spec.Taints = []string{"dedicated=gpu:NoSchedule", "gpu"}
			ig.Spec.Tenancy = "shared"
		}, []string{
			"InstanceGroup nodes-us-east-1a: metadata.labels[kops.k8s.io/cluster]: other.example.com is not the cluster's name k8s.example.com",
			`InstanceGroup nodes-us-east-1a: spec.maxPrice: "cheap" is not a price in US dollars per hour, such as 0.05`,
			`InstanceGroup nodes-us-east-1a: spec.role: "Worker" is not one of Master, ControlPlane, Node, Bastion, APIServer`,
			"InstanceGroup nodes-us-east-1a: spec.rootVolumeSize: 0 GiB; it must be positive",
			`InstanceGroup nodes-us-east-1a: spec.rootVolumeType: "ssd" is not an EBS volume type (gp2, gp3, io1, io2, st1, sc1, standard)`,
			`InstanceGroup nodes-us-east-1a: spec.taints[1]: "gpu" is not KEY[=VALUE]:EFFECT (NoSchedule, PreferNoSchedule or NoExecute)`,
			`InstanceGroup nodes-us-east-1a: spec.tenancy: "shared" is not one of default, dedicated, host`,
		}},
		{"duplicate group", func(m *api.Manifest) {
			m.InstanceGroups = append(m.InstanceGroups, group(m, "bastions").DeepCopy())
		}, []string{"InstanceGroup bastions: metadata.name: another instance group has the same name"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := base(t)
			tc.edit(m)
			err := Validate(m.Cluster, m.InstanceGroups, nil)
			var list List
			if !errors.As(err, &list) {
				t.Fatalf("Validate = %v, want a List", err)
			}
			if got, want := err.Error(), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestErrorsAreSortedNaturally(t *testing.T) {
	m := base(t)
	for i := range 12 {
		m.Cluster.Spec.Subnets = append(m.Cluster.Spec.Subnets, api.Subnet{Name: "x" + string(rune('a'+i)), Zone: "us-east-1a", Type: "Public", CIDR: "10.0.0.0/24"})
	}
	err := ValidateCluster(m.Cluster, nil)
	lines := strings.Split(err.Error(), "\n")
	if !strings.HasPrefix(lines[0], "spec.subnets[6].cidr") || !strings.HasPrefix(lines[len(lines)-1], "spec.subnets[17].cidr") {
		t.Errorf("order:\n%s", err)
	}
}

func TestKopsManifestsAreValid(t *testing.T) {
	cat := testkit.NewCatalog()
	t.Run("update_cluster", func(t *testing.T) {
		dir := testkit.KopsDir(t, "update_cluster")
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := api.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			if err := Validate(m.Cluster, m.InstanceGroups, cat); err != nil {
				t.Errorf("%s:\n%v", filepath.Base(f), err)
			}
		}
	})
	t.Run("create_cluster", func(t *testing.T) {
		dir := testkit.KopsDir(t, "create_cluster")
		files, _ := filepath.Glob(filepath.Join(dir, "*", "expected-v1alpha2.yaml"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := api.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			if m.Cluster.Spec.CloudProvider != api.CloudProviderAWS {
				continue // GCE cases
			}
			if err := Validate(m.Cluster, m.InstanceGroups, cat); err != nil {
				t.Errorf("%s:\n%v", f, err)
			}
		}
	})
}
