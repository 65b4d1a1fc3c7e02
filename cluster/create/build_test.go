package create

import (
	"context"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/internal/testkit"
)

// build builds opts with the tests' clock and the real AWS catalog.
func build(t *testing.T, opts Options) []byte {
	t.Helper()
	m, err := Build(context.Background(), opts, WithClock(buildClock()))
	if err != nil {
		t.Fatal(err)
	}
	out, err := m.YAML()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGolden(t *testing.T) {
	for name, opts := range map[string]Options{
		"minimal": {
			ClusterName: "k8s.example.com", StateStore: "s3://state", Zones: []string{"us-east-1a"},
			KubernetesVersion: "1.33.4",
		},
		"ha": {
			ClusterName: "ha.example.com", StateStore: "s3://state",
			Zones: []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}, ControlPlaneZones: []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"},
			NodeCount: 5, DNSZone: "example.com", KubernetesVersion: "v1.34.0", CloudLabels: "team=platform, cost-center=\"42, b\"",
		},
		"private": {
			ClusterName: "private.example.com", StateStore: "s3://state",
			Zones: []string{"us-west-2a", "us-west-2b", "us-west-2c"}, ControlPlaneCount: 3,
			Topology: "private", Bastion: true, Networking: "calico", APILoadBalancerType: "internal",
			NodeSizes: []string{"m6g.large"}, NodeVolumeSize: 64, KubernetesVersion: "v1.35.1",
		},
	} {
		t.Run(name, func(t *testing.T) {
			testkit.Golden(t, name, build(t, opts))
		})
	}
}

func TestBuildRefuses(t *testing.T) {
	base := func() Options {
		return Options{ClusterName: "c.example.com", Zones: []string{"us-east-1a"}, KubernetesVersion: "1.33.0"}
	}
	for _, tc := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no name", func(o *Options) { o.ClusterName = "" }, "a cluster name is required"},
		{"no zones", func(o *Options) { o.Zones = nil }, "at least one zone is required (--zones)"},
		{"gce", func(o *Options) { o.CloudProvider = "gce" }, `cloud provider "gce": drydock rehearses aws only`},
		{"even control-plane zones", func(o *Options) { o.ControlPlaneZones = []string{"us-east-1a", "us-east-1b"} },
			"there should be an odd number of control-plane zones, for etcd's quorum (got 2); use --zones and --control-plane-zones to declare node zones and control-plane zones separately"},
		{"two regions", func(o *Options) { o.Zones = append(o.Zones, "eu-west-1a") },
			"clusters cannot span regions: zone eu-west-1a is in eu-west-1, zone us-east-1a in us-east-1"},
		{"bad topology", func(o *Options) { o.Topology = "hybrid" }, `topology "hybrid": use public or private`},
		{"public bastion", func(o *Options) { o.Bastion = true }, "a bastion needs the private topology (--topology private)"},
		{"bad dns", func(o *Options) { o.DNSType = "gossip" }, `dns "gossip": use public, private or none`},
		{"bad lb", func(o *Options) { o.APILoadBalancerType = "external" }, `api load balancer type "external": use public or internal`},
		{"bad cni", func(o *Options) { o.Networking = "weave" }, `networking "weave" is not one drydock knows`},
		{"bad version", func(o *Options) { o.KubernetesVersion = "latest" }, `kubernetes version: "latest" is not a version such as 1.33.4`},
		{"old version", func(o *Options) { o.KubernetesVersion = "1.25.0" }, "instance group control-plane-us-east-1a: no default image for Kubernetes 1.25.0; name one (--image)"},
		{"shared VPC, no lookup", func(o *Options) { o.NetworkID = "vpc-1" }, "a shared VPC or shared subnets need a network lookup"},
		{"karpenter without IRSA", func(o *Options) { o.InstanceManager = "karpenter" }, "karpenter needs IAM roles for service accounts"},
		{"bad labels", func(o *Options) { o.CloudLabels = "a=1,b" }, `cloud labels: "b" is not key=value`},
		{"small network", func(o *Options) { o.NetworkCIDRs = []string{"10.0.0.0/30"}; o.Topology = "private" },
			"10.0.0.0/31 is too small to split into 8 subnets"},
		{"bad set", func(o *Options) { o.Sets = []string{"cluster.metadata.name=x"} }, `set "cluster.metadata.name=x": only cluster.spec fields can be set`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := base()
			tc.edit(&o)
			_, err := Build(context.Background(), o, WithClock(buildClock()))
			if err == nil {
				t.Fatalf("Build succeeded, want %q", tc.want)
			}
			want := "create cluster " + o.ClusterName + ": " + tc.want
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error\n got: %v\nwant: %s…", err, want)
			}
		})
	}
}

func TestParseCloudLabels(t *testing.T) {
	got, err := parseCloudLabels(`Owner=John Doe,dn="cn=John Doe: dc=example dc=com", foo/bar=fib+baz,q="say ""hi"""`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Owner": "John Doe", "dn": "cn=John Doe: dc=example dc=com", "foo/bar": "fib+baz", "q": `say "hi"`}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestUnmodelledOfABuiltCluster(t *testing.T) {
	m, err := Build(context.Background(), Options{
		ClusterName: "k8s.example.com", Zones: []string{"us-east-1a"}, KubernetesVersion: "1.33.4",
		DiscoveryStore: "s3://oidc", KubernetesFeatureGates: []string{"-InPlacePodVerticalScaling"},
	}, WithClock(buildClock()))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Cluster k8s.example.com: spec.authorization.rbac",
		"Cluster k8s.example.com: spec.etcdClusters[*].manager.backupRetentionDays",
		"Cluster k8s.example.com: spec.iam.useServiceAccountExternalPermissions",
		"Cluster k8s.example.com: spec.kubeAPIServer.featureGates",
		"Cluster k8s.example.com: spec.kubeControllerManager.featureGates",
		"Cluster k8s.example.com: spec.kubeProxy.enabled",
		"Cluster k8s.example.com: spec.kubeProxy.featureGates",
		"Cluster k8s.example.com: spec.kubeScheduler.featureGates",
		"Cluster k8s.example.com: spec.kubelet.anonymousAuth",
		"Cluster k8s.example.com: spec.kubelet.featureGates",
		"Cluster k8s.example.com: spec.networking.cilium.enableNodePort",
		"Cluster k8s.example.com: spec.serviceAccountIssuerDiscovery",
	}
	got := m.Unmodelled()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Unmodelled:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
