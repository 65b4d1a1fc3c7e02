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
	}
}
