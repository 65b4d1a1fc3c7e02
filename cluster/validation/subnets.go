package validation

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/catalog"
)

var subnetTypes = []string{api.SubnetPublic, api.SubnetPrivate, api.SubnetUtility, api.SubnetDualStack}

// checkSubnets checks spec.subnets: names, types, zones in one known
// region, CIDRs inside the network and apart from each other.
func (v *validator) checkSubnets() {
	s := &v.cluster.Spec
	if len(s.Subnets) == 0 {
		v.errorf("spec.subnets", "at least one subnet is required")
		return
	}
	networks := v.networks()
	region := catalog.RegionOf(s.Subnets[0].Zone)
	zones, regionKnown := v.catalog.Zones(region)
	names := map[string]int{}
	type placed struct {
		index  int
		prefix netip.Prefix
	}
	var cidrs []placed
	for i, sn := range s.Subnets {
		path := fmt.Sprintf("spec.subnets[%d]", i)
		switch prev, dup := names[sn.Name]; {
		case sn.Name == "":
			v.errorf(path+".name", "required")
		case dup:
			v.errorf(path+".name", "%s is already the name of spec.subnets[%d]", sn.Name, prev)
		default:
			names[sn.Name] = i
		}
		if !contains(subnetTypes, sn.Type) {
			v.errorf(path+".type", "%q is not one of %s", sn.Type, join(subnetTypes))
		}
		switch r := catalog.RegionOf(sn.Zone); {
		case sn.Zone == "":
			v.errorf(path+".zone", "required")
		case r != region:
			v.errorf(path+".zone", "%s is not in the cluster's region %s (of spec.subnets[0].zone)", sn.Zone, region)
		case !regionKnown && i == 0:
			v.errorf(path+".zone", "%s is in %s, a region drydock does not know", sn.Zone, region)
		case regionKnown && !contains(zones, sn.Zone):
			v.errorf(path+".zone", "%s is not a zone of %s (%s)", sn.Zone, region, join(zones))
		}
		if sn.Egress != "" {
			switch {
			case sn.Type != api.SubnetPrivate:
				v.errorf(path+".egress", "only a Private subnet has an egress")
			case !hasAnyPrefix(sn.Egress, "nat-", "i-", "eipalloc-") && sn.Egress != "External":
				v.errorf(path+".egress", "%q is not a NAT gateway (nat-…), an instance (i-…), an Elastic IP (eipalloc-…) or External", sn.Egress)
			}
		}
		if sn.CIDR == "" {
			if sn.ID == "" && !(sn.Type == api.SubnetPrivate && sn.IPv6CIDR != "") {
				v.errorf(path+".cidr", "required (or the id of a shared subnet)")
			}
			continue
		}
		p, ok := v.ipv4(path+".cidr", sn.CIDR)
		if !ok {
			continue
		}
		if len(networks) > 0 && !insideAny(p, networks) {
			v.errorf(path+".cidr", "%s is not inside %s", sn.CIDR, v.networkNames())
		}
		for _, prev := range cidrs {
			if prev.prefix.Overlaps(p) {
				v.errorf(path+".cidr", "%s overlaps spec.subnets[%d].cidr %s", sn.CIDR, prev.index, prev.prefix)
			}
		}
		cidrs = append(cidrs, placed{i, p})
	}
	v.checkUtilitySubnets()
}

// checkUtilitySubnets: a Private subnet without an egress of its own goes
// out through a NAT gateway in a Utility subnet of its zone.
func (v *validator) checkUtilitySubnets() {
	s := &v.cluster.Spec
	utility := map[string]bool{}
	for _, sn := range s.Subnets {
		if sn.Type == api.SubnetUtility {
			utility[sn.Zone] = true
		}
	}
	for i, sn := range s.Subnets {
		if sn.Type == api.SubnetPrivate && sn.Egress == "" && sn.Zone != "" && !utility[sn.Zone] {
			v.errorf(fmt.Sprintf("spec.subnets[%d]", i), "Private subnet %s has no Utility subnet in zone %s for its NAT gateway", sn.Name, sn.Zone)
		}
	}
}

// networks returns the valid networkCIDR and additionalNetworkCIDRs.
func (v *validator) networks() []netip.Prefix {
	s := &v.cluster.Spec
	var out []netip.Prefix
	for _, cidr := range append([]string{s.NetworkCIDR}, s.AdditionalNetworkCIDRs...) {
		if p, err := netip.ParsePrefix(cidr); err == nil && p.Addr().Is4() {
			out = append(out, p.Masked())
		}
	}
	return out
}

func (v *validator) networkNames() string {
	s := &v.cluster.Spec
	if len(s.AdditionalNetworkCIDRs) == 0 {
		return "networkCIDR " + s.NetworkCIDR
	}
	return fmt.Sprintf("networkCIDR %s or additionalNetworkCIDRs %s", s.NetworkCIDR, join(s.AdditionalNetworkCIDRs))
}

func insideAny(p netip.Prefix, networks []netip.Prefix) bool {
	for _, n := range networks {
		if n.Bits() <= p.Bits() && n.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
