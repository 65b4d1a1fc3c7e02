package create

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"k8s.io/utils/clock"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/catalog"
)

// Catalog is what Build asks about the region.
type Catalog interface {
	// InstanceType describes a type; false when unknown.
	InstanceType(name string) (catalog.InstanceType, bool)
	// DefaultInstanceType picks the type of a group of role whose options
	// name none, given its image architecture ("" when unknown yet).
	DefaultInstanceType(role, region, arch string) (string, error)
}

// Network looks up a shared VPC and shared subnets.
type Network interface {
	// VPCCIDR returns the primary CIDR of the VPC id.
	VPCCIDR(ctx context.Context, id string) (string, error)
	// Subnet describes the subnet id.
	Subnet(ctx context.Context, id string) (Subnet, error)
}

// Subnet is an existing subnet, as Network describes it.
type Subnet struct {
	ID, VPCID, CIDR, Zone string
}

// Option configures Build.
type Option func(*builder)

// WithClock sets the clock of metadata.creationTimestamp.
func WithClock(c clock.PassiveClock) Option { return func(b *builder) { b.clock = c } }

// WithCatalog replaces the built-in AWS catalog.
func WithCatalog(c Catalog) Option { return func(b *builder) { b.catalog = c } }

// WithNetwork sets the lookup of shared VPCs and subnets (--network-id,
// --subnets); without it, those options are refused.
func WithNetwork(n Network) Option { return func(b *builder) { b.network = n } }

type builder struct {
	clock   clock.PassiveClock
	catalog Catalog
	network Network

	opts    Options
	region  string
	zones   zoneSubnets
	cluster *api.Cluster
	groups  []*api.InstanceGroup
}

// Build returns the manifest `kops create cluster` would write for opts:
// the Cluster and its InstanceGroups, sorted by name.
func Build(ctx context.Context, opts Options, options ...Option) (*api.Manifest, error) {
	b := &builder{clock: clock.RealClock{}, catalog: catalog.AWS(), opts: opts}
	for _, o := range options {
		o(b)
	}
	steps := []func(context.Context) error{
		b.checkOptions, b.clusterSpec, b.subnets, b.controlPlanes, b.apiServers, b.nodes, b.bastion,
		b.features, b.applySets,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("create cluster %s: %w", opts.ClusterName, err)
		}
	}
	sort.SliceStable(b.groups, func(i, j int) bool { return b.groups[i].Name() < b.groups[j].Name() })
	return &api.Manifest{Cluster: b.cluster, InstanceGroups: b.groups}, nil
}

// checkOptions refuses what kOps refuses before building anything, and
// settles the region.
func (b *builder) checkOptions(context.Context) error {
	o := &b.opts
	if o.ClusterName == "" {
		return fmt.Errorf("a cluster name is required")
	}
	if p := strings.ToLower(o.CloudProvider); p != "" && p != api.CloudProviderAWS {
		return fmt.Errorf("cloud provider %q: drydock rehearses aws only", o.CloudProvider)
	}
	if len(o.Zones) == 0 {
		return fmt.Errorf("at least one zone is required (--zones)")
	}
	if n := len(o.ControlPlaneZones); n%2 == 0 && n > 0 {
		return fmt.Errorf("there should be an odd number of control-plane zones, for etcd's quorum (got %d); "+
			"use --zones and --control-plane-zones to declare node zones and control-plane zones separately", n)
	}
	b.region = catalog.RegionOf(o.Zones[0])
	for _, z := range append(append([]string{}, o.Zones...), o.ControlPlaneZones...) {
		if r := catalog.RegionOf(z); r != b.region {
			return fmt.Errorf("clusters cannot span regions: zone %s is in %s, zone %s in %s", z, r, o.Zones[0], b.region)
		}
	}
	topology := strings.ToLower(o.Topology)
	switch {
	case topology == "" && o.IPv6:
		o.Topology = "private"
	case topology == "" || topology == "public" || topology == "private":
		o.Topology = orDefault(topology, "public")
	default:
		return fmt.Errorf("topology %q: use public or private", o.Topology)
	}
	if o.Bastion && o.Topology != "private" {
		return fmt.Errorf("a bastion needs the private topology (--topology private)")
	}
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
