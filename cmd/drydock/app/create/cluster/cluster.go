// Package cluster is `drydock create cluster`.
package cluster

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/cluster/ops"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/internal/clusterflags"
	"github.com/drydock-sandbox/drydock/internal/cli"
)

type flagpole struct {
	Name                string
	Zones               []string
	ControlPlaneZones   []string
	ControlPlaneCount   int32
	NodeCount           int32
	NodeSize            []string
	ControlPlaneSize    []string
	KubernetesVersion   string
	Networking          string
	Topology            string
	DNS                 string
	DNSZone             string
	APILoadBalancerType string
	Bastion             bool
	SSHPublicKey        string
	NetworkCIDR         []string
	Image               string
	Channel             string
	CloudLabels         string
	Sets                []string
	Yes                 bool
	DryRun              bool
	Output              string

	APIServerCount             int32
	InstanceManager            string
	ControlPlaneImage          string
	NodeImage                  string
	ControlPlaneVolumeSize     int32
	NodeVolumeSize             int32
	ControlPlaneVolumeType     string
	NodeVolumeType             string
	ControlPlaneSecurityGroups []string
	NodeSecurityGroups         []string
	IPv6                       bool
	VPC                        string
	Subnets                    []string
	Egress                     string
	AdminAccess                []string
	SSHAccess                  []string
	EncryptEtcdStorage         bool
	KubernetesFeatureGates     []string
	DiscoveryStore             string
}

// NewCommand returns `drydock create cluster`.
func NewCommand(streams cli.Streams, state *string) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "cluster [NAME]",
		Short: "Create a cluster's configuration in the state store",
		Long: `Create a cluster's configuration (the Cluster and its InstanceGroups) from
kOps' create cluster flags, validate it and write it to the state store.
With --dry-run -o yaml|json it prints the manifest and writes nothing.`,
		Example: `  drydock create cluster k8s.example.com --zones us-east-1a
  drydock create cluster ha.example.com --zones us-east-1a,us-east-1b,us-east-1c --control-plane-count 3 --dry-run -o yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var arg string
			if len(args) == 1 {
				arg = args[0]
			}
			if arg != "" && flags.Name != "" && arg != flags.Name {
				return fmt.Errorf("create cluster: the name %q and --name %q differ; give one", arg, flags.Name)
			}
			opts := ops.CreateClusterOptions{
				Build:        flags.options(clusterflags.Name(arg, flags.Name)),
				DryRun:       flags.DryRun,
				Output:       flags.Output,
				Yes:          flags.Yes,
				SSHPublicKey: flags.SSHPublicKey,
			}
			return ops.CreateCluster(cmd.Context(), clusterflags.Env(*state, streams), opts, streams.Out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&flags.Name, "name", "", "cluster name (or the argument, or $"+clusterflags.EnvClusterName+")")
	f.StringSliceVar(&flags.Zones, "zones", nil, "zones of the nodes and subnets, e.g. us-east-1a,us-east-1b")
	f.StringSliceVar(&flags.ControlPlaneZones, "control-plane-zones", nil, "zones of the control planes (an odd count; default the first of --zones)")
	f.Int32Var(&flags.ControlPlaneCount, "control-plane-count", 0, "number of control planes (default one per control-plane zone)")
	f.Int32Var(&flags.NodeCount, "node-count", 0, "number of nodes (default one per zone)")
	f.StringSliceVar(&flags.NodeSize, "node-size", nil, "instance type of the nodes")
	f.StringSliceVar(&flags.ControlPlaneSize, "control-plane-size", nil, "instance type of the control planes")
	f.StringVar(&flags.KubernetesVersion, "kubernetes-version", "", "Kubernetes version (default "+create.DefaultKubernetesVersion+")")
	f.StringVar(&flags.Networking, "networking", "cilium", "CNI: cilium, cilium-eni, calico, flannel, kindnet, …")
	f.StringVar(&flags.Topology, "topology", "", "public or private (default public)")
	f.StringVar(&flags.DNS, "dns", "", "DNS of the API: public, private or none (default none, or public with --dns-zone)")
	f.StringVar(&flags.DNSZone, "dns-zone", "", "Route53 zone of the cluster's records")
	f.StringVar(&flags.APILoadBalancerType, "api-loadbalancer-type", "", "public or internal")
	f.BoolVar(&flags.Bastion, "bastion", false, "add a bastion instance group (private topology)")
	f.StringVar(&flags.SSHPublicKey, "ssh-public-key", "", "SSH public key file of the admin user, stored in the state store")
	f.StringSliceVar(&flags.NetworkCIDR, "network-cidr", nil, "CIDR of the VPC (default 172.20.0.0/16)")
	f.StringVar(&flags.Image, "image", "", "machine image of every instance group")
	f.StringVar(&flags.Channel, "channel", "", "channel (default stable)")
	f.StringVar(&flags.CloudLabels, "cloud-labels", "", "tags of every cloud resource: k1=v1,k2=v2")
	f.StringSliceVar(&flags.Sets, "set", nil, "set a cluster field: cluster.spec.PATH=VALUE")
	f.BoolVarP(&flags.Yes, "yes", "y", false, "kOps applies at once; drydock writes the spec and points at update cluster")
	f.BoolVar(&flags.DryRun, "dry-run", false, "print the manifest (with -o) and write nothing")
	f.StringVarP(&flags.Output, "output", "o", "", "format of --dry-run: yaml or json")

	f.Int32Var(&flags.APIServerCount, "api-server-count", 0, "number of API-server-only nodes (an APIServer instance group per zone)")
	f.StringVar(&flags.InstanceManager, "instance-manager", "", "cloudGroups (default) or karpenter for the node groups")
	f.StringVar(&flags.ControlPlaneImage, "control-plane-image", "", "machine image of the control planes (overrides --image)")
	f.StringVar(&flags.NodeImage, "node-image", "", "machine image of the nodes (overrides --image)")
	f.Int32Var(&flags.ControlPlaneVolumeSize, "control-plane-volume-size", 0, "root volume size of the control planes, GiB")
	f.Int32Var(&flags.NodeVolumeSize, "node-volume-size", 0, "root volume size of the nodes, GiB")
	f.StringVar(&flags.ControlPlaneVolumeType, "control-plane-volume-type", "", "root volume type of the control planes (gp3, io2, …)")
	f.StringVar(&flags.NodeVolumeType, "node-volume-type", "", "root volume type of the nodes")
	f.StringSliceVar(&flags.ControlPlaneSecurityGroups, "control-plane-security-groups", nil, "extra security groups of the control planes")
	f.StringSliceVar(&flags.NodeSecurityGroups, "node-security-groups", nil, "extra security groups of the nodes")
	f.BoolVar(&flags.IPv6, "ipv6", false, "an IPv6 cluster: IPv6 private subnets for the nodes, dual-stack for the control planes")
	f.StringVar(&flags.VPC, "vpc", "", "shared VPC to build in (its ID)")
	f.StringSliceVar(&flags.Subnets, "subnets", nil, "shared subnets to use (their IDs)")
	f.StringVar(&flags.Egress, "egress", "", "NAT gateway or instance of shared private subnets")
	f.StringSliceVar(&flags.AdminAccess, "admin-access", nil, "CIDRs allowed to the API (default 0.0.0.0/0 and ::/0)")
	f.StringSliceVar(&flags.SSHAccess, "ssh-access", nil, "CIDRs allowed to SSH (default --admin-access)")
	f.BoolVar(&flags.EncryptEtcdStorage, "encrypt-etcd-storage", false, "encrypt the etcd volumes")
	f.StringSliceVar(&flags.KubernetesFeatureGates, "kubernetes-feature-gates", nil, "feature gates: Name, +Name (on) or -Name (off)")
	f.StringVar(&flags.DiscoveryStore, "discovery-store", "", "public store of the service-account issuer discovery documents (IRSA)")

	// kOps' deprecated names, still accepted. Cobra would print their
	// warning on stdout, into a --dry-run manifest: send it to stderr.
	f.SetOutput(streams.Err)
	f.StringSliceVar(&flags.ControlPlaneZones, "master-zones", nil, "")
	f.Int32Var(&flags.ControlPlaneCount, "master-count", 0, "")
	f.StringSliceVar(&flags.ControlPlaneSize, "master-size", nil, "")
	for old, repl := range map[string]string{"master-zones": "control-plane-zones", "master-count": "control-plane-count", "master-size": "control-plane-size"} {
		_ = f.MarkDeprecated(old, "use --"+repl)
	}
	return cmd
}

func (f *flagpole) options(name string) create.Options {
	return create.Options{
		ClusterName:         name,
		Zones:               f.Zones,
		ControlPlaneZones:   f.ControlPlaneZones,
		ControlPlaneCount:   f.ControlPlaneCount,
		NodeCount:           f.NodeCount,
		NodeSizes:           f.NodeSize,
		ControlPlaneSizes:   f.ControlPlaneSize,
		KubernetesVersion:   f.KubernetesVersion,
		Networking:          f.Networking,
		Topology:            f.Topology,
		Bastion:             f.Bastion,
		DNSType:             f.DNS,
		DNSZone:             f.DNSZone,
		APILoadBalancerType: f.APILoadBalancerType,
		NetworkCIDRs:        f.NetworkCIDR,
		Image:               f.Image,
		Channel:             f.Channel,
		CloudLabels:         f.CloudLabels,
		Sets:                f.Sets,

		APIServerCount:             f.APIServerCount,
		InstanceManager:            f.InstanceManager,
		ControlPlaneImage:          f.ControlPlaneImage,
		NodeImage:                  f.NodeImage,
		ControlPlaneVolumeSize:     f.ControlPlaneVolumeSize,
		NodeVolumeSize:             f.NodeVolumeSize,
		ControlPlaneVolumeType:     f.ControlPlaneVolumeType,
		NodeVolumeType:             f.NodeVolumeType,
		ControlPlaneSecurityGroups: f.ControlPlaneSecurityGroups,
		NodeSecurityGroups:         f.NodeSecurityGroups,
		IPv6:                       f.IPv6,
		NetworkID:                  f.VPC,
		SubnetIDs:                  f.Subnets,
		Egress:                     f.Egress,
		AdminAccess:                f.AdminAccess,
		SSHAccess:                  f.SSHAccess,
		EncryptEtcdStorage:         encrypt(f.EncryptEtcdStorage),
		KubernetesFeatureGates:     f.KubernetesFeatureGates,
		DiscoveryStore:             f.DiscoveryStore,
	}
}

// encrypt is --encrypt-etcd-storage: unset unless given.
func encrypt(on bool) *bool {
	if !on {
		return nil
	}
	return &on
}
