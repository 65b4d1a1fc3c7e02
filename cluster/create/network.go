package create

import (
	"context"
	"fmt"
	"sort"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// DefaultNetworkCIDR is the VPC CIDR of a cluster that names none.
const DefaultNetworkCIDR = "172.20.0.0/16"

// zoneSubnets names, per zone, the subnets the groups go in.
type zoneSubnets struct {
	primary    map[string]string   // the zone's subnet: Public, or Private
	dualStack  map[string]string   // IPv6 clusters: the control planes' subnet
	additional map[string][]string // subnets of the additional network CIDRs
}

// subnets sets the VPC, its CIDRs and spec.subnets, and carves the subnet
// CIDRs.
func (b *builder) subnets(ctx context.Context) error {
	o, spec := &b.opts, &b.cluster.Spec
	if len(o.NetworkCIDRs) > 0 {
		spec.NetworkCIDR = o.NetworkCIDRs[0]
		spec.AdditionalNetworkCIDRs = o.NetworkCIDRs[1:]
	}
	spec.NetworkID = o.NetworkID
	shared, err := b.sharedSubnets(ctx)
	if err != nil {
		return err
	}
	if spec.NetworkID != "" && spec.NetworkCIDR == "" {
		if spec.NetworkCIDR, err = b.network.VPCCIDR(ctx, spec.NetworkID); err != nil {
			return fmt.Errorf("looking up VPC %s: %w", spec.NetworkID, err)
		}
	}
	if spec.NetworkCIDR == "" {
		spec.NetworkCIDR = DefaultNetworkCIDR
	}

	b.zones = zoneSubnets{primary: map[string]string{}, dualStack: map[string]string{}, additional: map[string][]string{}}
	kind := api.SubnetPublic
	if o.Topology == "private" {
		kind = api.SubnetPrivate
	}
	var list []api.Subnet
	for _, zone := range unionSorted(o.Zones, o.ControlPlaneZones) {
		s := api.Subnet{Name: zone, Zone: zone, Type: kind}
		if sh, ok := shared[zone]; ok {
			s.CIDR, s.ID = sh.CIDR, sh.ID
		} else if len(shared) > 0 {
			return fmt.Errorf("zone %s has none of the shared subnets (--subnets)", zone)
		}
		if kind == api.SubnetPrivate {
			s.Egress = o.Egress
		}
		b.zones.primary[zone] = s.Name
		list = append(list, s)
	}
	for i, cidr := range spec.AdditionalNetworkCIDRs {
		zone := o.Zones[i%len(o.Zones)]
		s := api.Subnet{Name: fmt.Sprintf("%s-%d", zone, i+1), Zone: zone, CIDR: cidr, Type: kind}
		b.zones.additional[zone] = append(b.zones.additional[zone], s.Name)
		list = append(list, s)
	}
	zones := unionSorted(o.Zones, o.ControlPlaneZones)
	if o.IPv6 {
		for _, zone := range zones {
			b.zones.dualStack[zone] = "dualstack-" + zone
			list = append(list, api.Subnet{Name: "dualstack-" + zone, Zone: zone, Type: api.SubnetDualStack})
		}
	}
	if kind == api.SubnetPrivate {
		for _, zone := range zones {
			list = append(list, api.Subnet{Name: "utility-" + zone, Zone: zone, Type: api.SubnetUtility})
		}
	}
	if o.IPv6 {
		for i := range list {
			list[i].IPv6CIDR = fmt.Sprintf("/64#%x", i)
		}
	}
	spec.Subnets = list
	return AssignSubnetCIDRs(spec)
}

// sharedSubnets looks up --subnets, by zone, and settles the VPC from them.
func (b *builder) sharedSubnets(ctx context.Context) (map[string]Subnet, error) {
	o, spec := &b.opts, &b.cluster.Spec
	if (len(o.SubnetIDs) > 0 || o.NetworkID != "") && b.network == nil {
		return nil, fmt.Errorf("a shared VPC or shared subnets need a network lookup, which this build has not")
	}
	byZone := map[string]Subnet{}
	for _, id := range o.SubnetIDs {
		s, err := b.network.Subnet(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("looking up subnet %s: %w", id, err)
		}
		switch {
		case spec.NetworkID == "":
			spec.NetworkID = s.VPCID
		case s.VPCID != spec.NetworkID:
			return nil, fmt.Errorf("subnet %s is in VPC %s, not in %s", id, s.VPCID, spec.NetworkID)
		}
		if prev, dup := byZone[s.Zone]; dup {
			return nil, fmt.Errorf("subnets %s and %s are both in zone %s; give one per zone", prev.ID, id, s.Zone)
		}
		s.ID = id
		byZone[s.Zone] = s
	}
	return byZone, nil
}

// unionSorted returns the distinct members of a and b, sorted.
func unionSorted(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string{}, a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
